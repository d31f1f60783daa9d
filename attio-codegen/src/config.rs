//! What to generate: which objects and lists, under which names, with which
//! Rust types. One structure, read from `attio-codegen.toml` by the build.rs
//! [`Builder`](crate::Builder) and by `cargo attio-gen` alike, and checked
//! against the snapshot before anything is generated.
//!
//! ```toml
//! # attio-codegen.toml, beside Cargo.toml
//! objects = ["companies", "people", "deals"]  # only these objects (default: all)
//! lists = ["enterprise_pipeline"]             # only these lists (default: all)
//! exclude = ["legacy_imports"]                # leave these objects or lists out
//! include_archived = false                    # archived attributes and options, read-only
//!
//! [rename]
//! companies = "Organisation"                  # the struct of an object or list
//! "companies.domains" = "web_domains"         # a field
//!
//! [types]
//! "people.job_title" = "crate::JobTitle"      # the Rust type of one value
//! ```
//!
//! Unknown keys are errors, and so is a slug the snapshot does not have
//! (with a did-you-mean), so that a typo never silently generates the
//! default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use attio_schema::{suggest, Attribute, Target, Workspace};
use serde::Deserialize;

use crate::Error;

/// The conventional file name, looked for beside a crate's `Cargo.toml`.
pub const DEFAULT_CONFIG_FILE: &str = "attio-codegen.toml";

/// Generation options. Every field is optional; the default generates every
/// object and list of the snapshot with the standard names and types.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Generate only these objects (api_slugs); `None` means all.
    #[serde(default)]
    pub objects: Option<Vec<String>>,
    /// Generate only these lists (api_slugs); `None` means all.
    #[serde(default)]
    pub lists: Option<Vec<String>>,
    /// Objects or lists to leave out.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Also generate archived attributes (as read-only fields) and archived
    /// select options and statuses (as variants).
    #[serde(default)]
    pub include_archived: bool,
    /// `"slug"` → struct name of an object or list; `"slug.attribute"` →
    /// field name.
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    /// `"slug.attribute"` → the Rust type (a path) of one value of the
    /// attribute, in place of the standard one. The type must implement
    /// `attio_runtime::AttributeValue` for the attribute's kind; the derive
    /// checks that.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// The file the config was read from, named in error messages.
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// Where a crate's generator config is: the one rule the build.rs
/// [`Builder`](crate::Builder) and `cargo attio-gen` share. A path given
/// explicitly must exist; otherwise [`DEFAULT_CONFIG_FILE`] beside the
/// crate's `Cargo.toml` is read when it exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigLocation {
    /// The file, resolved against the crate root.
    pub path: PathBuf,
    /// Whether the file was named explicitly, so that its absence is an
    /// error rather than "no config".
    pub explicit: bool,
}

impl ConfigLocation {
    /// The config of the crate rooted at `crate_root`: `explicit` (resolved
    /// against `crate_root` when relative), else the default file there.
    ///
    /// ```
    /// use attio_codegen::ConfigLocation;
    /// use std::path::Path;
    ///
    /// let root = Path::new("/w/app");
    /// assert_eq!(ConfigLocation::of(root, None).path, root.join("attio-codegen.toml"));
    /// assert_eq!(ConfigLocation::of(root, Some("/etc/gen.toml".as_ref())).path, Path::new("/etc/gen.toml"));
    /// ```
    pub fn of(crate_root: &Path, explicit: Option<&Path>) -> ConfigLocation {
        match explicit {
            Some(path) => ConfigLocation {
                path: crate_root.join(path),
                explicit: true,
            },
            None => ConfigLocation {
                path: crate_root.join(DEFAULT_CONFIG_FILE),
                explicit: false,
            },
        }
    }

    /// Reads the config: the default when no file was named and the
    /// default file does not exist.
    pub fn load(&self) -> Result<Config, Error> {
        if !self.explicit && !self.path.is_file() {
            return Ok(Config::default());
        }
        Config::load(&self.path)
    }
}

