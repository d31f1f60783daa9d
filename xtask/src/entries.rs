//! Every benchmark `cargo xtask bench` runs: what to build, how to run it
//! (full size and `--quick`), and how its figures are taken. An entry's
//! name is its section's marker in BENCHMARKS.md and its `--only` name.

/// The program an entry runs, built once in release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// A `[[bench]]` (`cargo bench --no-run`); run with `--bench` first.
    Bench {
        package: &'static str,
        name: &'static str,
    },
    /// An integration test binary (`cargo test --release --no-run`).
    Test {
        package: &'static str,
        name: &'static str,
    },
    /// A binary (`cargo build --release`).
    Bin {
        package: &'static str,
        name: &'static str,
    },
    /// A script at `path` from the repository's root, which builds what it
    /// runs itself (the derives' expansion is measured in a proc macro's
    /// test binary, which callgrind must count by function).
    Script { path: &'static str },
}

impl Target {
    pub fn package(self) -> &'static str {
        match self {
            Target::Bench { package, .. }
            | Target::Test { package, .. }
            | Target::Bin { package, .. } => package,
            Target::Script { .. } => "",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Target::Bench { name, .. } | Target::Test { name, .. } | Target::Bin { name, .. } => {
                name
            }
            Target::Script { path } => path,
        }
    }

    /// The arguments before an invocation's own: `cargo bench` passes
    /// `--bench`, which our benchmarks require before they measure.
    pub fn leading_args(self) -> &'static [&'static str] {
        match self {
            Target::Bench { .. } => &["--bench"],
            Target::Test { .. } | Target::Bin { .. } | Target::Script { .. } => &[],
        }
    }
}

/// How an invocation's figures are taken. A case in braces, `{NAME}`, is
/// the value of the invocation's environment variable `NAME`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure {
    /// The `bench-result:` lines the program prints.
    Results,
    /// Instructions under callgrind (millions), less those of the same
    /// program run with the `setup` arguments, when given.
    Instructions {
        case: &'static str,
        metric: &'static str,
        setup: Option<&'static [&'static str]>,
    },
    /// The process's peak resident memory (MiB).
    PeakRss {
        case: &'static str,
        metric: &'static str,
    },
    /// product-sync's summary (writes/s, 429s), the process's wall time
    /// and peak resident memory.
    ProductSync,
}

/// One run of an entry's program (or `repeat` runs).
#[derive(Debug, Clone)]
pub struct Invocation {
    pub args: &'static [&'static str],
    pub env: &'static [(&'static str, &'static str)],
    /// Runs, whose figures become medians (always 1 with `--quick`).
    pub repeat: usize,
    pub measure: Measure,
    /// With `--quick`: left out, or run with these variables added (they
    /// override `env`) and these arguments instead of `args`.
    pub in_quick: bool,
    pub quick_env: &'static [(&'static str, &'static str)],
    pub quick_args: Option<&'static [&'static str]>,
}

impl Invocation {
    fn new(measure: Measure, args: &'static [&'static str]) -> Self {
        Invocation {
            args,
            env: &[],
            repeat: 1,
            measure,
            in_quick: true,
            quick_env: &[],
            quick_args: None,
        }
    }

    fn results(args: &'static [&'static str]) -> Self {
        Self::new(Measure::Results, args)
    }

    fn env(mut self, env: &'static [(&'static str, &'static str)]) -> Self {
        self.env = env;
        self
    }

    fn quick(mut self, env: &'static [(&'static str, &'static str)]) -> Self {
        self.quick_env = env;
        self
    }

    fn quick_args(mut self, args: &'static [&'static str]) -> Self {
        self.quick_args = Some(args);
        self
    }

    fn not_quick(mut self) -> Self {
        self.in_quick = false;
        self
    }

    fn repeat(mut self, runs: usize) -> Self {
        self.repeat = runs;
        self
    }

    /// The environment of a run: `env`, then `quick_env` over it.
    pub fn environment(&self, quick: bool) -> Vec<(&'static str, &'static str)> {
        let mut env = self.env.to_vec();
        if quick {
            for (key, value) in self.quick_env {
                env.retain(|(k, _)| k != key);
                env.push((key, value));
            }
        }
        env
    }

    pub fn arguments(&self, quick: bool) -> &'static [&'static str] {
        match (quick, self.quick_args) {
            (true, Some(args)) => args,
            _ => self.args,
        }
    }
}

/// `template` with each `{NAME}` replaced by `NAME`'s value in `env`.
pub fn expand(template: &str, env: &[(&str, &str)]) -> String {
    env.iter().fold(template.to_owned(), |text, (key, value)| {
        text.replace(&format!("{{{key}}}"), value)
    })
}

