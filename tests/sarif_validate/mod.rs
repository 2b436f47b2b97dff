//! SARIF validation inside the repository, so `cargo test` checks it in any
//! clone: the official OASIS SARIF 2.1.0 JSON schema (errata01, draft-04,
//! committed as `tests/sarif-schema-2.1.0.json`, a data file) through the
//! `jsonschema` crate with format checks on (`uri-reference` catches an
//! unencoded space), plus the ingestion rules GitHub code scanning documents
//! beyond the schema. A log that breaks either fails the test; nothing here
//! can skip.

use std::sync::OnceLock;

use serde_json::Value;

const SCHEMA: &str = include_str!("../sarif-schema-2.1.0.json");

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).expect("the committed schema is JSON");
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft4)
            .should_validate_formats(true)
            // A draft-06 format the draft-04 SARIF schema uses; checked as
            // Python's jsonschema (what upload-sarif's checks mirror) does.
            .with_format("uri-reference", uri_reference)
            .with_format("uri", |s: &str| {
                uri_reference(s)
                    && s.split_once(':')
                        .is_some_and(|(scheme, _)| is_scheme(scheme))
            })
            .build(&schema)
            .expect("the committed SARIF schema compiles")
    })
}

fn is_scheme(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
}

/// An RFC 3986 URI reference: only unreserved, reserved and `%XX` escapes,
/// and a first segment that is not mistaken for a scheme.
fn uri_reference(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            if i + 2 >= b.len() || !(b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit()) {
                return false;
            }
            i += 3;
            continue;
        }
        let ok = c.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&c);
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

/// Every problem of `log` (schema, then GitHub's rules), one line each.
pub fn problems(log: &str) -> Vec<String> {
    let v: Value = match serde_json::from_str(log) {
        Ok(v) => v,
        Err(e) => return vec![format!("not JSON: {e}")],
    };
    let mut out: Vec<String> = validator()
        .iter_errors(&v)
        .map(|e| format!("schema: {}: {e}", e.instance_path))
        .collect();
    github(&v, &mut out);
    out
}

/// Panic with every problem of `log`, named `what`.
pub fn assert_valid(what: &str, log: &str) {
    let p = problems(log);
    assert!(
        p.is_empty(),
        "{what}: invalid SARIF:\n{}\n{log}",
        p.join("\n")
    );
}

fn text(v: &Value, key: &str) -> bool {
    v[key].as_str().is_some_and(|t| !t.trim().is_empty())
}

