//! Issue 14 item 6: notices by email through a transactional outbox, delivered to a real
//! SMTP server the test starts (`smtp_server`), on both databases. Helen Fairweather records
//! "not yet" for Aisha Rahman (team South); the notice goes to Aisha, to Priya Natarajan
//! (Helen's service manager) and to Maya Lindqvist (panel secretariat), in the app and by
//! email.

use crate::helpers::{spawn_app_with, Backend, Options, TestApp, MAIL_FROM, PUBLIC_URL};
use crate::session::{count, person_id, User};
use crate::smtp_server::{closed_port_url, Received, SmtpServer};
use chrono::{Duration, Utc};
use pathway_core::outbox::UnsentMailPage;
use pathway_store::clock::Clock;
use pathway_store::outbox::{self, LEASE_SECONDS};
use server::mail::{Delivered, MailSettings, Sender};
use std::collections::BTreeSet;

/// What Helen types and what no email may carry: a decision's reasons and plan are the
/// worker's record, read only by signing in.
const REASON: &str = "Needs more observed direct work with Family K";
const ACTION: &str = "Two observed home visits with Family K";

fn sender(smtp_url: String) -> Sender {
    let settings = MailSettings {
        smtp_url,
        from: MAIL_FROM.parse().unwrap(),
        public_url: PUBLIC_URL.parse().unwrap(),
        poll: std::time::Duration::from_secs(1),
    };
    Sender::new(&settings).unwrap()
}

/// Helen records "not yet" with a dated plan for Aisha; answers Aisha's id.
async fn not_yet_for_aisha(app: &TestApp) -> String {
    let helen = User::demo(app, "Helen Fairweather").await;
    let aisha = person_id(app, "Aisha Rahman").await;
    let due = (app.db.clock().today() + Duration::days(60)).to_string();
    let response = helen
        .call(
            "decisions/record",
            &[
                ("form[worker]", aisha.as_str()),
                ("form[outcome]", "not_yet"),
                ("form[reason]", REASON),
                ("form[action_1]", ACTION),
                ("form[due_1]", due.as_str()),
            ],
        )
        .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    aisha
}

async fn email_of(app: &TestApp, name: &str) -> String {
    let (email,): (String,) = sqlx::query_as("SELECT email FROM people WHERE full_name = $1")
        .bind(name)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    email
}

async fn unsent(admin: &User) -> UnsentMailPage {
    let response = admin.call("admin/unsent_mail", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The Message-ID the outbox gave the email to `address`.
async fn message_id_for(app: &TestApp, address: &str) -> String {
    let (id,): (String,) =
        sqlx::query_as("SELECT message_id FROM email_outbox WHERE to_address = $1")
            .bind(address)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    format!("<{id}@council.example>")
}

fn addressed_to<'a>(received: &'a [Received], address: &str) -> Vec<&'a Received> {
    received
        .iter()
        .filter(|mail| mail.to.iter().any(|to| to == address))
        .collect()
}

on_both_databases!(
    a_decision_notice_is_emailed_to_each_person_with_a_link_and_no_evidence_text,
    |backend: Backend| async move {
        // Arrange
        let app = spawn_app_with(backend, Options::default()).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let smtp = SmtpServer::start();
        // Act: the decision writes its notices' emails into the outbox, in its transaction
        let aisha = not_yet_for_aisha(&app).await;
        // Assert: three emails wait (worker, service manager, secretariat); an administrator
        // sees them as unsent while no mail server has them
        let waiting = unsent(&admin).await;
        assert_eq!(waiting.total, 3, "{waiting:?}");
        assert!(waiting
            .rows
            .iter()
            .all(|mail| mail.attempts == 0 && mail.last_error.is_none()));
        let page = admin.html("/admin/email").await;
        assert!(page.contains("3 emails not yet sent"), "{page}");
        assert!(page.contains("Not tried yet"), "{page}");
        // Act: the sender delivers what is due
        let done = sender(smtp.url()).deliver_due(&app.db).await.unwrap();
        // Assert: each person got one email, with a link, the notice's line, and nothing typed
        assert_eq!(done, Delivered { sent: 3, failed: 0 });
        let received = smtp.received();
        assert_eq!(received.len(), 3);
        for name in ["Aisha Rahman", "Priya Natarajan", "Maya Lindqvist"] {
            let address = email_of(&app, name).await;
            let mine = addressed_to(&received, &address);
            assert_eq!(mine.len(), 1, "{name} gets one email");
            let mail = mine[0];
            assert_eq!(mail.from, "pathway@council.example");
            let subject = mail.header("Subject").unwrap();
            assert!(
                subject.contains("Aisha Rahman: not yet endorsed"),
                "{subject}"
            );
            assert_eq!(
                mail.header("Message-ID"),
                Some(message_id_for(&app, &address).await)
            );
            let body = mail.body();
            assert!(
                body.contains(&format!("{PUBLIC_URL}/decisions?person={aisha}")),
                "{body}"
            );
            for text in [&subject, &body] {
                assert!(!text.contains("Family K"), "no reason or plan: {text}");
            }
            let line = subject.trim_start_matches("Pathway: ");
            assert!(body.contains(line), "the notice's line: {body}");
        }
        // the outbox is empty, and says so
        assert_eq!(unsent(&admin).await.total, 0);
        assert!(admin
            .html("/admin/email")
            .await
            .contains("All email has been sent."));
        // only administrators see the outbox
        let helen = User::demo(&app, "Helen Fairweather").await;
        assert_eq!(helen.call("admin/unsent_mail", &[]).await.status(), 403);
    }
);

