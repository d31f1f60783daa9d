//! The throwaway PostgreSQL cluster the tests share
//! (`attio_fleet::local_postgres`), each test in a database of its own.
//! Under nextest, which runs each test in a process of its own, one cluster
//! for the whole run (`LocalPostgres::shared`, keyed by `NEXTEST_RUN_ID`,
//! stopped when nextest — every test process's parent — has ended), so a
//! run pays initdb and start (about a second) once, not once per test;
//! under `cargo test`, one per test process, shared by its tests.
//!
//! Without a PostgreSQL that starts, every test that needs one fails and
//! says why, unless `ATTIO_SKIP_POSTGRES=1`, with which they pass after
//! saying loudly that they were skipped.

use std::sync::OnceLock;

use attio_fleet::local_postgres::LocalPostgres;

/// Set to `1` to pass (loudly) the tests that need PostgreSQL where none
/// can be started.
pub const SKIP_ENV: &str = "ATTIO_SKIP_POSTGRES";

static CLUSTER: OnceLock<Result<LocalPostgres, String>> = OnceLock::new();

/// nextest's run id, when under nextest.
const RUN_ENV: &str = "NEXTEST_RUN_ID";

/// The run's shared cluster under nextest, else this process's own.
fn cluster() -> Result<LocalPostgres, String> {
    match std::env::var(RUN_ENV) {
        Ok(run) => LocalPostgres::shared(&run, std::os::unix::process::parent_id()),
        Err(_) => LocalPostgres::start(),
    }
}

/// A connection string for a new, empty database of the shared cluster, or
/// `None` when PostgreSQL cannot be started and `ATTIO_SKIP_POSTGRES=1`
/// (the caller returns: the test is skipped, said on standard error).
pub async fn database(name: &str) -> Option<String> {
    let cluster = match CLUSTER.get_or_init(cluster) {
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
    let db = format!("t_{}_{}", name, uuid::Uuid::new_v4().simple());
    Some(
        cluster
            .create_database(&db)
            .await
            .expect("creates the test's database"),
    )
}

/// Two users of one key get one cluster (here two calls of this process;
/// under nextest, two test processes), each with databases of its own.
#[tokio::test]
async fn processes_of_one_run_share_one_cluster() {
    let key = format!("test-{}", uuid::Uuid::new_v4().simple());
    let owner = std::process::id();
    let first = match LocalPostgres::shared(&key, owner) {
        Ok(cluster) => cluster,
        Err(why) if std::env::var(SKIP_ENV).is_ok_and(|v| v == "1") => {
            eprintln!("\n!!!! SKIPPED: no PostgreSQL: {why}\n");
            return;
        }
        Err(why) => panic!("cannot start PostgreSQL: {why}"),
    };
    let second = LocalPostgres::shared(&key, owner).unwrap();
    assert_eq!(first.port(), second.port());
    let url = first.create_database("t_shared_a").await.unwrap();
    second.create_database("t_shared_b").await.unwrap();
    let db = attio_fleet::connect(&url).await.unwrap();
    let names: Vec<String> = db
        .query(
            "SELECT datname FROM pg_database WHERE datname LIKE 't_shared_%' ORDER BY 1",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(names, ["t_shared_a", "t_shared_b"]);
    // The run's directory records it, for the processes still to come.
    let recorded = std::env::temp_dir().join(format!("attio-fleet-pg-{key}/port"));
    assert_eq!(
        std::fs::read_to_string(recorded).unwrap(),
        first.port().to_string()
    );
}
