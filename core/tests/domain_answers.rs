//! Native half of the rules-engine equivalence check (the wasm32 half is in
//! frontend/tests/domain_equivalence.rs). `PATHWAY_UPDATE_ANSWERS=1` rewrites the file after
//! a deliberate rule change; review the diff before committing it.

mod support {
    pub mod equivalence;
}

#[test]
fn native_answers_match_the_recorded_answers() {
    let answers = support::equivalence::report();
    if std::env::var_os("PATHWAY_UPDATE_ANSWERS").is_some() {
        std::fs::write(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/support/domain-answers.txt"
            ),
            &answers,
        )
        .expect("write answers");
        return;
    }
    assert!(
        answers.lines().count() > 500,
        "the battery asks enough questions"
    );
    assert!(
        answers == support::equivalence::GOLDEN,
        "native answers differ from tests/support/domain-answers.txt"
    );
}
