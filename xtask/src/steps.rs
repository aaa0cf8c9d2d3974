//! Runs named steps, keeps going after a failure where later steps are independent, and
//! prints a closing summary a CI reader can trust: every step passed, failed or was skipped,
//! with the reason.

use crate::env::Result;
use std::time::{Duration, Instant};

pub enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

#[derive(Default)]
pub struct Steps {
    done: Vec<(String, Outcome, Duration)>,
}

impl Steps {
    /// Runs `step` unless an earlier step it depends on failed (`after_failure = false`).
    pub fn run(&mut self, name: &str, step: impl FnOnce() -> Result) {
        println!("\n==> {name}");
        let started = Instant::now();
        let outcome = match step() {
            Ok(()) => Outcome::Passed,
            Err(error) => Outcome::Failed(error),
        };
        self.done
            .push((name.to_string(), outcome, started.elapsed()));
    }

    pub fn skip(&mut self, name: &str, reason: &str) {
        println!("\n==> {name}: SKIPPED ({reason})");
        self.done.push((
            name.to_string(),
            Outcome::Skipped(reason.to_string()),
            Duration::ZERO,
        ));
    }

    pub fn any_failed(&self) -> bool {
        self.done
            .iter()
            .any(|(_, outcome, _)| matches!(outcome, Outcome::Failed(_)))
    }

    /// Prints the summary table and returns Err when any step failed.
    pub fn finish(self, total: Duration) -> Result {
        println!("\n==================== Pathway test summary ====================");
        let (mut passed, mut failed, mut skipped) = (0, 0, 0);
        for (name, outcome, took) in &self.done {
            let (mark, detail) = match outcome {
                Outcome::Passed => {
                    passed += 1;
                    ("PASS", String::new())
                }
                Outcome::Failed(error) => {
                    failed += 1;
                    ("FAIL", format!(" — {error}"))
                }
                Outcome::Skipped(reason) => {
                    skipped += 1;
                    ("SKIP", format!(" — {reason}"))
                }
            };
            println!("{mark}  {name:<52} {:>7.1}s{detail}", took.as_secs_f64());
        }
        let verdict = if failed == 0 { "PASSED" } else { "FAILED" };
        println!(
            "RESULT: {verdict} — {passed} passed, {failed} failed, {skipped} skipped in {:.0}s",
            total.as_secs_f64()
        );
        if failed == 0 {
            Ok(())
        } else {
            Err(format!("{failed} step(s) failed"))
        }
    }
}
