//! The worker portfolio as both the server and the browser see it (PORTFOLIO, PATH-ASYE,
//! PATH-L3, PATH-MGMT, CPD-1, CPD-2): what each kind of evidence asks for, the editor's
//! form state, validation, the reflective statement's word count message, the identifying-
//! text warnings (the Markdown-lite renderer and word count are in `crate::text`). Compiled for both `ssr` and `hydrate`, so
//! the browser checks a form with exactly the code the server saves it with.
//! The policy rules themselves (readiness, CPD-2 allowance, word counting) stay in `domain`.

pub mod form;
pub mod identifying;
pub mod kinds;
pub mod posted;
pub mod views;
pub mod words;

pub use form::{validate, validation_message, EvidenceForm, FieldError, ValidEvidence};
pub use kinds::{kind_code, kind_from_code, spec, Author, KindSpec};
