//! wasm32 half of the rules-engine equivalence check: the same questions, answered by the
//! WebAssembly build the browser runs, must give the answers the server gives
//! (core/tests/domain_answers.rs checks the native build against the same file).
//! Runs in Node through wasm-bindgen-test-runner (`cargo xtask test` sets the runner).
#![cfg(target_arch = "wasm32")]

#[path = "../../core/tests/support/equivalence.rs"]
mod equivalence;

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn wasm_answers_match_the_server_answers() {
    let answers = equivalence::report();
    assert!(answers.lines().count() > 500);
    assert!(
        answers == equivalence::GOLDEN,
        "wasm32 answers differ from the server's"
    );
}
