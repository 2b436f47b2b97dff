"""Run a composite action.yml locally, the way the GitHub runner would, for
tests/e2e/action.sh: inputs with defaults, `if:` conditions, `env:` values
with `${{ inputs.* }}` / `${{ steps.*.outputs.* }}`, `run:` steps in bash with
GITHUB_OUTPUT, and `uses:` steps recorded (printed), not run.

Only the expression forms the action uses are understood; any other one is an
error, so a change to action.yml that this runner cannot model fails the test
instead of being skipped.

    python run_action.py ACTION_YML [name=value ...]

Exits with the exit code of the first failing step (later steps do not run).
"""

import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def main():
    action_path, *pairs = sys.argv[1:]
    with open(action_path) as f:
        action = yaml.safe_load(f)
    assert action["runs"]["using"] == "composite", "not a composite action"
    declared = action.get("inputs") or {}
    inputs = {name: str(spec.get("default", "")) for name, spec in declared.items()}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if name not in declared:
            sys.exit(f"run_action: unknown input {name!r}")
        inputs[name] = value
    steps = {}

    def value_of(expr):
        m = re.fullmatch(r"inputs\.([A-Za-z0-9_-]+)", expr)
        if m:
            if m.group(1) not in inputs:
                sys.exit(f"run_action: undefined input in {expr!r}")
            return inputs[m.group(1)]
        m = re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", expr)
        if m:
            return steps.get(m.group(1), {}).get(m.group(2), "")
        sys.exit(f"run_action: unsupported expression {expr!r}")

    def substitute(text):
        return EXPR.sub(lambda m: value_of(m.group(1)), str(text))

    def condition(expr):
        m = re.fullmatch(r"(inputs\.[A-Za-z0-9_-]+)\s*==\s*'([^']*)'", expr.strip())
        if not m:
            sys.exit(f"run_action: unsupported if: {expr!r}")
        return value_of(m.group(1)) == m.group(2)

    for step in action["runs"]["steps"]:
        name = step.get("name", step.get("id", "?"))
        if "if" in step and not condition(step["if"]):
            print(f"run_action: skip  {name}")
            continue
        if "uses" in step:
            given = {k: substitute(v) for k, v in (step.get("with") or {}).items()}
            args = " ".join(f"{k}={v}" for k, v in sorted(given.items()))
            print(f"run_action: USES {step['uses'].split('@')[0]} {args}")
            continue
        assert step.get("shell") == "bash", f"{name}: shell must be bash"
        script = step["run"]
        if "${{" in script:
            sys.exit(f"run_action: {name}: an expression inside run: (pass it through env:)")
        env = dict(os.environ)
        for k, v in (step.get("env") or {}).items():
            env[k] = substitute(v)
        with tempfile.NamedTemporaryFile("w", suffix=".out", delete=False) as out:
            env["GITHUB_OUTPUT"] = out.name
        print(f"run_action: run   {name}", flush=True)
        # What the runner does for `shell: bash`.
        code = subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], env=env)
        with open(env["GITHUB_OUTPUT"]) as f:
            outputs = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
        os.unlink(env["GITHUB_OUTPUT"])
        if "id" in step:
            steps[step["id"]] = outputs
        if code != 0:
            print(f"run_action: step {name!r} failed with exit code {code}")
            sys.exit(code)
    for name, spec in (action.get("outputs") or {}).items():
        print(f"run_action: output {name}={substitute(spec['value'])}")


if __name__ == "__main__":
    main()
