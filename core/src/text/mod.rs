//! Evidence text as a reader sees it: the Markdown-lite parser (`markdown`) and the word
//! count built on it (`words`); text as an export writes it (`csv`). Pure and shared by the server, the editor and the offline
//! app; nothing here recurses or rescans, so no text can exhaust a stack or a CPU.

pub mod csv;
pub mod markdown;
pub mod url;
pub mod words;

pub use words::count_words;
