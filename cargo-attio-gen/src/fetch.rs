//! Introspection of a live workspace: what `cargo attio-gen pull` stores in a
//! snapshot and `cargo attio-gen check` compares with one.
//!
//! The reading itself is [`attio_runtime::Client::get_workspace_schema`], so
//! pacing under Attio's rate limits and retries come from the runtime. This
//! module adds what a command-line tool needs around it: the key and URL from
//! the environment, errors that name the URL and say what to do, and a
//! refusal to accept a schema that can only be an incomplete read.

use std::fmt;
use std::time::Duration;

use attio_runtime::{Client, ErrorKind, RetryPolicy};
use attio_schema::{suggest, Target, Workspace};

// The runtime's variables and default URL, so that `cargo attio-gen` and
// `Client::from_env` read the same.
use attio_runtime::client::{API_KEY_ENV, BASE_URL_ENV, DEFAULT_BASE_URL};

/// Where a workspace schema is read from, and with which key.
///
/// `Debug` never shows the key.
#[derive(Clone)]
pub struct Source {
    key: String,
    base_url: String,
    retries: u32,
    allow_insecure_http: bool,
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Source")
            .field("base_url", &self.base_url)
            .field("retries", &self.retries)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .finish_non_exhaustive()
    }
}

impl Source {
    /// A source with an explicit key and URL, retrying a failed request up
    /// to 3 times.
    pub fn new(key: impl Into<String>, base_url: impl Into<String>) -> Source {
        Source {
            key: key.into(),
            base_url: base_url.into(),
            retries: 3,
            allow_insecure_http: false,
        }
    }

    /// The key from `ATTIO_API_KEY`; the URL from `base_url` when given,
    /// else from `ATTIO_BASE_URL`, else Attio's API. Empty values
    /// count as unset.
    pub fn from_env(base_url: Option<String>) -> Result<Source, FetchError> {
        let non_empty = |name| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let key = non_empty(API_KEY_ENV).ok_or(FetchError::MissingKey)?;
        let base_url = base_url
            .filter(|u| !u.is_empty())
            .or_else(|| non_empty(BASE_URL_ENV))
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
        Ok(Source::new(key, base_url))
    }

    /// How often a failed request is tried again (rate limits, server
    /// errors, connection failures).
    pub fn retries(mut self, retries: u32) -> Source {
        self.retries = retries;
        self
    }

    /// Allows a plain `http://` URL that is not on this machine (the key
    /// then travels unencrypted); `http://` to localhost is always allowed.
    pub fn allow_insecure_http(mut self, allow: bool) -> Source {
        self.allow_insecure_http = allow;
        self
    }

    /// The API's URL, as given.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A runtime client for this source: its key and URL, retrying as
    /// [`Source::retries`] says. `cargo attio-gen apply` writes through it.
    pub fn client(&self) -> Result<Client, FetchError> {
        // The runtime's default waits up to two minutes, right for a
        // long-running application; a person at a terminal or a CI job
        // should hear about an unreachable host sooner.
        let policy = RetryPolicy {
            max_retries: self.retries,
            max_total_wait: Duration::from_secs(60),
            ..RetryPolicy::default()
        };
        Client::builder(self.key.as_str())
            .base_url(self.base_url.as_str())
            .retry_policy(policy)
            .allow_insecure_http(self.allow_insecure_http)
            .build()
            .map_err(|source| match source.kind() {
                // The runtime's advice names its builder method; a person
                // at the command line needs the flag instead.
                ErrorKind::InsecureHttp => FetchError::InsecureUrl {
                    url: self.base_url.clone(),
                },
                _ => FetchError::Config {
                    url: self.base_url.clone(),
                    source: Box::new(source),
                },
            })
    }

