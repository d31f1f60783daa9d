//! `cargo attio-gen diagram`: the snapshot as a Mermaid ER diagram or an
//! SVG picture, to standard output or a file. Offline.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use cargo_attio_gen::diagram::{render, render_svg, DiagramOptions};
use clap::{Args, ValueEnum};

use crate::crate_dir;
use crate::out_file;
use crate::outcome::{Failure, Outcome};

#[derive(Args)]
pub struct DiagramArgs {
    /// The schema snapshot [default: `attio-schema.json` (or
    /// `$ATTIO_SCHEMA`) beside the crate's Cargo.toml].
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    /// Only this object or list and what is one reference away.
    #[arg(long, value_name = "SLUG")]
    around: Option<String>,
    /// Every attribute with its type, not only the record references.
    #[arg(long)]
    attributes: bool,
    /// What to draw [default: `svg` when `--out` ends in `.svg`, else
    /// `mermaid`].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the diagram to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A Mermaid `erDiagram`, for a Markdown code block.
    Mermaid,
    /// An SVG picture, laid out, for a browser or an image viewer.
    Svg,
}

impl Format {
    /// The format a file's name asks for: `.svg` (any case) is SVG.
    fn of(out: Option<&Path>) -> Format {
        let svg = out
            .and_then(Path::extension)
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
        if svg {
            Format::Svg
        } else {
            Format::Mermaid
        }
    }
}

pub fn diagram(args: DiagramArgs) -> Result<Outcome, Failure> {
    let (path, snapshot) = crate_dir::load(args.snapshot.as_deref())?;
    if let Some(out) = &args.out {
        out_file::check(out, &out_file::DIAGRAM, &[("snapshot", &path)])?;
    }
    let options = DiagramOptions {
        around: args.around,
        attributes: args.attributes,
    };
    let format = args
        .format
        .unwrap_or_else(|| Format::of(args.out.as_deref()));
    let text = match format {
        Format::Mermaid => render(&snapshot.workspace, &options),
        Format::Svg => {
            // The layout's assertions that `render_svg` recovers from (it
            // lays the graph out again) would print as a panic.
            let hook = std::panic::take_hook();
            std::panic::set_hook(Box::new(|_| {}));
            let svg = render_svg(&snapshot.workspace, &options);
            std::panic::set_hook(hook);
            svg
        }
    }
    .map_err(|e| Failure::Usage(e.to_string()))?;
    match &args.out {
        // Atomically: a failed write leaves the previous diagram whole.
        Some(out) => attio_schema::write_atomically(out, text.as_bytes()).map_err(|e| {
            Failure::Usage(format!(
                "cannot write the diagram to {}: {}; name a file in an existing, writable \
                 directory",
                out.display(),
                attio_schema::io_reason(&e)
            ))
        })?,
        // A closed pipe (`| head`) is not an error worth reporting.
        None => {
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
    }
    Ok(Outcome::Ok)
}
