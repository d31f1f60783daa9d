//! What `pull` and `check` share: where the live workspace is, and reading
//! it from synchronous code.

use attio_codegen::fetch::Source;
use attio_schema::Workspace;
use clap::Args;

use crate::Failure;

#[derive(Args)]
pub struct LiveArgs {
    /// The API's URL, e.g. an emulator's [default: $ATTIO_BASE_URL, else
    /// https://api.attio.com]
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// How often to retry a request that failed with a rate limit, a server
    /// error or a connection failure.
    #[arg(long, value_name = "N", default_value_t = 3)]
    retries: u32,
    /// Allow a plain http:// URL on another machine; the key then travels
    /// unencrypted (http://localhost is always allowed).
    #[arg(long)]
    allow_insecure_http: bool,
}

/// Reads the live workspace's schema; returns where it came from too.
pub fn fetch(args: &LiveArgs) -> Result<(Source, Workspace), Failure> {
    let source = Source::from_env(args.base_url.clone())?
        .retries(args.retries)
        .allow_insecure_http(args.allow_insecure_http);
    // One request at a time is all the introspection does, so one thread
    // suffices.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Usage(format!("cannot start the async runtime: {e}")))?;
    let workspace = runtime.block_on(source.fetch())?;
    Ok((source, workspace))
}
