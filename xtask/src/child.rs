//! Running one benchmark process: its standard output echoed and kept,
//! its wall time, and its own peak resident memory.

use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// What a finished child left.
pub struct Outcome {
    pub status: ExitStatus,
    pub stdout: String,
    pub wall: Duration,
    /// The child's peak resident set (`ru_maxrss`, which Linux gives in
    /// KiB), its own descendants' included.
    pub max_rss_kib: u64,
}

/// Runs `command` to its end, echoing its standard output line by line to
/// ours when `echo` is set (standard error is inherited).
///
/// The child is reaped with `wait4`, which returns that child's own
/// resource usage: `getrusage(RUSAGE_CHILDREN)` reports the largest of
/// every child reaped so far (cargo's builds included), so a smaller
/// benchmark after them would read as theirs.
pub fn run(command: &mut Command, echo: bool) -> io::Result<Outcome> {
    let started = Instant::now();
    let mut child = command.stdout(Stdio::piped()).spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut stdout = String::new();
    if let Some(out) = child.stdout.take() {
        let mut reader = BufReader::new(out);
        let mut line = Vec::new();
        while reader.read_until(b'\n', &mut line)? > 0 {
            let text = String::from_utf8_lossy(&line);
            if echo {
                let mut ours = io::stdout().lock();
                let _ = ours.write_all(text.as_bytes());
                let _ = ours.flush();
            }
            stdout.push_str(&text);
            line.clear();
        }
    }
    let mut status = 0;
    // SAFETY: `rusage` is plain data that `wait4` fills; `pid` is our own
    // child, not yet reaped (`Child::wait` is never called on it).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = loop {
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == -1 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            continue;
        }
        break reaped;
    };
    if reaped != pid {
        return Err(io::Error::last_os_error());
    }
    Ok(Outcome {
        status: ExitStatus::from_raw(status),
        stdout,
        wall: started.elapsed(),
        max_rss_kib: u64::try_from(usage.ru_maxrss).unwrap_or(0),
    })
}