/// A benchmark: one section of BENCHMARKS.md.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: &'static str,
    pub about: &'static str,
    pub target: Target,
    pub invocations: Vec<Invocation>,
}

const GENERATE: Target = Target::Bench {
    package: "attio-codegen",
    name: "generate_once",
};
const DECODE: Target = Target::Bench {
    package: "attio-tests",
    name: "decode",
};

fn tests_bench(name: &'static str) -> Target {
    Target::Bench {
        package: "attio-tests",
        name,
    }
}

/// Every benchmark, in the order they run (and BENCHMARKS.md's).
pub fn all() -> Vec<Entry> {
    use Measure::{Instructions, PeakRss};
    const SETUP: Option<&[&str]> = Some(&["setup"]);
    const GEN_CASE: &str = "{GENERATE_ONCE_OBJECTS} × 50";
    let generation =
        |objects: &'static [(&'static str, &'static str)]| Invocation::results(&[]).env(objects);
    let instructions = |case, metric, args, env| {
        Invocation::new(
            Instructions {
                case,
                metric,
                setup: SETUP,
            },
            args,
        )
        .env(env)
    };
    // prettyplease alone: the floor less building the items it formats.
    let formatting = |env| {
        Invocation::new(
            Instructions {
                case: GEN_CASE,
                metric: "prettyplease alone",
                setup: Some(&["items"]),
            },
            &["floor"],
        )
        .env(env)
    };
    let objects = |n| -> &'static [(&'static str, &'static str)] {
        match n {
            250 => &[("GENERATE_ONCE_OBJECTS", "250")],
            _ => &[("GENERATE_ONCE_OBJECTS", "1000")],
        }
    };
    const QUICK_OBJECTS: &[(&str, &str)] = &[("GENERATE_ONCE_OBJECTS", "100")];
    const DECODE_ENV: &[(&str, &str)] = &[("DECODE_RECORDS", "10000")];
    const DECODE_QUICK: &[(&str, &str)] = &[("DECODE_RECORDS", "1000"), ("DECODE_RUNS", "3")];
    const DECODE_CASE: &str = "{DECODE_RECORDS} people";
    const FLEET: Target = Target::Test {
        package: "attio-fleet",
        name: "it",
    };
    vec![
        Entry {
            name: "generate_once",
            about: "generation against prettyplease alone by size; instructions; peak RSS",
            target: GENERATE,
            invocations: vec![
                generation(&[("GENERATE_ONCE_OBJECTS", "100")])
                    .quick(&[("GENERATE_ONCE_RUNS", "3")]),
                generation(&[("GENERATE_ONCE_OBJECTS", "250")]).not_quick(),
                generation(&[("GENERATE_ONCE_OBJECTS", "500")]).not_quick(),
                generation(objects(1000)).not_quick(),
                instructions(GEN_CASE, "generate", &["once"], objects(1000)).quick(QUICK_OBJECTS),
                formatting(objects(1000)).quick(QUICK_OBJECTS),
                instructions(GEN_CASE, "generate", &["once"], objects(250)).not_quick(),
                formatting(objects(250)).not_quick(),
                Invocation::new(
                    PeakRss {
                        case: GEN_CASE,
                        metric: "peak RSS, workspace alone",
                    },
                    &["setup"],
                )
                .env(objects(1000))
                .quick(QUICK_OBJECTS),
                Invocation::new(
                    PeakRss {
                        case: GEN_CASE,
                        metric: "peak RSS, one generation",
                    },
                    &["once"],
                )
                .env(objects(1000))
                .quick(QUICK_OBJECTS),
            ],
        },
        Entry {
            name: "check_ratio",
            about: "`cargo check` of generated bindings vs hand-written serde",
            target: Target::Bench {
                package: "attio-codegen",
                name: "check_ratio",
            },
            invocations: vec![
                Invocation::results(&[]).quick(&[("CHECK_RATIO_RUNS", "1")]),
                Invocation::results(&[])
                    .env(&[("CHECK_RATIO_DERIVES", "200")])
                    .not_quick(),
            ],
        },
        Entry {
            name: "expand",
            about: "the derives' expansion of check_ratio's 200 generated structs; instructions",
            target: Target::Script {
                path: "attio-macros/expand-bench.sh",
            },
            invocations: vec![Invocation::results(&[]).quick_args(&["fixture", "fixture"])],
        },
        Entry {
            name: "decode",
            about: "typed decoding vs serde_json::Value; instructions",
            target: DECODE,
            invocations: vec![
                Invocation::results(&[]).env(DECODE_ENV).quick(DECODE_QUICK),
                instructions(DECODE_CASE, "serde_json::Value", &["value"], DECODE_ENV)
                    .quick(DECODE_QUICK),
                instructions(DECODE_CASE, "Stored<Person>", &["typed"], DECODE_ENV)
                    .quick(DECODE_QUICK),
            ],
        },
        Entry {
            name: "pacing",
            about: "the client's pacer against its write limit, no server limit",
            target: tests_bench("pacing"),
            invocations: vec![
                Invocation::results(&[]).quick(&[("PACING_RUNS", "1"), ("PACING_SECONDS", "1")])
            ],
        },
        Entry {
            name: "query_score",
            about: "queries, reads and writes under a query-score budget",
            target: tests_bench("query_score"),
            invocations: vec![Invocation::results(&[]).quick(&[("QUERY_SCORE_PEOPLE", "10")])],
        },
        Entry {
            name: "throughput",
            about: "the emulator's requests per second, rate limits off",
            target: Target::Bench {
                package: "attio-emulator",
                name: "throughput",
            },
            invocations: vec![Invocation::results(&[])
                .repeat(3)
                .quick(&[("THROUGHPUT_WINDOW_MS", "300")])],
        },
        Entry {
            name: "webhooks",
            about: "the webhook receiver under load: acknowledgement latency, losses",
            target: tests_bench("webhooks"),
            invocations: vec![Invocation::results(&[])
                .quick(&[("WEBHOOKS_EVENTS", "200"), ("WEBHOOKS_RUNS", "1")])],
        },
        Entry {
            name: "sync",
            about: "bulk sync against the emulator's write limit, 25/s and 250/s",
            target: tests_bench("sync"),
            invocations: vec![Invocation::results(&["rate"])
                .quick(&[("ATTIO_BENCH_RUNS", "1"), ("SYNC_SECONDS", "2")])],
        },
        Entry {
            name: "sync_memory",
            about: "bulk sync's peak memory at 10,000 and 100,000 records",
            target: tests_bench("sync"),
            invocations: vec![
                Invocation::results(&["memory"]).quick(&[("SYNC_MEMORY_SIZES", "1000,10000")])
            ],
        },
        Entry {
            name: "product_sync",
            about: "the main job, product-sync's default run on a fresh state",
            target: Target::Bin {
                package: "attio-examples",
                name: "product-sync",
            },
            invocations: vec![Invocation::new(Measure::ProductSync, &[])
                .repeat(3)
                .quick_args(&["--users", "50"])],
        },
        Entry {
            name: "fleet_scaling",
            about: "a fleet of workspaces: writes/s by workspaces × workers",
            target: FLEET,
            invocations: vec![Invocation::results(&[
                "harness::scaling::scaling",
                "--ignored",
                "--exact",
                "--nocapture",
            ])
            .env(&[(
                "ATTIO_FLEET_SCALING",
                "10x1,10x2,10x4,100x1,100x2,100x4,1000x1,1000x2,1000x4",
            )])
            .quick(&[("ATTIO_FLEET_SCALING", "2x1"), ("ATTIO_FLEET_RECORDS", "5")])],
        },
        Entry {
            name: "fleet_full_size",
            about: "a fleet of workspaces at full size, one worker killed",
            target: FLEET,
            invocations: vec![Invocation::results(&[
                "harness::full_size",
                "--ignored",
                "--exact",
                "--nocapture",
            ])
            .env(&[("ATTIO_FLEET_SIZES", "200,300,3,20000")])
            .quick(&[("ATTIO_FLEET_SIZES", "4,10,3,40")])],
        },
        Entry {
            name: "upload_memory",
            about: "the client's peak memory during a 50 MiB upload",
            target: tests_bench("upload_memory"),
            invocations: vec![Invocation::results(&[])],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_every_entry_runs_in_quick_mode() {
        let entries = all();
        for (i, entry) in entries.iter().enumerate() {
            assert!(
                entries[..i].iter().all(|e| e.name != entry.name),
                "{} twice",
                entry.name
            );
            assert!(
                entry.invocations.iter().any(|i| i.in_quick),
                "{}",
                entry.name
            );
        }
    }

    #[test]
    fn quick_variables_override_the_full_ones_and_fill_cases() {
        let env = Invocation::results(&[])
            .env(&[("GENERATE_ONCE_OBJECTS", "1000"), ("KEEP", "1")])
            .quick(&[("GENERATE_ONCE_OBJECTS", "100")])
            .environment(true);
        assert_eq!(env, [("KEEP", "1"), ("GENERATE_ONCE_OBJECTS", "100")]);
        assert_eq!(expand("{GENERATE_ONCE_OBJECTS} × 50", &env), "100 × 50");
    }
}
