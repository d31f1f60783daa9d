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
//!
//! [`LocalPostgres::shared`] is one cluster for many processes — the test
//! processes of one nextest run, which starts each test in a process of
//! its own. The first process to ask starts it, under an exclusive lock on
//! a file in the temporary directory named after the run; the others find
//! its port there, under the same lock, and each makes a database of its
//! own. No process owns it: a shell in a process group of its own stops it
//! and removes its directory when the process given as the owner (the
//! nextest runner, the tests' parent) has ended — however it ended, and
//! whichever test process started it. Were the watcher itself killed, the
//! directory is left in the temporary directory, where the OS's cleaner
//! finds it; the server would run on, as it would after a `kill -9` of any
//! test's own cluster.

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
    /// The watcher's stdin: closing it (at exit) stops the server. `None`
    /// for a shared cluster, whose watcher follows its owner instead.
    _watcher: Option<Mutex<Child>>,
}

impl LocalPostgres {
    /// Initialises and starts a cluster (about a second); the error says
    /// what is missing.
    pub fn start() -> Result<LocalPostgres, String> {
        start()
    }

    /// The cluster shared by every process that passes the same `key`
    /// (letters, digits and `-`: nextest's `NEXTEST_RUN_ID`), started by
    /// the first of them and stopped, its directory removed, once the
    /// process `owner` has ended (the test runner: every process of the run
    /// is its child). Create a database per user of it.
    pub fn shared(key: &str, owner: u32) -> Result<LocalPostgres, String> {
        shared(key, owner)
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
    let started = start_in(&bin, &dir, None);
    if started.is_err() {
        // Once the watcher runs it removes the directory; before, this does.
        let _ = std::fs::remove_dir_all(&dir);
    }
    started
}

/// The shared cluster of `key`: the one recorded in its directory when it
/// answers, else a new one (recorded for the next process).
fn shared(key: &str, owner: u32) -> Result<LocalPostgres, String> {
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(format!(
            "{key:?} cannot name a shared cluster: use letters, digits and -"
        ));
    }
    let bin = bin_dir()?;
    let dir = std::env::temp_dir().join(format!("attio-fleet-pg-{key}"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    if is_root() {
        // The watcher, as `postgres`, removes it from the sticky temp dir.
        chown_postgres(&dir)?;
    }
    let lock_path = dir.join("lock");
    let lock = std::fs::File::create(&lock_path)
        .map_err(|e| format!("cannot open {}: {e}", lock_path.display()))?;
    // Held until the cluster is recorded: one process starts it, the
    // others wait and then find it. Released when `lock` is dropped.
    lock.lock()
        .map_err(|e| format!("cannot lock {}: {e}", lock_path.display()))?;
    let port_file = dir.join("port");
    let recorded = std::fs::read_to_string(&port_file)
        .ok()
        .and_then(|p| p.trim().parse::<u16>().ok());
    if let Some(port) = recorded.filter(|&port| ready(&bin, port)) {
        return Ok(LocalPostgres {
            port,
            _watcher: None,
        });
    }
    // None yet, or one that no longer answers: a new one, in a directory
    // of its own (the former's watcher removes the former's).
    let cluster = dir.join(format!("c{}", std::process::id()));
    std::fs::create_dir_all(&cluster)
        .map_err(|e| format!("cannot make {}: {e}", cluster.display()))?;
    let started = start_in(&bin, &cluster, Some((owner, &dir)));
    match started {
        Ok(postgres) => {
            std::fs::write(&port_file, postgres.port.to_string())
                .map_err(|e| format!("cannot write {}: {e}", port_file.display()))?;
            Ok(postgres)
        }
        Err(error) => {
            let _ = std::fs::remove_dir_all(&cluster);
            Err(error)
        }
    }
}

/// Whether a server answers on `port` of 127.0.0.1 (`pg_isready` also
/// waits out "starting up", which a listening socket does not).
fn ready(bin: &Path, port: u16) -> bool {
    Command::new(bin.join("pg_isready"))
        .args(["-q", "-h", "127.0.0.1", "-p", &port.to_string()])
        .status()
        .is_ok_and(|s| s.success())
}

/// Initialises a cluster in `dir` and starts it with its watcher: one that
/// stops it when this process ends, or, given `(owner, run_dir)`, one that
/// stops it and removes `run_dir` when process `owner` has ended.
fn start_in(bin: &Path, dir: &Path, shared: Option<(u32, &Path)>) -> Result<LocalPostgres, String> {
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
    // process ended) or for the owner to end (polled: `kill -0` would fail
    // on a process of another user), then stops the server fast and
    // removes the directory. No Unix socket: a path under a long
    // temporary directory can exceed the socket's 107 bytes, and every
    // client connects over TCP.
    let (wait, remove) = match shared {
        None => ("cat >/dev/null".to_owned(), dir),
        Some((owner, run_dir)) => (
            format!("while [ -d /proc/{owner} ]; do sleep 1; done"),
            run_dir,
        ),
    };
    let script = format!(
        "'{postgres}' -D '{data}' -p {port} -c unix_socket_directories= -c listen_addresses=127.0.0.1 \
         -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB \
         -c max_connections=200 >'{dir}/log' 2>&1 & pid=$!; {wait}; \
         kill -INT $pid; wait $pid; rm -rf '{remove}'",
        postgres = bin.join("postgres").display(),
        data = data.display(),
        dir = dir.display(),
        remove = remove.display(),
    );
    let mut command = run_as(
        as_root,
        Path::new("/bin/sh"),
        &["-c".as_ref(), script.as_ref()],
    );
    command
        .stdin(if shared.is_some() {
            Stdio::null()
        } else {
            Stdio::piped()
        })
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if shared.is_some() {
        // Out of the starting test's process group, which a runner may
        // signal when that test ends or times out.
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
    }
    let watcher = command
        .spawn()
        .map_err(|e| format!("cannot start postgres: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ready(bin, port) {
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
        // A shared cluster's watcher is not this process's to stop.
        _watcher: shared.is_none().then(|| Mutex::new(watcher)),
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