    /// Reads the selected objects and lists with their attributes
    /// (archived ones too), options and statuses, reporting each step to
    /// `progress`, and checks that the result is complete (see
    /// [`check_complete`]).
    pub async fn fetch(
        &self,
        selection: &Selection,
        progress: &mut dyn FnMut(Step<'_>),
    ) -> Result<Workspace, FetchError> {
        let client = self.client()?;
        let api_error = |source: attio_runtime::Error| match source.kind() {
            ErrorKind::Connect | ErrorKind::Transport => FetchError::Unreachable {
                url: self.base_url.clone(),
                source: Box::new(source),
            },
            _ => FetchError::Api {
                url: self.base_url.clone(),
                source: Box::new(source),
            },
        };
        let objects = client.list_objects().await.map_err(api_error)?;
        let lists = client.list_lists().await.map_err(api_error)?;
        let objects = selection.pick(Target::Object, objects, |o| &o.api_slug)?;
        let lists = selection.pick(Target::List, lists, |l| &l.api_slug)?;
        let mut workspace = Workspace { objects, lists };
        let total = workspace.objects.len() + workspace.lists.len();
        for (done, (target, slug, attributes)) in workspace.owners_mut().enumerate() {
            progress(Step {
                target,
                slug,
                done,
                total,
            });
            *attributes = client
                .list_attributes_with_choices(target, slug)
                .await
                .map_err(api_error)?;
        }
        check_complete(&workspace, &self.base_url)?;
        Ok(workspace)
    }
}

/// Which objects and lists to read; `None` reads all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only these objects (api_slugs).
    pub objects: Option<Vec<String>>,
    /// Only these lists (api_slugs).
    pub lists: Option<Vec<String>>,
}

impl Selection {
    /// The selected items of `all`, in the workspace's order; a named slug
    /// the workspace lacks is an error with a did-you-mean.
    fn pick<T>(
        &self,
        target: Target,
        all: Vec<T>,
        slug: impl Fn(&T) -> &String,
    ) -> Result<Vec<T>, FetchError> {
        let wanted = match target {
            Target::Object => &self.objects,
            Target::List => &self.lists,
        };
        let Some(wanted) = wanted else {
            return Ok(all);
        };
        for name in wanted {
            if !all.iter().any(|item| slug(item) == name) {
                let slugs: Vec<&str> = all.iter().map(|i| slug(i).as_str()).collect();
                let hint = match suggest::closest(name, slugs.iter().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("it has {}", suggest::list(slugs, 15)),
                };
                return Err(FetchError::UnknownSelection {
                    target,
                    slug: name.clone(),
                    hint,
                });
            }
        }
        Ok(all
            .into_iter()
            .filter(|item| wanted.contains(slug(item)))
            .collect())
    }
}

/// One step of reading a schema: which object or list is read now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step<'a> {
    /// Object or list (its `Display` is the noun: `object`, `list`).
    pub target: Target,
    /// Its api_slug.
    pub slug: &'a str,
    /// Objects and lists read so far.
    pub done: usize,
    /// Objects and lists to read in all.
    pub total: usize,
}

/// Refuses a schema that can only come from an incomplete read, so that it
/// never replaces a good snapshot nor shows up as drift:
///
/// - no objects at all: every Attio workspace has the standard objects
///   (`people`, `companies` …), so the key belongs to another workspace or
///   lacks the `object_configuration:read` scope, or the URL is not Attio;
/// - an object without attributes: Attio gives every object the system
///   attributes `record_id`, `created_at` and `created_by`.
///
/// Lists are not checked: a list may legitimately have no attributes.
pub fn check_complete(workspace: &Workspace, url: &str) -> Result<(), FetchError> {
    if workspace.objects.is_empty() {
        return Err(FetchError::EmptyWorkspace {
            url: url.to_owned(),
        });
    }
    let bare: Vec<String> = workspace
        .objects
        .iter()
        .filter(|o| o.attributes.is_empty())
        .map(|o| o.api_slug.clone())
        .collect();
    if !bare.is_empty() {
        return Err(FetchError::ObjectsWithoutAttributes {
            url: url.to_owned(),
            objects: bare,
        });
    }
    Ok(())
}