impl Config {
    /// Reads a config file.
    pub fn load(path: impl AsRef<Path>) -> Result<Config, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| Error::ConfigRead {
            path: path.to_owned(),
            source,
        })?;
        Config::parse(&text, path)
    }

    /// Parses config text; `path` is only used in error messages.
    pub fn parse(text: &str, path: impl AsRef<Path>) -> Result<Config, Error> {
        let path = path.as_ref();
        let mut config: Config = toml::from_str(text).map_err(|e| Error::Config {
            origin: path.display().to_string(),
            // toml's message spans several lines (the offending line, a
            // caret); keep it whole, it is what says where.
            message: e.to_string().trim_end().to_owned(),
        })?;
        config.path = Some(path.to_owned());
        Ok(config)
    }

    /// Adds the settings of `other` on top of these: lists and maps are
    /// extended, a set `include_archived` wins, the path of the first file
    /// is kept.
    pub fn merge(&mut self, other: Config) {
        fn extend(into: &mut Option<Vec<String>>, from: Option<Vec<String>>) {
            if let Some(from) = from {
                into.get_or_insert_with(Vec::new).extend(from);
            }
        }
        extend(&mut self.objects, other.objects);
        extend(&mut self.lists, other.lists);
        self.exclude.extend(other.exclude);
        self.include_archived |= other.include_archived;
        self.rename.extend(other.rename);
        self.types.extend(other.types);
        if self.path.is_none() {
            self.path = other.path;
        }
    }

    /// Checks every slug named in the config against the workspace.
    pub fn validate(&self, workspace: &Workspace) -> Result<(), Error> {
        let origin = self.path.as_ref().map_or_else(
            || "(generator options)".to_owned(),
            |p| p.display().to_string(),
        );
        let problem = |message: String| Error::Config {
            origin: origin.clone(),
            message,
        };
        let objects: Vec<&str> = workspace
            .objects
            .iter()
            .map(|o| o.api_slug.as_str())
            .collect();
        let lists: Vec<&str> = workspace
            .lists
            .iter()
            .map(|l| l.api_slug.as_str())
            .collect();
        let both: Vec<&str> = objects.iter().chain(&lists).copied().collect();

        let unknown = |slug: &str, what: &str, among: &[&str]| {
            problem(format!(
                "{what} `{slug}`, which is not in the snapshot{}",
                hint(slug, among)
            ))
        };
        for slug in self.objects.iter().flatten() {
            if !objects.contains(&slug.as_str()) {
                return Err(unknown(slug, "`objects` names object", &objects));
            }
        }
        for slug in self.lists.iter().flatten() {
            if !lists.contains(&slug.as_str()) {
                return Err(unknown(slug, "`lists` names list", &lists));
            }
        }
        for slug in &self.exclude {
            if !both.contains(&slug.as_str()) {
                return Err(unknown(slug, "`exclude` names object or list", &both));
            }
        }
        for (key, value) in &self.rename {
            let owner = owner_key(key);
            check_owner(workspace, owner, &both, "rename").map_err(problem)?;
            match key.split_once('.') {
                None => check_ident(value, IdentCase::Type),
                Some((owner, attribute)) => {
                    check_attribute(workspace, owner, attribute, "rename").map_err(problem)?;
                    check_ident(value, IdentCase::Field)
                }
            }
            .map_err(|m| problem(format!("`rename.\"{key}\"`: {m}")))?;
        }
        for (key, value) in &self.types {
            let Some((owner, attribute)) = key.split_once('.') else {
                return Err(problem(format!(
                    "`types.\"{key}\"` names no attribute; write `\"{key}.<attribute>\"`"
                )));
            };
            check_owner(workspace, owner, &both, "types").map_err(problem)?;
            check_attribute(workspace, owner, attribute, "types").map_err(problem)?;
            if syn::parse_str::<syn::Type>(value).is_err() {
                return Err(problem(format!(
                    "`types.\"{key}\"` = \"{value}\" is not a Rust type; write a path such as `crate::MyType`"
                )));
            }
        }
        Ok(())
    }

    /// Whether an object's struct is generated.
    pub fn wants_object(&self, slug: &str) -> bool {
        wanted(&self.objects, &self.exclude, slug)
    }

    /// Whether a list's struct is generated.
    pub fn wants_list(&self, slug: &str) -> bool {
        wanted(&self.lists, &self.exclude, slug)
    }

    /// Whether the struct of an object or a list is generated.
    pub fn wants(&self, target: Target, slug: &str) -> bool {
        match target {
            Target::Object => self.wants_object(slug),
            Target::List => self.wants_list(slug),
        }
    }

    /// The renamed struct of an object or list, if any.
    pub fn struct_rename(&self, slug: &str) -> Option<&str> {
        self.rename.get(slug).map(String::as_str)
    }

    /// The renamed field of an attribute, if any.
    pub fn field_rename(&self, owner: &str, attribute: &str) -> Option<&str> {
        if self.rename.is_empty() {
            return None; // no key to build, for each of thousands of attributes
        }
        self.rename
            .get(&format!("{owner}.{attribute}"))
            .map(String::as_str)
    }

    /// The overriding Rust type of an attribute's values, if any.
    pub fn type_override(&self, owner: &str, attribute: &str) -> Option<&str> {
        if self.types.is_empty() {
            return None;
        }
        self.types
            .get(&format!("{owner}.{attribute}"))
            .map(String::as_str)
    }

    /// Whether an attribute is generated at all.
    pub fn wants_attribute(&self, attribute: &Attribute) -> bool {
        self.include_archived || !attribute.is_archived
    }
}

