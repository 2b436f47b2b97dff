//! Quality of the secret detector, measured on the labelled corpus generated
//! from the catalogue's formats (see `src/secrets/corpus.rs`): at least 150
//! secrets and 150 non-secrets, recall ≥ 0.98, zero false positives.

use mcpward::secrets::corpus::labelled;
use mcpward::secrets::describe;
use mcpward::secrets::scan_value;

#[test]
fn recall_and_false_positives() {
    for seed in [1, 2, 3] {
        let corpus = labelled(seed);
        let secrets: Vec<_> = corpus.iter().filter(|c| c.secret).collect();
        let clean: Vec<_> = corpus.iter().filter(|c| !c.secret).collect();
        assert!(secrets.len() >= 150, "only {} secret cases", secrets.len());
        assert!(clean.len() >= 150, "only {} non-secret cases", clean.len());

        let missed: Vec<String> = secrets
            .iter()
            .filter(|c| scan_value(c.name.as_deref(), &c.value).is_empty())
            .map(|c| format!("{} under {:?} ({})", c.label, c.name, describe(&c.value, 4)))
            .collect();
        let recall = 1.0 - missed.len() as f64 / secrets.len() as f64;
        assert!(
            recall >= 0.98,
            "seed {seed}: recall {recall:.3}; missed: {missed:#?}"
        );

        let false_pos: Vec<String> = clean
            .iter()
            .filter(|c| !scan_value(c.name.as_deref(), &c.value).is_empty())
            .map(|c| format!("{} under {:?} ({})", c.label, c.name, describe(&c.value, 4)))
            .collect();
        assert!(
            false_pos.is_empty(),
            "seed {seed}: false positives: {false_pos:#?}"
        );
    }
}

#[test]
fn every_provider_is_in_the_corpus() {
    let corpus = labelled(1);
    for p in mcpward::secrets::PROVIDERS {
        assert!(
            corpus
                .iter()
                .filter(|c| c.secret && c.label == p.id)
                .count()
                >= 2,
            "{} missing from the corpus",
            p.id
        );
    }
}

#[test]
fn corpus_size_is_reported() {
    let c = labelled(1);
    let s = c.iter().filter(|c| c.secret).count();
    eprintln!(
        "corpus: {} secret, {} non-secret, {} providers",
        s,
        c.len() - s,
        mcpward::secrets::PROVIDERS.len()
    );
    assert!(s >= 150 && c.len() - s >= 150);
}
