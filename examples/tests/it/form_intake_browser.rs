//! form-intake in a real browser: headless Chromium, driven over WebDriver
//! (chromedriver on 127.0.0.1), fills the form, meets each field's error
//! where the field is, corrects it and sends it; a returning visitor
//! updates their person instead of adding one. A screenshot of each state
//! is kept under the target directory (`browser/form-intake/`), and the
//! test prints where.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs
//! them); without them the test fails and says so, unless
//! `ATTIO_SKIP_BROWSER=1` asks to skip it.

use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use attio_examples::attio::Person;
use attio_examples::connect;
use attio_runtime::Stored;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use super::form_intake::Site;

/// The variable that skips the test on a machine without Chromium.
const SKIP: &str = "ATTIO_SKIP_BROWSER";

/// How long chromedriver may take to answer, and a page to appear.
const PATIENCE: Duration = Duration::from_secs(10);

/// Chromedriver, a headless Chromium session through it, and where the
/// screenshots go.
struct Browser {
    client: Client,
    artefacts: PathBuf,
    // Dropped after the client, and the profile after the browser is gone.
    _driver: Driver,
    _profile: tempfile::TempDir,
}

/// A running chromedriver; dropping it stops it and the browsers it
/// started, also when an assertion failed half-way.
struct Driver {
    process: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // chromedriver's `/shutdown` quits its browsers too; killing it
        // alone would leave Chromium running.
        if let Ok(mut stream) = TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)) {
            let _ = stream.set_read_timeout(Some(PATIENCE));
            let _ = stream.write_all(
                b"GET /shutdown HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
            );
            let _ = stream.read_to_end(&mut Vec::new());
        }
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.process.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// The path of `program` on `PATH`, if it is there.
fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

impl Browser {
    /// Starts chromedriver and a browser session, or `None` when
    /// `ATTIO_SKIP_BROWSER=1` and the browser is missing.
    async fn start(name: &str) -> Option<Browser> {
        let skip = std::env::var(SKIP).is_ok_and(|v| v == "1");
        let (chromium, driver) = match (on_path("chromium"), on_path("chromedriver")) {
            (Some(chromium), Some(driver)) => (chromium, driver),
            _ if skip => {
                eprintln!("skipped: no chromium or chromedriver on PATH, and {SKIP}=1");
                return None;
            }
            _ => panic!(
                "the browser test needs headless Chromium and its WebDriver: \
                 `apt-get install -y chromium chromium-driver` (Debian), \
                 or set {SKIP}=1 to skip it"
            ),
        };
        let artefacts = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("../browser")
            .join(name);
        std::fs::create_dir_all(&artefacts).unwrap();
        let artefacts = artefacts.canonicalize().unwrap();
        // A free port: the system's choice, released for chromedriver.
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let process = Command::new(driver)
            .arg(format!("--port={port}"))
            .arg(format!(
                "--log-path={}",
                artefacts.join("chromedriver.log").display()
            ))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver { process, port };
        let url = format!("http://127.0.0.1:{port}");
        let profile = tempfile::tempdir().unwrap();
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=800,1000",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            },
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object")
        };
        let browser = Browser {
            client: connect_when_ready(&url, capabilities).await,
            artefacts,
            _driver: driver,
            _profile: profile,
        };
        println!("browser screenshots: {}", browser.artefacts.display());
        // Each run's pictures only.
        for entry in std::fs::read_dir(&browser.artefacts).unwrap().flatten() {
            if entry.path().extension().is_some_and(|e| e == "png") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        Some(browser)
    }

    /// Keeps a picture of the page as `<state>.png`.
    async fn screenshot(&self, state: &str) {
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(self.artefacts.join(format!("{state}.png")), png).unwrap();
    }

    /// Types into each field, replacing what it held.
    async fn fill(&self, fields: &[(&str, &str)]) {
        for (id, text) in fields {
            let input = self.client.find(Locator::Id(id)).await.unwrap();
            input.clear().await.unwrap();
            if !text.is_empty() {
                input.send_keys(text).await.unwrap();
            }
        }
    }

    /// Presses Send and waits for the answer's page to be at `path`.
    async fn send(&self, path: &str) {
        let button = self
            .client
            .find(Locator::Css("button[type=submit]"))
            .await
            .unwrap();
        button.click().await.unwrap();
        self.wait_for_path(path).await;
    }

