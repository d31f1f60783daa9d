//! `cargo xtask bench`: builds every benchmark once in release, runs each
//! in turn (and the CPU-bound ones again under callgrind), collects their
//! `bench-result:` lines and writes BENCHMARKS.md's tables between its
//! `<!-- bench:NAME -->` markers. `--only a,b` runs a subset, `--quick`
//! runs each at a small size into `target/bench/BENCHMARKS.quick.md`,
//! `--list` lists them. Raw figures go to `target/bench/results.jsonl`
//! (`results.quick.jsonl` with `--quick`).

mod build;
mod callgrind;
mod child;
mod entries;
mod machine;
mod markdown;
mod product_sync;
mod results;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use entries::{Entry, Invocation, Measure};
use results::Figure;

const USAGE: &str = "usage: cargo xtask bench [--only NAME[,NAME…]] [--quick] [--list]";

#[derive(Debug)]
struct Options {
    only: Option<Vec<String>>,
    quick: bool,
    list: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut args = args.iter();
    if args.next().map(String::as_str) != Some("bench") {
        return Err(format!("expected the command `bench`\n{USAGE}"));
    }
    let mut options = Options {
        only: None,
        quick: false,
        list: false,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => options.quick = true,
            "--list" => options.list = true,
            "--only" => {
                let names = args.next().ok_or(format!("--only needs names\n{USAGE}"))?;
                options.only = Some(names.split(',').map(|n| n.trim().to_owned()).collect());
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_args(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("xtask: {message}");
            return ExitCode::from(2);
        }
    };
    let all = entries::all();
    let mut entries = all.clone();
    if let Some(only) = &options.only {
        let names: Vec<_> = entries.iter().map(|e| e.name).collect();
        let unknown: Vec<_> = only
            .iter()
            .filter(|n| !names.contains(&n.as_str()))
            .collect();
        if !unknown.is_empty() {
            for name in unknown {
                eprintln!(
                    "xtask: no benchmark named `{name}`{}",
                    did_you_mean(name, &names)
                );
            }
            eprintln!("`cargo xtask bench --list` lists them");
            return ExitCode::from(2);
        }
        entries.retain(|e| only.iter().any(|n| n == e.name));
    }
    if options.list {
        for entry in &entries {
            println!("{:<16} {}", entry.name, entry.about);
        }
        return ExitCode::SUCCESS;
    }
    // Every target's package is built, selected or not, so that features
    // unify as in a full run (build.rs).
    let targets: Vec<_> = all.iter().map(|e| e.target).collect();
    match run(&entries, &targets, options.quick) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// What one entry produced.
struct Outcome {
    figures: Vec<Figure>,
    problems: Vec<String>,
    load: (String, String),
    took: Duration,
}

/// Runs `entries` and writes the document; `Ok(false)` when any failed.
fn run(entries: &[Entry], all: &[entries::Target], quick: bool) -> Result<bool, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("xtask's directory has no parent")?
        .to_path_buf();
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let out_dir = target_dir.join("bench");
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let cargo = PathBuf::from(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));

    let selected: Vec<_> = entries.iter().map(|e| e.target).collect();
    let (artifacts, build_problems) = build::build(&cargo, &root, all, &selected);
    for problem in &build_problems {
        loud(problem);
    }

    let started = Instant::now();
    let (date, commit, load_before) = (machine::date(), machine::commit(&root), machine::load());
    let mut outcomes = Vec::new();
    for entry in entries {
        eprintln!("\nxtask: ── {} ──", entry.name);
        let outcome = match artifacts.get(&entry.target) {
            Some(artifact) => run_entry(entry, artifact, &cargo, quick, &out_dir.join("callgrind")),
            None => Outcome {
                figures: Vec::new(),
                problems: vec![format!("`{}` was not built", entry.target.name())],
                load: (machine::load(), machine::load()),
                took: Duration::ZERO,
            },
        };
        for problem in &outcome.problems {
            loud(&format!("{}: {problem}", entry.name));
        }
        eprintln!(
            "xtask: {} took {:.0} s, {} figures",
            entry.name,
            outcome.took.as_secs_f64(),
            outcome.figures.len()
        );
        outcomes.push(outcome);
    }
    let _ = std::fs::remove_dir_all(out_dir.join("callgrind"));
    let load_after = machine::load();

    let jsonl: String = entries
        .iter()
        .zip(&outcomes)
        .flat_map(|(e, o)| o.figures.iter().map(|f| f.to_json(e.name) + "\n"))
        .collect();
    // A quick run's figures beside its document, not over the full run's.
    let results_path = out_dir.join(if quick {
        "results.quick.jsonl"
    } else {
        "results.jsonl"
    });
    std::fs::write(&results_path, jsonl)
        .map_err(|e| format!("cannot write {}: {e}", results_path.display()))?;

