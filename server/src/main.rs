//! The Pathway server binary: read settings, build the application, serve until SIGTERM.

use server::config::Settings;
use server::startup::Application;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("pathway: {error}");
            return ExitCode::from(2);
        }
    };
    server::telemetry::init(settings.log_format);
    let application = match Application::build(settings).await {
        Ok(application) => application,
        Err(error) => {
            eprintln!("pathway: {error}");
            return ExitCode::FAILURE;
        }
    };
    application.print_welcome();
    match application.run_until_stopped().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("pathway: {error}");
            ExitCode::FAILURE
        }
    }
}