    async fn wait_for_path(&self, path: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let url = self.client.current_url().await.unwrap();
            let ready = self
                .client
                .execute("return document.readyState", vec![])
                .await
                .unwrap();
            if url.path() == path && ready == "complete" {
                return;
            }
            assert!(Instant::now() < deadline, "still at {url}, not {path}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The value the field shows now.
    async fn value(&self, id: &str) -> String {
        let input = self.client.find(Locator::Id(id)).await.unwrap();
        input.prop("value").await.unwrap().unwrap_or_default()
    }

    /// The error shown under the field, in its paragraph, if any.
    async fn error_of(&self, id: &str) -> Option<String> {
        let xpath = format!("//*[@id='{id}']/following-sibling::span[@class='error']");
        let found = self.client.find_all(Locator::XPath(&xpath)).await.unwrap();
        match found.as_slice() {
            [] => None,
            [error] => Some(error.text().await.unwrap()),
            more => panic!("{} errors under {id}", more.len()),
        }
    }
}

/// A session of chromedriver at `url`, once it answers.
async fn connect_when_ready(url: &str, capabilities: fantoccini::wd::Capabilities) -> Client {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(capabilities.clone())
            .connect(url)
            .await
        {
            Ok(client) => return client,
            // Not listening yet: chromedriver takes a moment to start.
            Err(_) if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
            Err(error) => {
                panic!("cannot start a Chromium session through chromedriver at {url}: {error}")
            }
        }
    }
}

/// The people whose email addresses include `email`.
fn with_email<'p>(people: &'p [Stored<Person>], email: &str) -> Vec<&'p Stored<Person>> {
    people
        .iter()
        .filter(|p| p.values.email_addresses.iter().any(|e| e.as_str() == email))
        .collect()
}

#[tokio::test]
async fn a_visitor_corrects_the_form_in_a_browser_and_a_returning_one_updates() {
    let Some(browser) = Browser::start("form-intake").await else {
        return;
    };
    let site = Site::start(connect::EMULATOR_API_KEY).await;
    let people_before = site.people().await.len();

    browser
        .client
        .goto(&format!("{}/", site.url))
        .await
        .unwrap();
    browser.screenshot("1-empty").await;
    let typed = [
        ("name", "Ada Lovelace"),
        ("email", "ada@acme"),
        ("company", "Acme"),
        ("website", "acme"),
        ("phone", "555 0100"),
        ("job_title", "CTO"),
        ("message", "Could we see a demo?"),
    ];
    browser.fill(&typed).await;
    browser.screenshot("2-filled").await;
    browser.send("/submit").await;
    browser.screenshot("3-errors").await;

    // Every field keeps what was typed; the three wrong ones say why,
    // under themselves, and are marked invalid.
    for (id, text) in typed {
        assert_eq!(browser.value(id).await, text, "{id} keeps what was typed");
    }
    for (id, expected) in [
        ("email", "`ada@acme` is not an email address"),
        ("website", "`acme` is not a website"),
        ("phone", "`555 0100` is not an international phone number"),
    ] {
        let error = browser.error_of(id).await.unwrap_or_default();
        assert!(error.starts_with(expected), "{id}: {error:?}");
        let input = browser.client.find(Locator::Id(id)).await.unwrap();
        assert_eq!(
            input.attr("aria-invalid").await.unwrap().as_deref(),
            Some("true")
        );
    }
    for id in ["name", "company", "job_title", "message"] {
        assert_eq!(browser.error_of(id).await, None, "{id} has no error");
    }
    assert_eq!(
        site.people().await.len(),
        people_before,
        "nothing saved yet"
    );

    browser
        .fill(&[
            ("email", "ada@acme.com"),
            ("website", "https://www.acme.com"),
            ("phone", ""),
        ])
        .await;
    browser.screenshot("4-corrected").await;
    browser.send("/thanks").await;
    browser.screenshot("5-thanks").await;
    let heading = browser.client.find(Locator::Css("h1")).await.unwrap();
    assert_eq!(heading.text().await.unwrap(), "Thank you");

    let people = site.people().await;
    assert_eq!(people.len(), people_before + 1);
    let ada = with_email(&people, "ada@acme.com");
    assert_eq!(ada.len(), 1, "one person for ada@acme.com");
    assert_eq!(ada[0].values.job_title.as_deref(), Some("CTO"));
    let ada_id = ada[0].id.record_id.clone();

    // The same visitor comes back with a new job title.
    let again = browser
        .client
        .find(Locator::LinkText("Send another message"))
        .await
        .unwrap();
    again.click().await.unwrap();
    browser.wait_for_path("/").await;
    browser
        .fill(&[
            ("name", "Ada Lovelace"),
            ("email", "ada@acme.com"),
            ("company", "Acme"),
            ("website", "acme.com"),
            ("job_title", "VP Engineering"),
            ("message", "Following up on the demo."),
        ])
        .await;
    browser.screenshot("6-returning").await;
    browser.send("/thanks").await;
    browser.screenshot("7-returning-thanks").await;

    let people = site.people().await;
    assert_eq!(people.len(), people_before + 1, "updated, not duplicated");
    let ada = with_email(&people, "ada@acme.com");
    assert_eq!(ada.len(), 1);
    assert_eq!(ada[0].id.record_id, ada_id);
    assert_eq!(ada[0].values.job_title.as_deref(), Some("VP Engineering"));

    browser.client.clone().close().await.unwrap();
    site.emulator.shutdown().await;
}