on_both_databases!(
    an_outage_loses_nothing_and_a_crashed_send_is_resent_with_the_same_message_id,
    |backend: Backend| async move {
        // Arrange: a clock the test moves
        let clock = Clock::fixed(Utc::now());
        let app = spawn_app_with(
            backend,
            Options {
                clock: Some(clock.clone()),
                ..Options::default()
            },
        )
        .await;
        let admin = User::demo(&app, "Alex Morgan").await;
        not_yet_for_aisha(&app).await;
        // Act: the mail server is down
        let down = sender(closed_port_url())
            .deliver_due(&app.db)
            .await
            .unwrap();
        // Assert: every email failed, is kept, and is shown with its error and next try
        assert_eq!(down, Delivered { sent: 0, failed: 3 });
        let waiting = unsent(&admin).await;
        assert_eq!(waiting.total, 3);
        for mail in &waiting.rows {
            assert_eq!(mail.attempts, 1);
            assert!(
                mail.last_error.as_deref().is_some_and(|e| !e.is_empty()),
                "{mail:?}"
            );
        }
        assert!(admin
            .html("/admin/email")
            .await
            .contains("3 emails not yet sent"));
        // the mail server is back, but the back-off (30 s after one failure) still holds
        let smtp = SmtpServer::start();
        let up = sender(smtp.url());
        assert_eq!(up.deliver_due(&app.db).await.unwrap(), Delivered::default());
        // Act: after the back-off, an instance claims one email and dies mid-send
        clock.set(clock.now() + Duration::seconds(31));
        let crashed = outbox::claim(&app.db).await.unwrap().expect("one is due");
        // Assert: the others go; the claimed one waits out its lease (never sent twice at once)
        assert_eq!(
            up.deliver_due(&app.db).await.unwrap(),
            Delivered { sent: 2, failed: 0 }
        );
        assert_eq!(unsent(&admin).await.total, 1);
        // Act: the lease runs out
        clock.set(clock.now() + Duration::seconds(LEASE_SECONDS + 1));
        assert_eq!(
            up.deliver_due(&app.db).await.unwrap(),
            Delivered { sent: 1, failed: 0 }
        );
        // Assert: each person has their email once, and the resent one has the Message-ID
        // the crashed attempt was sending, so a second copy would be recognisably the same
        let received = smtp.received();
        assert_eq!(received.len(), 3);
        let resent = addressed_to(&received, &crashed.to_address);
        assert_eq!(resent.len(), 1);
        assert_eq!(
            resent[0].header("Message-ID"),
            Some(format!("<{}@council.example>", crashed.message_id))
        );
        assert_eq!(unsent(&admin).await.total, 0);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NOT NULL"
            )
            .await,
            3
        );
    }
);

on_both_databases!(
    two_senders_at_once_send_each_email_exactly_once,
    |backend: Backend| async move {
        // Arrange: 40 notices' emails (ten decisions' worth) in the outbox
        let app = spawn_app_with(backend, Options::default()).await;
        let people: Vec<pathway_core::ids::PersonId> = sqlx::query_as::<_, (String,)>(
            "SELECT id FROM people WHERE active = 1 ORDER BY id LIMIT 10",
        )
        .fetch_all(app.db.pool())
        .await
        .unwrap()
        .into_iter()
        .map(|(id,)| pathway_core::ids::PersonId::parse(id).unwrap())
        .collect();
        for round in 0..4 {
            let mut tx = app.db.begin().await.unwrap();
            let subject = format!("Round {round}");
            pathway_store::notices::send_in(&mut tx, &people, &subject, "/notices", Utc::now())
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }
        let total = count(&app, "SELECT COUNT(*) FROM email_outbox").await;
        assert_eq!(total, 40);
        let smtp = SmtpServer::start();
        let (one, two) = (sender(smtp.url()), sender(smtp.url()));
        // Act: two instances' senders empty the outbox at the same time
        let (first, second) = tokio::join!(one.deliver_due(&app.db), two.deliver_due(&app.db));
        let (first, second) = (first.unwrap(), second.unwrap());
        // a claim lost in a race is picked up by the next pass
        let rest = one.deliver_due(&app.db).await.unwrap();
        // Assert: every email arrived once
        assert_eq!(first.sent + second.sent + rest.sent, 40);
        let received = smtp.received();
        let ids: BTreeSet<String> = received
            .iter()
            .filter_map(|mail| mail.header("Message-ID"))
            .collect();
        assert_eq!(received.len(), 40);
        assert_eq!(ids.len(), 40, "no Message-ID twice");
    }
);

on_both_databases!(
    the_server_sends_the_outbox_in_the_background_when_a_mail_server_is_configured,
    |backend: Backend| async move {
        // Arrange: a server configured with a mail server
        let smtp = SmtpServer::start();
        let app = spawn_app_with(
            backend,
            Options {
                mail: Some(smtp.url()),
                ..Options::default()
            },
        )
        .await;
        // Act
        not_yet_for_aisha(&app).await;
        // Assert: the three emails arrive without anyone asking
        let received = smtp.wait_for(3, std::time::Duration::from_secs(20)).await;
        assert_eq!(received.len(), 3);
        // and the sender records each as sent once the mail server has accepted it
        let admin = User::demo(&app, "Alex Morgan").await;
        let mut waiting = unsent(&admin).await.total;
        for _ in 0..100 {
            if waiting == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            waiting = unsent(&admin).await.total;
        }
        assert_eq!(waiting, 0);
    }
);
