//! The demo end to end: an emulator with an OAuth app, the product's
//! server, workers, customers connecting, until every workspace is synced
//! and its webhook events processed.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use attio_emulator::OAuthApp;
use attio_fleet::local_postgres::LocalPostgres;
use attio_fleet::oauth::OAuthClient;
use attio_fleet::{
    Inbox, Installations, Keyring, Scheduler, WorkStatus, Worker, WorkerConfig, KEY_ENV,
};
use attio_runtime::RateLimits;

use super::{router, AccountsJob, App};
use crate::connect;

const CLIENT_ID: &str = "saas-fleet-demo";
const CLIENT_SECRET: &str = "saas-fleet-demo-secret";

/// What a run does.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Customers who connect their workspace.
    pub customers: usize,
    /// Accounts pushed into each customer's workspace.
    pub accounts: usize,
    /// Workers.
    pub workers: usize,
    /// PostgreSQL; a throwaway cluster when `None`.
    pub database_url: Option<String>,
    /// Keep serving after the first sync, until Ctrl-C.
    pub serve: bool,
    /// The process's metrics recorder, for `/metrics` (the caller installs
    /// it: a recorder is global to the process).
    pub metrics: Option<metrics_exporter_prometheus::PrometheusHandle>,
}

/// What a run did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Every workspace's work at the end.
    pub workspaces: Vec<WorkStatus>,
    /// Records per workspace, read back from Attio.
    pub records: Vec<usize>,
    /// Per workspace, whether it has the product's own object
    /// (`product_accounts`), which the install ensured.
    pub ensured: Vec<bool>,
    /// 429s the emulator answered.
    pub rate_limited: u64,
    /// Seconds from start to every workspace synced.
    pub seconds: f64,
    /// What the product's `/metrics` answered at the end.
    pub metrics: String,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "workspace                             connected runs takeovers 429s"
        )?;
        for w in &self.workspaces {
            writeln!(
                f,
                "{:<37} {:<9} {:>4} {:>9} {:>4}",
                w.workspace_id, w.connected, w.runs, w.takeovers, w.rate_limited
            )?;
        }
        write!(
            f,
            "{} records in {} workspaces in {:.1} s, {} answered 429",
            self.records.iter().sum::<usize>(),
            self.workspaces.len(),
            self.seconds,
            self.rate_limited
        )
    }
}

/// Runs the demo; `say` gets the progress lines.
pub async fn run(args: Settings, say: impl Fn(&str)) -> anyhow::Result<Summary> {
    let started = Instant::now();
    // The database: given, or a throwaway cluster kept until the end.
    let mut _cluster = None;
    let database_url = match args.database_url.clone() {
        Some(url) => url,
        None => {
            let cluster = LocalPostgres::start().map_err(anyhow::Error::msg).context(
                "no --database-url, and no throwaway PostgreSQL could be started (apt-get install postgresql)",
            )?;
            let url = cluster.create_database("saas_fleet").await?;
            _cluster = Some(cluster);
            url
        }
    };
    let keys = match Keyring::from_env() {
        Ok(keys) => keys,
        Err(_) => {
            eprintln!("{KEY_ENV} is not set: sealing tokens with a random key for this run only");
            Keyring::new(&Keyring::generate_key(), &[])?
        }
    };
    let mut db = attio_fleet::connect(&database_url).await?;
    attio_fleet::migrate(&mut db).await?;
    let db = Arc::new(db);

    // The product's server, then Attio (emulated) with the app registered.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let redirect = format!("{base}/oauth/callback");
    // Customers' workspaces start as Attio's do, with the standard objects
    // only; the install adds the product's attributes (`connect::schema`).
    let emulator = attio_emulator::Emulator::builder()
        .oauth_app(OAuthApp::new(CLIENT_ID, CLIENT_SECRET).redirect_uri(&redirect))
        .start()
        .await?;
    say(&format!(
        "Attio emulated at {}; the product at {base}",
        emulator.base_url()
    ));
    let installations = Installations::new(db.clone(), keys);
    let scheduler = Scheduler::new(db.clone(), Duration::from_secs(10));
    let inbox = Inbox::new(db.clone(), installations.clone());
    let app = App {
        oauth: OAuthClient::new(CLIENT_ID, CLIENT_SECRET, &redirect).base_url(&emulator.base_url()),
        installations: installations.clone(),
        inbox: inbox.clone(),
        scheduler: scheduler.clone(),
        webhook_url: format!("{base}/webhooks"),
        api_base: Some(emulator.base_url()),
        schema: Arc::new(connect::schema().workspace),
        pending: Default::default(),
        metrics: args.metrics.clone(),
    };
    let server = tokio::spawn(async move { axum::serve(listener, router(app)).await });

    // The workers.
    let job = AccountsJob {
        accounts: args.accounts,
        database_url: database_url.clone(),
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut workers = tokio::task::JoinSet::new();
    for n in 0..args.workers {
        let mut config = WorkerConfig::new(format!("worker-{n}"));
        config.base_url = Some(emulator.base_url());
        config.slice = Duration::from_secs(5);
        let worker = Worker::new(
            db.clone(),
            installations.clone(),
            scheduler.clone(),
            job.clone(),
            config,
        );
        let mut stopped = stopped.clone();
        workers.spawn(async move {
            worker
                .run(async move {
                    let _ = stopped.wait_for(|s| *s).await;
                })
                .await
        });
    }

    // Each customer clicks "Connect Attio".
    let browser = reqwest::Client::new();
    for n in 0..args.customers {
        let workspace = emulator.create_workspace(&format!("Customer {n}"));
        let answer = browser
            .get(format!("{base}/install?workspace_id={workspace}"))
            .send()
            .await?;
        let status = answer.status();
        let text = answer.text().await?;
        anyhow::ensure!(
            status.is_success(),
            "install of customer {n} failed: {text}"
        );
    }
    say(&format!(
        "{} customers connected their workspace",
        args.customers
    ));

    // Until every workspace is synced and its webhook events processed.
    loop {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let work = scheduler.status().await?;
        let backlog = inbox.backlog().await?;
        if work.iter().all(|w| !w.pending) && backlog.is_empty() {
            break;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let workspaces = scheduler.status().await?;
    let mut records = Vec::new();
    let mut ensured = Vec::new();
    for w in &workspaces {
        let client = installations
            .client(
                &w.workspace_id,
                Some(&emulator.base_url()),
                RateLimits::default(),
            )
            .await?;
        let found: Vec<_> = futures_util::TryStreamExt::try_collect(
            client.query_records(attio_runtime::Query::<crate::attio::Company>::new()),
        )
        .await?;
        records.push(found.len());
        let schema = client.get_workspace_schema().await?;
        ensured.push(
            schema
                .objects
                .iter()
                .any(|o| o.api_slug == "product_accounts"),
        );
    }
    let metrics = browser
        .get(format!("{base}/metrics"))
        .send()
        .await?
        .error_for_status()?
        .text()
        .await?;
    say(&format!(
        "status as JSON at {base}/status, Prometheus metrics at {base}/metrics"
    ));
    if args.serve {
        say("serving until Ctrl-C");
        let _ = tokio::signal::ctrl_c().await;
    }
    let _ = stop.send(true);
    while workers.join_next().await.is_some() {}
    server.abort();
    let rate_limited = emulator.rate_limited_total();
    emulator.shutdown().await;
    Ok(Summary {
        workspaces,
        records,
        ensured,
        rate_limited,
        seconds,
        metrics,
    })
}
