//! A throwaway PostgreSQL cluster (feature `local-postgres`), for tests
//! and demos on a machine with the server's package but no server
//! running: `initdb` and `postgres` from the package (Debian keeps them in
//! `/usr/lib/postgresql/<version>/bin`, off `PATH`; `ATTIO_PG_BIN` names
//! another directory), in a temporary directory, on 127.0.0.1 and a free
//! port, as the `postgres` user when run as root (initdb refuses root).
//!
//! The server stops and its directory is removed when the process that
//! started it ends, whichever way: a shell watches a pipe that only this
//! process holds, and stops the server when the pipe closes.

use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A running throwaway cluster; user `postgres`, no password, on 127.0.0.1.
#[derive(Debug)]
pub struct LocalPostgres {
    port: u16,
    /// The watcher's stdin: closing it (at exit) stops the server.
    _watcher: Mutex<Child>,
}

impl LocalPostgres {
    /// Initialises and starts a cluster (about a second); the error says
    /// what is missing.
    pub fn start() -> Result<LocalPostgres, String> {
        start()
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The connection string of database `dbname`.
    pub fn connection_string(&self, dbname: &str) -> String {
        format!(
            "host=127.0.0.1 port={} user=postgres dbname={dbname}",
            self.port
        )
    }

    /// Creates database `dbname` (letters, digits and `_`) and returns its
    /// connection string.
    pub async fn create_database(&self, dbname: &str) -> Result<String, crate::FleetError> {
        if !dbname
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return Err(crate::FleetError::Config(format!(
                "{dbname:?} is not a plain database name: use letters, digits and _"
            )));
        }
        let client = crate::connect(&self.connection_string("postgres")).await?;
        client
            .batch_execute(&format!("CREATE DATABASE {dbname}"))
            .await?;
        Ok(self.connection_string(dbname))
    }
}

fn start() -> Result<LocalPostgres, String> {
    let bin = bin_dir()?;
    let dir = tempfile::Builder::new()
        .prefix("attio-fleet-pg-")
        .tempdir()
        .map_err(|e| format!("cannot make a temporary directory: {e}"))?
        .keep();
    let started = start_in(&bin, &dir);
    if started.is_err() {
        // Once the watcher runs it removes the directory; before, this does.
        let _ = std::fs::remove_dir_all(&dir);
    }
    started
}

fn start_in(bin: &Path, dir: &Path) -> Result<LocalPostgres, String> {
    let as_root = is_root();
    if as_root {
        chown_postgres(dir)?;
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
    Ok(LocalPostgres {
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
