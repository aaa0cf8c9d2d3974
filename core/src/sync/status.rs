//! What a device says about its sync with Pathway: the status line ("All changes saved to
//! Pathway", "N changes only on this device", …), the drafts it holds back and why, and the
//! words for a sign-out that waits for the network. Pure text, so the page, the offline app
//! and their tests read the same words.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncStatusText {
    /// Not known yet (server render, before hydration).
    Unknown,
    AllSaved,
    OnlyHere(usize),
    /// Offline, with this many changes only on this device.
    Offline(usize),
    Failed,
    /// The server no longer knows this session (it expired, or was ended elsewhere): the
    /// changes wait on the device until the worker signs in again.
    SignedOut,
}

impl SyncStatusText {
    pub fn text(self) -> String {
        match self {
            Self::Unknown => String::new(),
            Self::AllSaved => "All changes saved to Pathway".into(),
            Self::OnlyHere(1) => "1 change only on this device".into(),
            Self::OnlyHere(n) => format!("{n} changes only on this device"),
            Self::Offline(0) => "Offline".into(),
            Self::Offline(n) => format!("Offline — {}", Self::OnlyHere(n).text()),
            Self::Failed => "Sync failed — retrying".into(),
            Self::SignedOut => "Signed out of Pathway".into(),
        }
    }

    /// The status line: a failed sync also says how much waits on the device, so the worker
    /// knows their text is kept while Pathway cannot be reached.
    pub fn line(self, unsynced: usize) -> String {
        match self {
            Self::Failed | Self::SignedOut if unsynced > 0 => {
                format!("{} — {}", self.text(), Self::OnlyHere(unsynced).text())
            }
            _ => self.text(),
        }
    }
}

/// A draft kept on this device that is not on Pathway and is not waiting to be sent, with why
/// (issue 20: the status never says "All changes saved" while one exists).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    pub id: String,
    pub title: String,
    /// Why it is not sent: the problems the server would refuse it for, or "needs attention".
    pub reasons: Vec<String>,
    /// Where to open it online.
    pub href: String,
}

/// What a device says while a sign-out waits for Pathway.
pub const SIGN_OUT_PENDING: &str = "You chose to sign out, but Pathway could not be reached, so you are not signed out yet. This device will sign you out as soon as it is back online. Until then it shows nobody’s work.";

#[cfg(test)]
mod tests {
    use super::SyncStatusText;

    #[test]
    fn the_status_line_says_what_waits_on_the_device() {
        assert_eq!(
            SyncStatusText::OnlyHere(3).line(3),
            "3 changes only on this device"
        );
        assert_eq!(
            SyncStatusText::Offline(1).line(1),
            "Offline — 1 change only on this device"
        );
        assert_eq!(
            SyncStatusText::Failed.line(2),
            "Sync failed — retrying — 2 changes only on this device"
        );
        assert_eq!(SyncStatusText::Failed.line(0), "Sync failed — retrying");
        assert_eq!(
            SyncStatusText::SignedOut.line(1),
            "Signed out of Pathway — 1 change only on this device"
        );
        assert_eq!(
            SyncStatusText::AllSaved.line(0),
            "All changes saved to Pathway"
        );
    }
}
