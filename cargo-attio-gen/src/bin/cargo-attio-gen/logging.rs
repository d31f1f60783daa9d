//! `-v` / `--verbose`: what the client does, on standard error, through
//! `tracing` — one line per request (method, path, status, attempt,
//! latency) and a warning per retry. Without it, only warnings.
//!
//! `RUST_LOG` (`tracing_subscriber::EnvFilter`'s syntax, e.g.
//! `RUST_LOG=attio_runtime=debug`) replaces the level `-v` chose, as in any
//! program built on `tracing`. The key never appears: the client's spans
//! and errors name the request, never its `Authorization` header.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

use tracing_subscriber::filter::{EnvFilter, LevelFilter};
use tracing_subscriber::fmt::format::FmtSpan;

/// Whether [`init`] turned on more than warnings.
static VERBOSE: AtomicBool = AtomicBool::new(false);

/// The level of `-v` given `count` times: warnings, then info, then debug.
pub fn level(count: u8) -> LevelFilter {
    match count {
        0 => LevelFilter::WARN,
        1 => LevelFilter::INFO,
        _ => LevelFilter::DEBUG,
    }
}

/// Installs the subscriber of this process: `tracing` events at the level
/// of `-v` given `count` times (or as `RUST_LOG` says), and the close of
/// every span at that level — the client's `attio.request` span closes
/// once per request, with its status and latency.
pub fn init(count: u8) {
    let filter = EnvFilter::builder()
        .with_default_directive(level(count).into())
        .from_env_lossy();
    VERBOSE.store(count > 0, Ordering::Relaxed);
    // Another subscriber cannot be installed before this one: `main` calls
    // this first. Should it ever be, that one is kept.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_span_events(FmtSpan::CLOSE)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Whether a progress bar may be drawn: on a terminal, unless log lines
/// beyond warnings are written there, as its redrawing would tear them.
pub fn progress_bar() -> bool {
    std::io::stderr().is_terminal() && !VERBOSE.load(Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_v_shows_more() {
        assert_eq!(level(0), LevelFilter::WARN);
        assert_eq!(level(1), LevelFilter::INFO);
        assert_eq!(level(2), LevelFilter::DEBUG);
        assert_eq!(level(9), LevelFilter::DEBUG);
    }
}