    let source = root.join("BENCHMARKS.md");
    let mut document = std::fs::read_to_string(&source)
        .map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    let names: Vec<_> = entries.iter().map(|e| format!("`{}`", e.name)).collect();
    let header = format!(
        "Last run by `cargo xtask bench{}` on {date} at commit {commit}: {}.\n\
         Machine: {}. Load average (1, 5, 15 min) {load_before} before, {load_after} after \
         ({:.0} s).\n",
        if quick { " --quick" } else { "" },
        names.join(", "),
        machine::description(),
        started.elapsed().as_secs_f64(),
    );
    document = splice_or_warn(document, "header", &header);
    for (entry, outcome) in entries.iter().zip(&outcomes) {
        // One failed run does not cost the committed figures: an entry
        // that measured nothing keeps its last table (its problems are
        // printed above, and the run fails).
        if outcome.figures.is_empty() {
            continue;
        }
        let body = section(outcome, &date, &commit, quick);
        document = splice_or_warn(document, entry.name, &body);
    }
    let destination = if quick {
        out_dir.join("BENCHMARKS.quick.md")
    } else {
        source
    };
    std::fs::write(&destination, document)
        .map_err(|e| format!("cannot write {}: {e}", destination.display()))?;
    eprintln!(
        "\nxtask: wrote {} and {} in {:.0} s",
        destination.display(),
        results_path.display(),
        started.elapsed().as_secs_f64()
    );
    let failed: Vec<_> = entries
        .iter()
        .zip(&outcomes)
        .filter(|(_, o)| !o.problems.is_empty())
        .map(|(e, _)| e.name)
        .collect();
    if !failed.is_empty() || !build_problems.is_empty() {
        loud(&format!("incomplete: {failed:?} (see above)"));
    }
    Ok(failed.is_empty() && build_problems.is_empty())
}

/// `; did you mean `x`?` when a benchmark's name is near `name`.
fn did_you_mean(name: &str, names: &[&str]) -> String {
    names
        .iter()
        .map(|n| (strsim::damerau_levenshtein(name, n), n))
        .filter(|(distance, n)| *distance <= 2.max(n.len() / 4))
        .min()
        .map(|(_, n)| format!("; did you mean `{n}`?"))
        .unwrap_or_default()
}

fn loud(message: &str) {
    eprintln!("\nxtask: !!!!! {message} !!!!!\n");
}

fn splice_or_warn(document: String, name: &str, body: &str) -> String {
    match markdown::splice(&document, name, body) {
        Ok(spliced) => spliced,
        Err(markdown::SpliceError::Missing) => {
            eprintln!("xtask: warning: BENCHMARKS.md has no `<!-- bench:{name} -->` markers; its figures are only in results.jsonl");
            document
        }
        Err(markdown::SpliceError::Malformed(why)) => {
            loud(&format!(
                "BENCHMARKS.md's markers of `{name}` are malformed ({why}); section left as it was"
            ));
            document
        }
    }
}

/// What goes between an entry's markers: when and under what load, the
/// table, and what failed.
fn section(outcome: &Outcome, date: &str, commit: &str, quick: bool) -> String {
    let mut out = format!(
        "<!-- generated by `cargo xtask bench`{}: edit the prose outside the markers -->\n\
         Measured {date} at commit {commit}, load average {} → {}. A range after a \
         figure: the median of several runs (min–max).\n\n",
        if quick { " --quick (small sizes)" } else { "" },
        outcome.load.0,
        outcome.load.1,
    );
    let cells = results::cells(&outcome.figures);
    if cells.is_empty() {
        out.push_str("**Not measured in this run.**\n");
    } else {
        out.push_str(&markdown::table(&cells));
    }
    for problem in &outcome.problems {
        out.push_str(&format!("\n**Failed:** {problem}\n"));
    }
    out
}

