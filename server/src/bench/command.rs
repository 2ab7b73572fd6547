//! `server bench …` on the command line.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use super::measure::{measure_all, MeasurePlan};
use super::seed::{refresh_statistics, seed_invitations, seed_sector, SeedPlan};
use super::static_page::serve_static_page;
use super::workbook::large_answer_workbook;
use super::{BenchError, Figure};
use crate::{build_app, Config};

/// What `bench` does (the driver, `./dev bench`, runs them in turn).
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Write a synthetic sector into an empty database (DATABASE_URL): organisations over
    /// the provinces, kinds and size classes, closed rounds of submitted responses (their
    /// results are computed by `bench measure`), two staff accounts, and an open round with
    /// personal invitations whose raw tokens go to --tokens-out.
    Seed {
        /// Organisations.
        #[arg(long, default_value_t = 300)]
        organisations: usize,
        /// Closed rounds per organisation (one a year, the latest this year).
        #[arg(long, default_value_t = 2)]
        rounds: usize,
        /// Respondents in each organisation's latest round.
        #[arg(long, default_value_t = 50)]
        respondents: usize,
        /// Respondents in each earlier round.
        #[arg(long, default_value_t = 15)]
        earlier_respondents: usize,
        /// Personal invitations of the open round the load run saves answers through.
        #[arg(long, default_value_t = 2_000)]
        invitations: usize,
        /// Where their raw tokens go, one per line.
        #[arg(long)]
        tokens_out: PathBuf,
        /// Makes the data deterministic.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Measure on a seeded database: the full aggregation with every benchmark, a round
    /// closing, and a large round closing with the memory it takes. One JSON figure per line.
    Measure {
        /// Respondents of the everyday round whose close is measured.
        #[arg(long, default_value_t = 50)]
        close_respondents: usize,
        /// Respondents of the large round whose close is measured.
        #[arg(long, default_value_t = 5_000)]
        large_respondents: usize,
        /// Makes the added rounds deterministic.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Write a wide answer workbook (xlsx) of many respondents for one organisation.
    Workbook {
        /// The organisation's NIS code.
        #[arg(long)]
        org: String,
        /// Respondents (rows).
        #[arg(long, default_value_t = 5_000)]
        respondents: u32,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Serve a static page of a given size at every path: the stack's ceiling.
    StaticPage {
        /// Where to listen.
        #[arg(long)]
        addr: SocketAddr,
        /// The page's size in bytes.
        #[arg(long)]
        bytes: usize,
    },
}

/// Runs a `bench` command.
pub async fn run(command: BenchCommand) -> ExitCode {
    match run_command(command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bench: {error}");
            ExitCode::from(1)
        }
    }
}

async fn run_command(command: BenchCommand) -> Result<(), BenchError> {
    match command {
        BenchCommand::Seed {
            organisations,
            rounds,
            respondents,
            earlier_respondents,
            invitations,
            tokens_out,
            seed,
        } => {
            let app = app_from_env().await?;
            let model = app.ctx.models.current();
            let started = std::time::Instant::now();
            let seeded = seed_sector(
                &app.ctx.db,
                model,
                SeedPlan {
                    organisations,
                    rounds,
                    respondents,
                    earlier_respondents,
                    seed,
                },
            )
            .await?;
            let tokens = seed_invitations(&app.ctx.db, model, invitations).await?;
            refresh_statistics(&app.ctx.db).await?;
            std::fs::write(&tokens_out, tokens.join("\n"))?;
            Figure::new(
                "seeding the synthetic sector",
                started.elapsed().as_secs_f64(),
                "s",
                format!(
                    "{} organisations, {} rounds, {} responses, {} answers",
                    seeded.organisations, seeded.rounds, seeded.responses, seeded.answers
                ),
            )
            .print();
            Ok(())
        }
        BenchCommand::Measure {
            close_respondents,
            large_respondents,
            seed,
        } => {
            let app = app_from_env().await?;
            measure_all(
                &app.ctx,
                MeasurePlan {
                    close_respondents,
                    large_respondents,
                    seed,
                },
            )
            .await
        }
        BenchCommand::Workbook {
            org,
            respondents,
            out,
        } => {
            let config = Config::from_env().map_err(|e| BenchError::Setup(e.to_string()))?;
            let loaded = crate::models::load_models(&config.models_dir)
                .map_err(|e| BenchError::Setup(e.to_string()))?;
            let catalog = app::server_context::ModelCatalog::new(
                loaded.into_iter().map(|l| l.model).collect(),
            )
            .ok_or_else(|| BenchError::Setup("no model is loaded".to_owned()))?;
            let bytes = large_answer_workbook(catalog.current(), &org, respondents, 7)
                .map_err(|e| BenchError::Setup(e.to_string()))?;
            std::fs::write(out, bytes)?;
            Ok(())
        }
        BenchCommand::StaticPage { addr, bytes } => Ok(serve_static_page(addr, bytes).await?),
    }
}

async fn app_from_env() -> Result<crate::Application, BenchError> {
    let config = Config::from_env().map_err(|e| BenchError::Setup(e.to_string()))?;
    build_app(&config)
        .await
        .map_err(|e| BenchError::Setup(format!("QuickScan cannot start: {e}")))
}