fn wanted(only: &Option<Vec<String>>, exclude: &[String], slug: &str) -> bool {
    only.as_ref().is_none_or(|o| o.iter().any(|s| s == slug)) && !exclude.iter().any(|s| s == slug)
}

fn owner_key(key: &str) -> &str {
    key.split_once('.').map_or(key, |(owner, _)| owner)
}

fn hint(slug: &str, among: &[&str]) -> String {
    match suggest::closest(slug, among.iter().copied()) {
        Some(close) => format!("; did you mean `{close}`?"),
        None if among.is_empty() => String::new(),
        None => format!("; it has {}", suggest::list(among.iter().copied(), 12)),
    }
}

fn check_owner(
    workspace: &Workspace,
    owner: &str,
    both: &[&str],
    table: &str,
) -> Result<(), String> {
    let is_object = workspace.object(owner).is_some();
    let is_list = workspace.list(owner).is_some();
    match (is_object, is_list) {
        (true, true) => Err(format!(
            "`{table}` names `{owner}`, which is both an object and a list; rename one of them in Attio"
        )),
        (false, false) => Err(format!(
            "`{table}` names `{owner}`, which is not an object or list of the snapshot{}",
            hint(owner, both)
        )),
        _ => Ok(()),
    }
}

fn check_attribute(
    workspace: &Workspace,
    owner: &str,
    attribute: &str,
    table: &str,
) -> Result<(), String> {
    let attributes = workspace
        .object(owner)
        .map(|o| &o.attributes)
        .or_else(|| workspace.list(owner).map(|l| &l.attributes))
        .map(Vec::as_slice)
        .unwrap_or_default();
    if attributes.iter().any(|a| a.api_slug == attribute) {
        return Ok(());
    }
    let slugs: Vec<&str> = attributes.iter().map(|a| a.api_slug.as_str()).collect();
    Err(format!(
        "`{table}` names attribute `{owner}.{attribute}`, which `{owner}` does not have{}",
        hint(attribute, &slugs)
    ))
}

enum IdentCase {
    Type,
    Field,
}