/// GitHub code scanning's documented requirements beyond the schema
/// (docs "SARIF support for code scanning", upload-sarif's processing errors).
fn github(log: &Value, out: &mut Vec<String>) {
    let mut e = |m: String| out.push(format!("github: {m}"));
    if !text(log, "$schema") {
        e("$schema is required".into());
    }
    let runs = log["runs"].as_array().cloned().unwrap_or_default();
    if runs.len() > 20 {
        e(format!("{} runs (at most 20)", runs.len()));
    }
    for (ri, run) in runs.iter().enumerate() {
        let driver = &run["tool"]["driver"];
        if !text(driver, "name") {
            e(format!("run {ri}: tool.driver.name is required"));
        }
        let Some(rules) = driver["rules"].as_array() else {
            e(format!("run {ri}: tool.driver.rules[] is required"));
            continue;
        };
        let mut ids = std::collections::HashSet::new();
        for (i, rule) in rules.iter().enumerate() {
            let id = rule["id"].as_str().unwrap_or("");
            if id.is_empty() || !ids.insert(id.to_string()) {
                e(format!("rule {i}: id {id:?} empty or duplicated"));
            }
            if rule["name"]
                .as_str()
                .is_some_and(|n| n.chars().count() > 255)
            {
                e(format!("rule {id}: name longer than 255"));
            }
            for key in ["shortDescription", "fullDescription", "help"] {
                if !text(&rule[key], "text") {
                    e(format!("rule {id}: {key}.text is required"));
                }
            }
            for key in ["shortDescription", "fullDescription"] {
                if rule[key]["text"]
                    .as_str()
                    .is_some_and(|t| t.chars().count() > 1024)
                {
                    e(format!("rule {id}: {key}.text longer than 1024"));
                }
            }
            let props = &rule["properties"];
            let tags = props["tags"].as_array().cloned().unwrap_or_default();
            if tags.len() > 20 {
                e(format!("rule {id}: more than 20 tags"));
            }
            if let Some(sev) = props.get("security-severity") {
                let n = sev.as_str().and_then(|s| s.parse::<f64>().ok());
                if !n.is_some_and(|n| n > 0.0 && n <= 10.0) {
                    e(format!(
                        "rule {id}: security-severity {sev} is not a string number in (0, 10]"
                    ));
                }
                if !tags.iter().any(|t| t == "security") {
                    e(format!(
                        "rule {id}: security-severity without the `security` tag"
                    ));
                }
            }
            if let Some(p) = props.get("precision") {
                if !["very-high", "high", "medium", "low"].contains(&p.as_str().unwrap_or("")) {
                    e(format!("rule {id}: precision {p}"));
                }
            }
        }
        let Some(results) = run["results"].as_array() else {
            e(format!("run {ri}: results[] is required (may be empty)"));
            continue;
        };
        if !results.is_empty() && run.get("columnKind").is_none() {
            e(format!("run {ri}: columnKind is required with results"));
        }
        let bases = &run["originalUriBaseIds"];
        for (i, res) in results.iter().enumerate() {
            if !text(&res["message"], "text") {
                e(format!("result {i}: message.text is required"));
            }
            let rid = res["ruleId"].as_str();
            if rid.is_some_and(|r| !ids.contains(r)) {
                e(format!("result {i}: ruleId {rid:?} has no rule descriptor"));
            }
            if let Some(ix) = res.get("ruleIndex") {
                let at = ix.as_u64().and_then(|ix| rules.get(ix as usize));
                match at {
                    None => e(format!("result {i}: ruleIndex {ix} out of range")),
                    Some(r) if rid.is_some() && r["id"].as_str() != rid => {
                        e(format!("result {i}: rules[{ix}].id is not ruleId {rid:?}"))
                    }
                    Some(_) => {}
                }
            }
            let locs = res["locations"].as_array().cloned().unwrap_or_default();
            if locs.is_empty() || locs.len() > 1000 {
                e(format!("result {i}: {} locations", locs.len()));
            }
            let related = res["relatedLocations"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for loc in locs.iter().take(1).chain(&related) {
                let art = &loc["physicalLocation"]["artifactLocation"];
                let uri = art["uri"].as_str().unwrap_or("");
                if uri.is_empty() {
                    e(format!("result {i}: artifactLocation.uri is required"));
                }
                let scheme = uri.split_once(':').map(|(s, _)| s).filter(|s| {
                    s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
                });
                if scheme.is_some_and(|s| s != "file") {
                    e(format!("result {i}: uri scheme of {uri:?}"));
                }
                if scheme.is_some() && art.get("uriBaseId").is_some() {
                    e(format!(
                        "result {i}: uriBaseId with an absolute uri {uri:?}"
                    ));
                }
                if uri.contains('\\') {
                    e(format!("result {i}: backslash in uri {uri:?}"));
                }
                if let Some(b) = art["uriBaseId"].as_str() {
                    if bases.get(b).is_none() {
                        e(format!(
                            "result {i}: uriBaseId {b} not in originalUriBaseIds"
                        ));
                    }
                }
                let region = &loc["physicalLocation"]["region"];
                if region["startLine"].as_u64().is_none_or(|l| l < 1) {
                    e(format!("result {i}: region.startLine is required"));
                }
            }
            if !res["partialFingerprints"]["primaryLocationLineHash"].is_string() {
                e(format!(
                    "result {i}: partialFingerprints.primaryLocationLineHash"
                ));
            }
        }
    }
}

#[test]
fn the_validator_rejects_what_github_and_the_schema_reject() {
    let good = r#"{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":{"name":"t","rules":[]}},"results":[]}]}"#;
    assert_eq!(problems(good), Vec::<String>::new());
    for (bad, why) in [
        (good.replace("2.1.0\",\"runs", "2.0.0\",\"runs"), "schema: "),
        (good.replace(",\"results\":[]", ""), "results[] is required"),
        (
            good.replace(
                "\"rules\":[]",
                r#""rules":[{"id":"r","shortDescription":{"text":"s"},"fullDescription":{"text":"f"},"help":{"text":"h"},"properties":{"tags":["security"],"security-severity":9.5}}]"#,
            ),
            "security-severity",
        ),
        (
            good.replace(
                "\"results\":[]",
                r#""columnKind":"utf16CodeUnits","results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"my file.json"},"region":{"startLine":1}}}],"partialFingerprints":{"primaryLocationLineHash":"x"}}]"#,
            ),
            "uri-reference",
        ),
    ] {
        let p = problems(&bad).join("\n");
        assert!(p.contains(why), "{why}: {p}");
    }
}
