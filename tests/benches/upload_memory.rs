//! The client's peak memory during a 50 MB upload: `cargo bench -p
//! attio-tests --bench upload_memory`. The emulator (which keeps what it is
//! sent) runs in a child process — this same program, started again — so
//! that the peak resident size read from `/proc/self/status` (`VmHWM`)
//! before and after the upload is the client's alone. Linux only. The
//! figures are also printed as `bench-result:` lines.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use attio_emulator::Emulator;
use attio_runtime::api::files::{Upload, MAX_UPLOAD_BYTES};
use attio_runtime::api::meetings::RecordLink;
use attio_runtime::{Client, Method, RateLimits, RecordId};
use attio_tests::bench::result;

const KEY: &str = "upload-memory-bench-key";
const CHILD: &str = "ATTIO_UPLOAD_MEMORY_EMULATOR";

/// `VmHWM` (peak resident set) and `VmRSS` of this process, in KiB.
fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

#[tokio::main]
async fn main() {
    if std::env::var_os(CHILD).is_some() {
        let emulator = Emulator::builder()
            .api_key(KEY)
            .without_rate_limits()
            .start()
            .await
            .expect("the emulator starts");
        println!("{}", emulator.base_url());
        std::io::stdout().flush().unwrap();
        // Until the parent kills this process.
        std::future::pending::<()>().await;
    }
    let mut child = Command::new(std::env::current_exe().unwrap())
        .env(CHILD, "1")
        .stdout(Stdio::piped())
        .spawn()
        .expect("the emulator process starts");
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();

    let client = Client::builder(KEY)
        .base_url(url.trim())
        .rate_limits(RateLimits::unlimited())
        .build()
        .unwrap();
    let company = client
        .raw(
            Method::POST,
            "/v2/objects/companies/records",
            Some(attio_runtime::serde_json::json!({"data": {"values": {"name": "Acme"}}})),
        )
        .await
        .unwrap();
    let record = RecordId::new(company["data"]["id"]["record_id"].as_str().unwrap()).unwrap();

    // The file is written 1 MiB at a time, so writing it costs no 50 MB.
    let path = std::env::temp_dir().join(format!("attio-upload-{}.bin", std::process::id()));
    let mut file = std::fs::File::create(&path).unwrap();
    let chunk = vec![7u8; 1024 * 1024];
    for _ in 0..MAX_UPLOAD_BYTES / chunk.len() as u64 {
        file.write_all(&chunk).unwrap();
    }
    drop(file);

    let (peak_before, rss_before) = memory_kib();
    let started = std::time::Instant::now();
    let uploaded = client
        .upload_file(
            &RecordLink::new("companies", &record),
            Upload::from_path(&path).await.unwrap(),
        )
        .await
        .unwrap();
    let elapsed = started.elapsed();
    let (peak_after, rss_after) = memory_kib();
    let _ = std::fs::remove_file(&path);
    let _ = child.kill();
    let _ = child.wait();

    assert_eq!(uploaded.content_size, Some(MAX_UPLOAD_BYTES));
    println!(
        "uploaded {} MiB in {:.2} s\npeak resident (VmHWM): {} KiB before, {} KiB after: +{} KiB\n\
         resident (VmRSS): {} KiB before, {} KiB after",
        MAX_UPLOAD_BYTES / (1024 * 1024),
        elapsed.as_secs_f64(),
        peak_before,
        peak_after,
        peak_after - peak_before,
        rss_before,
        rss_after,
    );
    let case = format!("{} MiB upload", MAX_UPLOAD_BYTES / (1024 * 1024));
    result("upload_memory", &case, "upload", elapsed.as_secs_f64(), "s");
    result(
        "upload_memory",
        &case,
        "peak before",
        peak_before as f64,
        "KiB",
    );
    result(
        "upload_memory",
        &case,
        "peak after",
        peak_after as f64,
        "KiB",
    );
    let growth = peak_after as f64 - peak_before as f64;
    result("upload_memory", &case, "growth", growth, "KiB");
}
