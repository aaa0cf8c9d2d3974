//! The Pathway server binary: read settings, build the application, serve until SIGTERM.
//! `server create-admin …` makes an organisation's first administrator instead.

use server::config::Settings;
use server::create_admin;
use server::startup::Application;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("pathway: {error}");
            return ExitCode::from(2);
        }
    };
    match args.first().map(String::as_str) {
        None => serve(settings).await,
        Some("create-admin") => {
            let request = match create_admin::Request::parse(&args[1..]) {
                Ok(request) => request,
                Err(error) => {
                    eprintln!("pathway: {error}");
                    return ExitCode::from(2);
                }
            };
            match create_admin::run(&settings, &request).await {
                Ok(message) => {
                    println!("{message}");
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("pathway: {error}");
                    ExitCode::FAILURE
                }
            }
        }
        Some(other) => {
            eprintln!(
                "pathway: unknown command {other:?}; run with no arguments to serve, or:\n{}",
                create_admin::USAGE
            );
            ExitCode::from(2)
        }
    }
}

async fn serve(settings: Settings) -> ExitCode {
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
