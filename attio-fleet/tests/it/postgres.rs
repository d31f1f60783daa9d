//! A throwaway PostgreSQL cluster for the tests: `initdb` and `postgres`
//! from the machine's package (Debian keeps them in
//! `/usr/lib/postgresql/<version>/bin`, off `PATH`; `ATTIO_PG_BIN` names
//! another directory), in a temporary directory, on 127.0.0.1 and a free
//! port, as the `postgres` user when the tests run as root (initdb refuses
//! root). One cluster per test process: `cargo test` shares it between the
//! tests of the binary; nextest, which runs each test in a process of its
//! own, starts one per test (initdb and start take about a second). Each
//! test gets a database of its own.
//!
//! The server is stopped and its directory removed when the test process
//! ends, whichever way: a shell watches a pipe that only this process
//! holds, and stops the server when the pipe closes.
//!
//! Without a PostgreSQL that starts, every test that needs one fails and
//! says why, unless `ATTIO_SKIP_POSTGRES=1`, with which they pass after
//! saying loudly that they were skipped.

use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Set to `1` to pass (loudly) the tests that need PostgreSQL where none
/// can be started.
pub const SKIP_ENV: &str = "ATTIO_SKIP_POSTGRES";

struct Cluster {
    port: u16,
    /// The watcher's stdin: closing it (at exit) stops the server.
    _watcher: Mutex<Child>,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();

/// A connection string for a new, empty database of the shared cluster, or
/// `None` when PostgreSQL cannot be started and `ATTIO_SKIP_POSTGRES=1`
/// (the caller returns: the test is skipped, said on standard error).
pub async fn database(name: &str) -> Option<String> {
    let cluster = match CLUSTER.get_or_init(start) {
        Ok(cluster) => cluster,
        Err(why) if std::env::var(SKIP_ENV).is_ok_and(|v| v == "1") => {
            eprintln!(
                "\n!!!! SKIPPED: this test needs PostgreSQL, which cannot be started here: {why}\n\
                 !!!! ({SKIP_ENV}=1 is set; unset it to make this a failure)\n"
            );
            return None;
        }
        Err(why) => panic!(
            "this test needs PostgreSQL, which cannot be started: {why}\n\
             Install Debian's package (`apt-get install -y postgresql`), or name the directory of \
             `initdb` and `postgres` in ATTIO_PG_BIN; set {SKIP_ENV}=1 to skip these tests instead."
        ),
    };
    let admin = format!(
        "host=127.0.0.1 port={} user=postgres dbname=postgres",
        cluster.port
    );
    let (client, connection) = tokio_postgres::connect(&admin, tokio_postgres::NoTls)
        .await
        .expect("connects to the test cluster");
    let driver = tokio::spawn(connection);
    let db = format!("t_{}_{}", name, uuid::Uuid::new_v4().simple());
    client
        .batch_execute(&format!("CREATE DATABASE {db}"))
        .await
        .expect("creates the test's database");
    drop(client);
    let _ = driver.await;
    Some(format!(
        "host=127.0.0.1 port={} user=postgres dbname={db}",
        cluster.port
    ))
}

fn start() -> Result<Cluster, String> {
    let bin = bin_dir()?;
    let as_root = is_root();
    let dir = tempfile::Builder::new()
        .prefix("attio-fleet-pg-")
        .tempdir()
        .map_err(|e| format!("cannot make a temporary directory: {e}"))?
        .keep();
    if as_root {
        chown_postgres(&dir)?;
    }
    let data = dir.join("data");
    let initdb = run_as(
        as_root,
        &bin.join("initdb"),
        &[
            "-D".as_ref(),
            data.as_os_str(),
            "-A".as_ref(),
            "trust".as_ref(),
            "-U".as_ref(),
            "postgres".as_ref(),
            "-E".as_ref(),
            "UTF8".as_ref(),
            "--locale=C".as_ref(),
            "--no-sync".as_ref(),
        ],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .output()
    .map_err(|e| format!("cannot run {}: {e}", bin.join("initdb").display()))?;
    if !initdb.status.success() {
        return Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&initdb.stderr).trim()
        ));
    }
    let port = free_port()?;
    // The watcher: starts the server, waits for its stdin to close (this
    // process ended), then stops the server fast and removes the directory.
    let script = format!(
        "'{postgres}' -D '{data}' -p {port} -k '{dir}' -c listen_addresses=127.0.0.1 \
         -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB \
         -c max_connections=200 >'{dir}/log' 2>&1 & pid=$!; cat >/dev/null; \
         kill -INT $pid; wait $pid; rm -rf '{dir}'",
        postgres = bin.join("postgres").display(),
        data = data.display(),
        dir = dir.display(),
    );
    let watcher = run_as(
        as_root,
        Path::new("/bin/sh"),
        &["-c".as_ref(), script.as_ref()],
    )
    .stdin(Stdio::piped())
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .map_err(|e| format!("cannot start postgres: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(20);
    // Listening is not ready: `pg_isready` waits out "starting up".
    let ready = || {
        Command::new(bin.join("pg_isready"))
            .args(["-q", "-h", "127.0.0.1", "-p", &port.to_string()])
            .status()
            .is_ok_and(|s| s.success())
    };
    while !ready() {
        if Instant::now() > deadline {
            let mut log = String::new();
            let _ =
                std::fs::File::open(dir.join("log")).and_then(|mut f| f.read_to_string(&mut log));
            return Err(format!(
                "postgres was not ready on port {port} within 20 s: {log}"
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(Cluster {
        port,
        _watcher: Mutex::new(watcher),
    })
}

/// `ATTIO_PG_BIN`, the newest `/usr/lib/postgresql/<version>/bin`, or the
/// directory of `initdb` on `PATH`.
fn bin_dir() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("ATTIO_PG_BIN") {
        return Ok(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Ok(bin);
    }
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .find(|d| d.join("initdb").exists())
        .ok_or_else(|| "no initdb: not in /usr/lib/postgresql/*/bin, nor on PATH".to_owned())
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(2).map(|uid| uid == "0"))
        })
        .unwrap_or(false)
}

fn chown_postgres(dir: &Path) -> Result<(), String> {
    let status = Command::new("chown")
        .arg("postgres:")
        .arg(dir)
        .status()
        .map_err(|e| format!("cannot run chown: {e}"))?;
    if !status.success() {
        return Err("running as root, but the directory cannot be given to the `postgres` user (does it exist?)".into());
    }
    Ok(())
}

/// The command, through `runuser -u postgres` when running as root.
fn run_as(as_root: bool, program: &Path, args: &[&std::ffi::OsStr]) -> Command {
    if as_root {
        let mut command = Command::new("runuser");
        command
            .args(["-u", "postgres", "--"])
            .arg(program)
            .args(args);
        command
    } else {
        let mut command = Command::new(program);
        command.args(args);
        command
    }
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}
