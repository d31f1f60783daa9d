//! What `pull` and `check` share: where the live workspace is, and reading
//! it from synchronous code.

use attio_schema::Workspace;
use cargo_attio_gen::fetch::{Selection, Source, Step};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::outcome::Failure;

#[derive(Args)]
pub struct LiveArgs {
    /// The API's URL, e.g. an emulator's [default: $ATTIO_BASE_URL, else
    /// https://api.attio.com]
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Read only these objects (comma-separated api_slugs) [default: all]
    #[arg(long, value_name = "SLUGS", value_delimiter = ',', value_parser = slug)]
    objects: Option<Vec<String>>,
    /// Read only these lists (comma-separated api_slugs) [default: all]
    #[arg(long, value_name = "SLUGS", value_delimiter = ',', value_parser = slug)]
    lists: Option<Vec<String>>,
    /// How often to retry a request that failed with a rate limit, a server
    /// error or a connection failure.
    #[arg(long, value_name = "N", default_value_t = 3)]
    retries: u32,
    /// Allow a plain http:// URL on another machine; the key then travels
    /// unencrypted (http://localhost is always allowed).
    #[arg(long)]
    allow_insecure_http: bool,
}

/// One api_slug of `--objects` or `--lists`: an empty one (`--lists ''`,
/// `--objects a,,b`) is a usage error before anything is read.
fn slug(value: &str) -> Result<String, String> {
    match value.trim() {
        "" => Err("an empty slug; give api_slugs separated by commas (e.g. `people,companies`), or leave the option out to read all".to_owned()),
        slug => Ok(slug.to_owned()),
    }
}

/// Reads the live workspace's schema; returns where it came from too.
///
/// On a terminal a progress bar shows which object or list is read; piped
/// or in CI, nothing is drawn.
pub fn fetch(args: &LiveArgs) -> Result<(Source, Workspace), Failure> {
    let source = Source::from_env(args.base_url.clone())?
        .retries(args.retries)
        .allow_insecure_http(args.allow_insecure_http);
    let selection = Selection {
        objects: args.objects.clone(),
        lists: args.lists.clone(),
    };
    // One request at a time is all the introspection does, so one thread
    // suffices.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Usage(format!("cannot start the async runtime: {e}")))?;
    let bar = crate::logging::progress_bar().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} reading {msg} [{pos}/{len}]")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar
    });
    let mut progress = |step: Step<'_>| {
        if let Some(bar) = &bar {
            bar.set_length(step.total as u64);
            bar.set_position(step.done as u64);
            bar.set_message(format!("{} {}", step.target, step.slug));
        }
    };
    let workspace = runtime.block_on(source.fetch(&selection, &mut progress));
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    Ok((source, workspace?))
}