fn run_entry(
    entry: &Entry,
    artifact: &build::Artifact,
    cargo: &Path,
    quick: bool,
    callgrind_dir: &Path,
) -> Outcome {
    let started = Instant::now();
    let load_before = machine::load();
    let (mut figures, mut problems) = (Vec::new(), Vec::new());
    let command = |args: &[&str], env: &[(&str, &str)]| {
        let mut command = Command::new(&artifact.executable);
        command
            .args(entry.target.leading_args())
            .args(args)
            .current_dir(&artifact.package_dir)
            .env("CARGO", cargo)
            .env("CARGO_MANIFEST_DIR", &artifact.package_dir)
            .envs(env.iter().copied());
        command
    };
    let describe = |args: &[&str], env: &[(&str, &str)]| {
        let args: String = args.iter().map(|a| format!(" {a}")).collect();
        format!("`{}{args}` {env:?}", entry.target.name())
    };
    let selected = entry.invocations.iter().filter(|i| i.in_quick || !quick);
    // Under callgrind: every program once, setups shared, after the rest.
    let mut callgrind_jobs: Vec<(String, Command)> = Vec::new();
    let mut counted = Vec::new();
    for invocation in selected {
        let env = invocation.environment(quick);
        let args = invocation.arguments(quick);
        let what = describe(args, &env);
        if let Measure::Instructions { setup, .. } = invocation.measure {
            for args in std::iter::once(args).chain(setup) {
                let key = describe(args, &env);
                if !callgrind_jobs.iter().any(|(k, _)| *k == key) {
                    callgrind_jobs.push((key, command(args, &env)));
                }
            }
            counted.push((invocation, env));
            continue;
        }
        let repeat = if quick { 1 } else { invocation.repeat.max(1) };
        for _ in 0..repeat {
            let (mut got, failure) = measure(entry, invocation, &env, command(args, &env));
            match failure {
                Some(why) => problems.push(format!("{what}: {why}")),
                None if got.is_empty() => {
                    problems.push(format!("{what} printed no `bench-result:` line"))
                }
                None => {}
            }
            figures.append(&mut got);
        }
    }
    let totals = callgrind::run_all(callgrind_jobs, callgrind_dir);
    for (invocation, env) in counted {
        let Measure::Instructions {
            case,
            metric,
            setup,
        } = invocation.measure
        else {
            continue;
        };
        let total = |args: &[&str]| {
            totals
                .get(&describe(args, &env))
                .cloned()
                .unwrap_or_else(|| Err("not run".into()))
        };
        let net = match (total(invocation.arguments(quick)), setup.map(total)) {
            (Ok(all), None) => Ok(all),
            (Ok(all), Some(Ok(before))) => Ok(all.saturating_sub(before)),
            (Err(why), _) | (_, Some(Err(why))) => Err(why),
        };
        match net {
            Ok(net) => figures.push(Figure {
                bench: entry.name.into(),
                case: entries::expand(case, &env),
                metric: metric.into(),
                value: net as f64 / 1e6,
                unit: "Minstr".into(),
            }),
            Err(why) => problems.push(format!(
                "{} under callgrind: {why}",
                describe(invocation.arguments(quick), &env)
            )),
        }
    }
    Outcome {
        figures,
        problems,
        load: (load_before, machine::load()),
        took: started.elapsed(),
    }
}

/// One run of an invocation: its figures, and why it failed if it did (a
/// run that printed figures and then failed keeps them).
fn measure(
    entry: &Entry,
    invocation: &Invocation,
    env: &[(&str, &str)],
    mut command: Command,
) -> (Vec<Figure>, Option<String>) {
    let figure = |case: &str, metric: &str, value: f64, unit: &str| Figure {
        bench: entry.name.into(),
        case: entries::expand(case, env),
        metric: metric.into(),
        value,
        unit: unit.into(),
    };
    let outcome = match child::run(&mut command, true) {
        Ok(outcome) => outcome,
        Err(e) => return (Vec::new(), Some(format!("cannot start it: {e}"))),
    };
    let failed = (!outcome.status.success()).then(|| format!("exited with {}", outcome.status));
    let mib = outcome.max_rss_kib as f64 / 1024.0;
    match invocation.measure {
        Measure::Results => {
            let (figures, malformed) = results::parse_output(&outcome.stdout);
            for line in &malformed {
                loud(&format!("{}: {line}", entry.name));
            }
            let failure = match failed {
                Some(why) => Some(format!("{why} after {} figures", figures.len())),
                None => (!malformed.is_empty())
                    .then(|| format!("{} malformed result lines", malformed.len())),
            };
            (figures, failure)
        }
        _ if failed.is_some() => (Vec::new(), failed),
        Measure::PeakRss { case, metric } => (vec![figure(case, metric, mib, "MiB")], None),
        Measure::ProductSync => match product_sync::figures(&outcome.stdout) {
            Ok(mut figures) => {
                let case = figures[0].case.clone();
                let wall = outcome.wall.as_secs_f64();
                figures.insert(0, figure(&case, "wall (process)", wall, "s"));
                figures.push(figure(&case, "peak RSS (emulator included)", mib, "MiB"));
                (figures, None)
            }
            Err(why) => (Vec::new(), Some(why)),
        },
        // Counted under callgrind by `run_entry`, never run here.
        Measure::Instructions { .. } => (Vec::new(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn a_near_name_is_suggested() {
        let names = ["generate_once", "sync", "sync_memory"];
        assert_eq!(
            did_you_mean("genrate_once", &names),
            "; did you mean `generate_once`?"
        );
        assert_eq!(did_you_mean("synk", &names), "; did you mean `sync`?");
        assert_eq!(did_you_mean("fleet", &names), "");
    }

    #[test]
    fn arguments_are_read_and_unknown_ones_refused() {
        let options = parse_args(&args("bench --quick --only decode,sync")).unwrap();
        assert!(options.quick && !options.list);
        assert_eq!(options.only.unwrap(), ["decode", "sync"]);
        assert!(parse_args(&args("bench --fast"))
            .unwrap_err()
            .contains("--fast"));
        assert!(parse_args(&args("bench --only"))
            .unwrap_err()
            .contains("--only"));
        assert!(parse_args(&args("test")).unwrap_err().contains("bench"));
    }
}