/// Why `url` gave no answer: for a failed connect, the cause alone, as the
/// runtime's advice names `ClientBuilder` where a person at the command
/// line needs the flag.
fn unreachable_cause(error: &attio_runtime::Error) -> String {
    match error.kind() {
        ErrorKind::Connect => error.detail().to_owned(),
        _ => error.to_string(),
    }
}

/// Why a workspace schema could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// `ATTIO_API_KEY` is unset or empty.
    #[error("ATTIO_API_KEY is not set; export ATTIO_API_KEY=<access token> (create one under Workspace settings → Developers, with the object_configuration:read and list_configuration:read scopes) and run again")]
    MissingKey,
    /// The client could not be set up: an invalid URL or key.
    #[error("cannot call Attio at {url}: {source}")]
    Config {
        /// The base URL.
        url: String,
        /// The runtime's error, naming the URL's or the key's problem (never the key).
        source: Box<attio_runtime::Error>,
    },
    /// A plain `http://` URL on another machine, which would send the key
    /// unencrypted.
    #[error("cannot call Attio at {url}: plain http:// would send the API key unencrypted to another machine; use https://, or to send it anyway, pass --allow-insecure-http")]
    InsecureUrl {
        /// The base URL.
        url: String,
    },
    /// No answer from the URL: refused connection, unknown host, timeout.
    #[error("cannot reach Attio at {url}: {}; check the URL (--base-url or ATTIO_BASE_URL) and the network", unreachable_cause(source))]
    Unreachable {
        /// The base URL.
        url: String,
        /// The runtime's error.
        source: Box<attio_runtime::Error>,
    },
    /// Attio answered with an error (401 says to check `ATTIO_API_KEY`).
    #[error("Attio at {url} refused to describe the workspace: {source}")]
    Api {
        /// The base URL.
        url: String,
        /// The runtime's error: the request, the status, Attio's message.
        source: Box<attio_runtime::Error>,
    },
    /// `--objects` or `--lists` named something the workspace lacks.
    #[error("the workspace has no {target} `{slug}`; {hint}")]
    UnknownSelection {
        /// Object or list.
        target: Target,
        /// The slug asked for.
        slug: String,
        /// A near slug, or those there are.
        hint: String,
    },
    /// The workspace has no objects (see [`check_complete`]).
    #[error("the workspace at {url} has no objects, which no Attio workspace lacks: check that ATTIO_API_KEY belongs to the intended workspace and has the object_configuration:read scope, and that the URL is Attio's")]
    EmptyWorkspace {
        /// The base URL.
        url: String,
    },
    /// Objects came back without attributes (see [`check_complete`]).
    #[error("the workspace at {url} returned no attributes for {}, but every Attio object has at least record_id, created_at and created_by: the read is incomplete; check that ATTIO_API_KEY has the object_configuration:read scope and try again", objects.join(", "))]
    ObjectsWithoutAttributes {
        /// The base URL.
        url: String,
        /// The slugs of the objects without attributes.
        objects: Vec<String>,
    },
}

impl FetchError {
    /// Whether the error is in the invocation (no key, a malformed URL)
    /// rather than in what the API answered: `cargo attio-gen` exits 2 for
    /// these and 3 for the others.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            FetchError::MissingKey
                | FetchError::Config { .. }
                | FetchError::InsecureUrl { .. }
                | FetchError::UnknownSelection { .. }
        )
    }
}

/// The size of a schema, as `pull` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Objects.
    pub objects: usize,
    /// Live attributes of objects.
    pub object_attributes: usize,
    /// Lists.
    pub lists: usize,
    /// Live attributes of lists.
    pub list_attributes: usize,
    /// Archived attributes of objects and lists (kept in the snapshot so
    /// that the diff can tell archival from removal).
    pub archived_attributes: usize,
}

