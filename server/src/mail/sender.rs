//! The background sender: takes due email from the outbox one at a time (a lease, so any
//! number of server instances may run it and each email goes through one of them at a
//! time), hands it to the mail server, and records the outcome. A failure waits its back-off
//! and is tried again; a crash mid-send leaves the lease to run out, and the resend carries
//! the same Message-ID.

use super::MailSettings;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use pathway_core::error::AppError;
use pathway_store::db::Db;
use pathway_store::outbox::{self, Outgoing};
use std::time::Duration;
use tokio::sync::watch;

/// One SMTP conversation's limit: well inside the outbox's lease, so a send still under way
/// is never claimed again by another instance.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// The most email one pass sends before looking at the stop signal again.
const PASS_LIMIT: usize = 200;

#[derive(Clone)]
pub struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: url::Url,
    poll: Duration,
}

/// What one pass over the outbox did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Delivered {
    pub sent: usize,
    pub failed: usize,
}

impl Sender {
    pub fn new(settings: &MailSettings) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.smtp_url)
            .map_err(|_| "PATHWAY_SMTP_URL is not a mail server address".to_owned())?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(Self {
            transport,
            from: settings.from.clone(),
            public_url: settings.public_url.clone(),
            poll: settings.poll,
        })
    }

    /// Sends every email due now (up to [`PASS_LIMIT`]), one claim at a time.
    pub async fn deliver_due(&self, db: &Db) -> Result<Delivered, AppError> {
        let mut done = Delivered::default();
        while done.sent + done.failed < PASS_LIMIT {
            let Some(mail) = outbox::claim(db).await? else {
                break;
            };
            match self.send(&mail).await {
                Ok(()) => {
                    outbox::sent(db, &mail).await?;
                    done.sent += 1;
                }
                Err(error) => {
                    // the outbox id, never the address or subject: they name people
                    tracing::warn!(outbox = %mail.id, attempt = mail.attempts, %error, "email not sent; it will be tried again");
                    outbox::failed(db, &mail, &error).await?;
                    done.failed += 1;
                }
            }
        }
        if done.sent > 0 {
            tracing::info!(sent = done.sent, "email sent");
        }
        Ok(done)
    }

    /// Runs until `stop` says so: a pass, then a pause while the outbox is empty. A send
    /// under way finishes before it stops (a stop mid-conversation would mean a resend).
    pub async fn run(self, db: Db, mut stop: watch::Receiver<bool>) {
        loop {
            if *stop.borrow() {
                return;
            }
            let pause = match self.deliver_due(&db).await {
                Ok(done) if done.sent + done.failed == PASS_LIMIT => Duration::ZERO,
                Ok(_) => self.poll,
                Err(error) => {
                    tracing::error!(%error, "cannot read the email outbox");
                    self.poll
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = stop.changed() => return,
            }
        }
    }

    async fn send(&self, mail: &Outgoing) -> Result<(), String> {
        let message = self.message(mail)?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|error| error.to_string())
    }

    /// The email: the notice's line as its subject, the link, and nothing of anyone's work.
    pub fn message(&self, mail: &Outgoing) -> Result<Message, String> {
        let to: Address = mail.to_address.parse().map_err(|_| {
            "the address on the person's record is not one a mail server takes".to_owned()
        })?;
        let link = self
            .public_url
            .join(&mail.link)
            .map_err(|_| "the notice's link is not a Pathway address".to_owned())?;
        let body = format!(
            "{subject}\n\nOpen Pathway to see it: {link}\n\n\
             Pathway sends this to each person a decision concerns. It holds nothing of \
             anyone's evidence: sign in to read the record.\n",
            subject = mail.subject,
        );
        Message::builder()
            .message_id(Some(format!(
                "<{}@{}>",
                mail.message_id,
                self.from.email.domain()
            )))
            .from(self.from.clone())
            .to(Mailbox::new(None, to))
            .subject(format!("Pathway: {}", mail.subject))
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|error| format!("the email could not be put together: {error}"))
    }
}
