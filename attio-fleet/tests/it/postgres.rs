//! The throwaway PostgreSQL cluster the tests share
//! (`attio_fleet::local_postgres`): one per test process — `cargo test`
//! shares it between the tests of the binary; nextest, which runs each test
//! in a process of its own, starts one per test (initdb and start take
//! about a second). Each test gets a database of its own.
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

/// A connection string for a new, empty database of the shared cluster, or
/// `None` when PostgreSQL cannot be started and `ATTIO_SKIP_POSTGRES=1`
/// (the caller returns: the test is skipped, said on standard error).
pub async fn database(name: &str) -> Option<String> {
    let cluster = match CLUSTER.get_or_init(LocalPostgres::start) {
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
