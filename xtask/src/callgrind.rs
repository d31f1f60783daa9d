//! Instruction counts under `valgrind --tool=callgrind`: they repeat
//! exactly however busy the machine is, where wall-clock times do not.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::sync::Mutex;

use crate::child;

/// Runs each command under callgrind, as many at once as there are cores
/// (valgrind runs a program's threads one at a time, and instruction
/// counts do not depend on what else runs), and returns each one's total
/// instructions or why there is none, by its key.
pub fn run_all(jobs: Vec<(String, Command)>, dir: &Path) -> HashMap<String, Result<u64, String>> {
    let parallel = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Popped from the end: the first jobs (the largest, in `entries`) first.
    let queue = Mutex::new(jobs.into_iter().enumerate().rev().collect::<Vec<_>>());
    let done = Mutex::new(HashMap::new());
    std::thread::scope(|scope| {
        for _ in 0..parallel {
            scope.spawn(|| loop {
                let next = queue.lock().map(|mut q| q.pop()).ok().flatten();
                let Some((index, (key, command))) = next else {
                    break;
                };
                eprintln!("xtask: callgrind {key}");
                let count = instructions(&command, dir, index);
                if let Ok(mut done) = done.lock() {
                    done.insert(key, count);
                }
            });
        }
    });
    done.into_inner().unwrap_or_default()
}

/// Runs `command` under callgrind, its output file in `dir` (deleted
/// afterwards; `index` tells apart the files of runs at the same time),
/// and returns the program's total instructions (every thread counted).
fn instructions(command: &Command, dir: &Path, index: usize) -> Result<u64, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let out_file = dir.join(format!("callgrind.out.{}.{index}", std::process::id()));
    let mut valgrind = Command::new("valgrind");
    valgrind
        .arg("--tool=callgrind")
        .arg("--quiet")
        .arg(format!("--callgrind-out-file={}", out_file.display()))
        .arg(command.get_program())
        .args(command.get_args());
    if let Some(dir) = command.get_current_dir() {
        valgrind.current_dir(dir);
    }
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => valgrind.env(key, value),
            None => valgrind.env_remove(key),
        };
    }
    let outcome = child::run(&mut valgrind, false)
        .map_err(|e| format!("cannot start valgrind (is it installed?): {e}"))?;
    let text = std::fs::read_to_string(&out_file);
    let _ = std::fs::remove_file(&out_file);
    if !outcome.status.success() {
        return Err(format!("valgrind exited with {}", outcome.status));
    }
    let text = text.map_err(|e| format!("no callgrind output at {}: {e}", out_file.display()))?;
    total(&text).ok_or_else(|| {
        format!(
            "callgrind's output {} has no `totals:` or `summary:` line",
            out_file.display()
        )
    })
}

/// The total of the first event (instructions, `Ir`) in a callgrind
/// output file: its `totals:` line, or `summary:` in older versions.
pub fn total(text: &str) -> Option<u64> {
    let line = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
    };
    line("totals:").or_else(|| line("summary:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "# callgrind format\nversion: 1\ncreator: callgrind-3.19.0\n\
        pid: 4242\ncmd:  target/release/deps/generate_once-0123 --bench once\npart: 1\n\n\
        desc: I1 cache: \ndesc: Timerange: Basic block 0 - 912\ntrigger: Program termination\n\n\
        positions: line\nevents: Ir\nsummary: 4160123456\n\n\nob=(1) /usr/lib/ld.so\n\
        fl=(1) ???\nfn=(1) 0x0000000000001c90\n0 3\n\ntotals: 4160123456\n";

    #[test]
    fn the_total_is_read_from_the_totals_line() {
        assert_eq!(total(OUTPUT), Some(4_160_123_456));
    }

    #[test]
    fn an_output_with_a_summary_alone_is_read_too() {
        let text = OUTPUT.replace("totals: 4160123456\n", "");
        assert_eq!(total(&text), Some(4_160_123_456));
        let text = "events: Ir Dr\nsummary: 12 7\n";
        assert_eq!(total(text), Some(12));
    }

    #[test]
    fn an_output_without_a_total_is_none() {
        assert_eq!(total("events: Ir\nfn=(1) main\n0 3\n"), None);
        assert_eq!(total("totals: many\n"), None);
        assert_eq!(total(""), None);
    }
}