impl Summary {
    /// Counts `workspace`.
    pub fn of(workspace: &Workspace) -> Summary {
        let mut summary = Summary {
            objects: workspace.objects.len(),
            lists: workspace.lists.len(),
            ..Summary::default()
        };
        let object_attributes = workspace.objects.iter().flat_map(|o| &o.attributes);
        for attribute in object_attributes {
            if attribute.is_archived {
                summary.archived_attributes += 1;
            } else {
                summary.object_attributes += 1;
            }
        }
        for attribute in workspace.lists.iter().flat_map(|l| &l.attributes) {
            if attribute.is_archived {
                summary.archived_attributes += 1;
            } else {
                summary.list_attributes += 1;
            }
        }
        summary
    }
}

/// `10 objects (151 attributes), 2 lists (16 attributes), 3 archived attributes`.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn plural(n: usize, word: &str) -> String {
            format!("{n} {word}{}", if n == 1 { "" } else { "s" })
        }
        write!(
            f,
            "{} ({}), {} ({})",
            plural(self.objects, "object"),
            plural(self.object_attributes, "attribute"),
            plural(self.lists, "list"),
            plural(self.list_attributes, "attribute"),
        )?;
        if self.archived_attributes > 0 {
            write!(
                f,
                ", {} archived",
                plural(self.archived_attributes, "attribute")
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attio_schema::Object;

    fn object(slug: &str, attributes: &[(&str, bool)]) -> Object {
        let attributes: Vec<_> = attributes
            .iter()
            .map(|(slug, archived)| {
                serde_json::json!({
                    "id": {"workspace_id": "w", "object_id": "o", "attribute_id": slug},
                    "title": slug, "api_slug": slug, "type": "text", "is_archived": archived,
                })
            })
            .collect();
        serde_json::from_value(serde_json::json!({
            "id": {"workspace_id": "w", "object_id": slug},
            "api_slug": slug,
            "attributes": attributes,
        }))
        .unwrap()
    }

    #[test]
    fn an_empty_workspace_or_a_bare_object_is_refused() {
        let empty = check_complete(&Workspace::default(), "http://x").unwrap_err();
        assert!(matches!(empty, FetchError::EmptyWorkspace { .. }));
        assert!(empty.to_string().contains("at http://x has no objects"));

        let workspace = Workspace {
            objects: vec![object("people", &[("name", false)]), object("deals", &[])],
            lists: Vec::new(),
        };
        let bare = check_complete(&workspace, "http://x").unwrap_err();
        assert!(
            bare.to_string().contains("no attributes for deals,"),
            "{bare}"
        );
        assert!(!bare.is_usage());
    }

    #[test]
    fn the_summary_counts_live_and_archived_attributes() {
        let workspace = Workspace {
            objects: vec![
                object("people", &[("name", false), ("old", true)]),
                object("deals", &[("value", false)]),
            ],
            lists: Vec::new(),
        };
        assert_eq!(
            Summary::of(&workspace).to_string(),
            "2 objects (2 attributes), 0 lists (0 attributes), 1 attribute archived"
        );
    }

    #[tokio::test]
    async fn plain_http_to_another_machine_points_at_the_flag() {
        let source = Source::new("k", "http://10.0.0.5:4010");
        let error = source
            .fetch(&Selection::default(), &mut |_| {})
            .await
            .unwrap_err();
        assert!(error.is_usage());
        assert!(
            error.to_string().ends_with("pass --allow-insecure-http"),
            "{error}"
        );
    }

    #[tokio::test]
    async fn the_plain_http_refusal_speaks_of_the_command_not_the_library() {
        let error = Source::new("k", "http://10.0.0.5:4010")
            .fetch(&Selection::default(), &mut |_| {})
            .await
            .unwrap_err()
            .to_string();
        assert!(!error.contains("ClientBuilder"), "{error}");
        assert!(error.contains("use https://"), "{error}");
    }

    #[test]
    fn debug_never_shows_the_key() {
        let source = Source::new("secret-key-123", "http://127.0.0.1:1");
        assert!(!format!("{source:?}").contains("secret-key-123"));
    }
}
