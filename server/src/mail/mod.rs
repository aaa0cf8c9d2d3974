//! Email (issue 14 item 6): the settings that name a mail server, and the background sender
//! that empties the outbox through it (`pathway_store::outbox` keeps the outbox).

mod sender;
mod settings;

pub use sender::{Delivered, Sender};
pub use settings::MailSettings;