fn check_ident(name: &str, case: IdentCase) -> Result<(), String> {
    let valid = syn::parse_str::<syn::Ident>(name).is_ok();
    if !valid {
        return Err(format!(
            "\"{name}\" is not a Rust identifier (keywords cannot be used)"
        ));
    }
    let upper = name.starts_with(|c: char| c.is_ascii_uppercase());
    match case {
        IdentCase::Type if !upper => Err(format!("\"{name}\" is not an UpperCamelCase type name")),
        IdentCase::Field if upper => Err(format!("\"{name}\" is not a snake_case field name")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> Workspace {
        let json = r#"{"format_version": 1,
          "objects": [{"id": {"workspace_id": "w", "object_id": "o"}, "api_slug": "people",
            "singular_noun": "Person", "plural_noun": "People", "attributes": [
              {"id": {"workspace_id": "w", "object_id": "o", "attribute_id": "a"},
               "title": "Job title", "api_slug": "job_title", "type": "text"}]}],
          "lists": [{"id": {"workspace_id": "w", "list_id": "l"}, "api_slug": "hiring",
            "name": "Hiring", "parent_object": ["people"]}]}"#;
        attio_schema::Snapshot::from_slice(json.as_bytes(), "t.json")
            .unwrap()
            .workspace
    }

    fn message(config: &str) -> String {
        let config = Config::parse(config, "attio-codegen.toml").unwrap();
        config.validate(&workspace()).unwrap_err().to_string()
    }

    #[test]
    fn parses_every_key() {
        let config = Config::parse(
            r#"
            objects = ["people"]
            lists = []
            exclude = ["hiring"]
            include_archived = true
            [rename]
            people = "Contact"
            "people.job_title" = "title"
            [types]
            "people.job_title" = "crate::Title"
            "#,
            "c.toml",
        )
        .unwrap();
        config.validate(&workspace()).unwrap();
        assert!(config.wants_object("people"));
        assert!(!config.wants_list("hiring"));
        assert_eq!(config.struct_rename("people"), Some("Contact"));
        assert_eq!(config.field_rename("people", "job_title"), Some("title"));
        assert_eq!(
            config.type_override("people", "job_title"),
            Some("crate::Title")
        );
    }

    #[test]
    fn unknown_keys_are_rejected_with_their_place() {
        let error = Config::parse("objcts = [\"people\"]\n", "attio-codegen.toml")
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("invalid generator config attio-codegen.toml:"),
            "{error}"
        );
        assert!(error.contains("unknown field `objcts`"), "{error}");
        assert!(error.contains("expected one of"), "{error}");
    }

    #[test]
    fn unknown_slugs_are_rejected_with_a_suggestion() {
        assert_eq!(
            message("objects = [\"peple\"]"),
            "invalid generator config attio-codegen.toml: `objects` names object `peple`, which is not in the snapshot; did you mean `people`?"
        );
        assert!(message("exclude = [\"zzz\"]").ends_with("it has `hiring`, `people`"));
        assert!(message("[rename]\n\"people.jobtitle\" = \"t\"")
            .contains("names attribute `people.jobtitle`, which `people` does not have; did you mean `job_title`?"));
        assert!(message("[types]\npeople = \"String\"").contains("names no attribute"));
    }

    #[test]
    fn renames_must_be_identifiers_of_the_right_case() {
        assert!(
            message("[rename]\npeople = \"contact\"").contains("not an UpperCamelCase type name")
        );
        assert!(
            message("[rename]\n\"people.job_title\" = \"type\"").contains("not a Rust identifier")
        );
        assert!(message("[rename]\n\"people.job_title\" = \"Title\"")
            .contains("not a snake_case field name"));
        assert!(message("[types]\n\"people.job_title\" = \"not a type!\"")
            .contains("is not a Rust type"));
    }

    #[test]
    fn the_default_config_is_optional_an_explicit_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let default = ConfigLocation::of(dir.path(), None);
        assert!(!default.explicit);
        assert_eq!(default.load().unwrap(), Config::default());
        let named = ConfigLocation::of(dir.path(), Some(Path::new("gen.toml")));
        assert_eq!(named.path, dir.path().join("gen.toml"));
        assert!(named.load().unwrap_err().to_string().contains("gen.toml"));
        std::fs::write(&default.path, "objects = [\"people\"]\n").unwrap();
        let loaded = default.load().unwrap();
        assert_eq!(loaded.objects, Some(vec!["people".to_owned()]));
        assert_eq!(loaded.path.as_deref(), Some(default.path.as_path()));
    }

    #[test]
    fn merging_extends_and_overrides() {
        let mut base =
            Config::parse("objects = [\"people\"]\n[rename]\npeople = \"A\"", "c").unwrap();
        base.merge(Config {
            objects: Some(vec!["companies".into()]),
            rename: BTreeMap::from([("people".into(), "B".into())]),
            include_archived: true,
            ..Config::default()
        });
        assert_eq!(
            base.objects.as_deref(),
            Some(&["people".to_owned(), "companies".to_owned()][..])
        );
        assert_eq!(base.struct_rename("people"), Some("B"));
        assert!(base.include_archived);
    }
}
