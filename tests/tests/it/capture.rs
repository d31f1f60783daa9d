//! What a test captures of the `tracing` output of its own thread.
//!
//! Every test of this binary shares the process, and `tracing` caches per
//! callsite whether anyone listens: a subscriber set for one thread can miss
//! the events of callsites another thread, without one, reached first. So
//! one global subscriber listens everywhere and writes only what a thread
//! that captures emits, into that thread's buffer. A `#[tokio::test]` runs
//! its tasks (an emulator, a receiver) on its own thread, so their lines are
//! captured too.

use std::cell::RefCell;
use std::io;
use std::sync::{Arc, Mutex, Once};

use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::fmt::writer::OptionalWriter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::Layer;

thread_local! {
    /// Where this thread's `tracing` output goes while a test captures it.
    static CAPTURE: RefCell<Option<Captured>> = const { RefCell::new(None) };
}

/// Everything `tracing` writes on this thread while the guard lives.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

/// Ends the capture of this thread's output when dropped.
pub struct Capturing;

impl Drop for Capturing {
    fn drop(&mut self) {
        CAPTURE.with(|capture| capture.borrow_mut().take());
    }
}

impl Captured {
    /// Starts capturing this thread's output, at every level; the capture
    /// ends when the second value is dropped.
    pub fn start() -> (Captured, Capturing) {
        static GLOBAL: Once = Once::new();
        GLOBAL.call_once(|| {
            let capturing = tracing_subscriber::filter::filter_fn(|_| {
                CAPTURE.with(|capture| capture.borrow().is_some())
            });
            let layer = tracing_subscriber::fmt::layer()
                .with_writer(ThisThread)
                .with_span_events(FmtSpan::CLOSE)
                .with_filter(capturing);
            tracing::subscriber::set_global_default(tracing_subscriber::registry().with(layer))
                .expect("no other test of this binary sets a global subscriber");
        });
        let captured = Captured::default();
        CAPTURE.with(|capture| *capture.borrow_mut() = Some(captured.clone()));
        (captured, Capturing)
    }

    /// What was captured so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The writer of the thread that emits: its capture, if any.
struct ThisThread;

impl<'a> MakeWriter<'a> for ThisThread {
    type Writer = OptionalWriter<Captured>;
    fn make_writer(&'a self) -> Self::Writer {
        CAPTURE.with(|capture| capture.borrow().clone()).into()
    }
}
