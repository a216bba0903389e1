//! The loaded project as `compose2k8s config` prints it, like `docker compose config`: the tree
//! after merging, profiles, `extends`, `include`, `env_file` and interpolation, as YAML.
//!
//! - The project's name comes first, as Compose prints it; then the top-level sections in
//!   Compose's order (`services`, `networks`, `volumes`, `secrets`, `configs`, `models`), then any
//!   other key. Every other mapping is sorted by key, as Compose sorts them, so the output does
//!   not depend on the order of the files.
//! - A quoted scalar stays a string whatever it looks like (`"80"`, `"true"`); a plain scalar
//!   is what YAML 1.2 reads it as: null, a boolean, a number written the canonical way (`80`,
//!   `0.5`), otherwise a string. A number written another way (`0755`, `1e3`, `+1`) is kept as
//!   the string it was written as, so nothing changes its meaning on the way. serde-saphyr
//!   quotes every string that a YAML reader would take for something else (as `yaml::emit`
//!   does, with long one-line strings kept on one line).
//! - Every `$` is written `$$`, as `docker compose config` does: the values are interpolated
//!   already, and the output must mean the same when it is loaded again. Under `--no-interpolate`
//!   the values are printed as written (`${X}` and `$$` unchanged), as Compose does.
//! - Unlike `docker compose config`, short syntax is not expanded into long syntax and no
//!   default is added: the output is what the files say, merged.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::Loaded;
use crate::yaml::{Node, NodeKind, ScalarStyle};

/// Top-level keys in the order Compose prints them.
const TOP_LEVEL: &[&str] = &[
    "services", "networks", "volumes", "secrets", "configs", "models",
];

/// The YAML text of a loaded project.
pub fn render(loaded: &Loaded) -> Result<String, String> {
    let project = Project {
        name: &loaded.name,
        root: &loaded.root,
        raw: !loaded.interpolated,
    };
    // A long one-line value (a command, a mount) stays on one line, as in the Compose file;
    // values with line breaks are still written as literal blocks.
    let mut options = serde_saphyr::SerializerOptions::default();
    options.folded_wrap_chars = usize::MAX / 2;
    serde_saphyr::to_string_with_options(&project, options).map_err(|e| e.to_string())
}

struct Project<'a> {
    name: &'a str,
    root: &'a Node,
    /// Not interpolated (`--no-interpolate`): every `$` is printed as written.
    raw: bool,
}

impl Serialize for Project<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let entries = self.root.as_map().unwrap_or_default();
        let mut ordered: Vec<&(Node, Node)> = entries
            .iter()
            .filter(|(k, _)| k.as_str() != Some("name"))
            .collect();
        let rank = |k: &Node| {
            let key = k.as_str().unwrap_or("");
            let place = TOP_LEVEL
                .iter()
                .position(|t| *t == key)
                .unwrap_or(TOP_LEVEL.len());
            (place, key.to_string())
        };
        ordered.sort_by_key(|(k, _)| rank(k));
        let mut map = s.serialize_map(Some(ordered.len() + 1))?;
        map.serialize_entry("name", &escape(self.name, self.raw))?;
        for (k, v) in ordered {
            map.serialize_entry(&key(k, self.raw), &Value(v, self.raw))?;
        }
        map.end()
    }
}

/// A node, and whether it is printed raw (see [`Project`]).
struct Value<'a>(&'a Node, bool);

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0.kind {
            NodeKind::Map(entries) => {
                let mut sorted: Vec<&(Node, Node)> = entries.iter().collect();
                sorted.sort_by(|(a, _), (b, _)| a.as_str().cmp(&b.as_str()));
                let mut map = s.serialize_map(Some(sorted.len()))?;
                for (k, v) in sorted {
                    map.serialize_entry(&key(k, self.1), &Value(v, self.1))?;
                }
                map.end()
            }
            NodeKind::Seq(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Value(item, self.1))?;
                }
                seq.end()
            }
            NodeKind::Scalar { text, style } => scalar(self.0, text, *style, self.1, s),
        }
    }
}

/// `$` as `$$`, so that loading the output again does not interpolate it a second time; as
/// written when the values were not interpolated (`raw`).
fn escape(text: &str, raw: bool) -> std::borrow::Cow<'_, str> {
    if !raw && text.contains('$') {
        std::borrow::Cow::Owned(text.replace('$', "$$"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

fn key(k: &Node, raw: bool) -> std::borrow::Cow<'_, str> {
    escape(k.as_str().unwrap_or(""), raw)
}

fn scalar<S: Serializer>(
    node: &Node,
    text: &str,
    style: ScalarStyle,
    raw: bool,
    s: S,
) -> Result<S::Ok, S::Error> {
    if style != ScalarStyle::Plain || node.tag.as_deref() == Some("!!str") {
        return s.serialize_str(&escape(text, raw));
    }
    if node.is_null() {
        return s.serialize_unit();
    }
    match text {
        "true" | "True" | "TRUE" => return s.serialize_bool(true),
        "false" | "False" | "FALSE" => return s.serialize_bool(false),
        _ => {}
    }
    if let Ok(n) = text.parse::<i64>() {
        if n.to_string() == text {
            return s.serialize_i64(n);
        }
    }
    if let Ok(f) = text.parse::<f64>() {
        if f.is_finite() && text.contains('.') && f.to_string() == text {
            return s.serialize_f64(f);
        }
    }
    s.serialize_str(&escape(text, raw))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;
    use crate::source::FileId;

    fn show(text: &str) -> String {
        let parsed = crate::yaml::parse(FileId(0), text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let root = parsed.documents.into_iter().next().unwrap();
        render(&Loaded {
            root,
            name: "demo".into(),
            project_dir: None,
            attached: Default::default(),
            left_out: Vec::new(),
            interpolated: true,
        })
        .unwrap()
    }

    #[test]
    fn name_first_then_compose_order_then_sorted_keys() {
        let out = show(
            "volumes: {data: {}}\nx-extra: 1\nservices:\n  web: {image: nginx, environment: {B: '2', A: '1'}}\nname: ignored\n",
        );
        assert_eq!(
            out,
            "name: demo\nservices:\n  web:\n    environment:\n      A: \"1\"\n      B: \"2\"\n    image: nginx\nvolumes:\n  data: {}\nx-extra: 1\n"
        );
    }

    #[test]
    fn long_lines_stay_whole_and_multi_line_values_are_blocks() {
        let long = "x ".repeat(100);
        let out = show(&format!(
            "services:\n  a:\n    command: {long}\n    entrypoint: |\n      one\n      two\n"
        ));
        assert!(
            out.contains(&format!("command: {}\n", long.trim_end())),
            "{out}"
        );
        assert!(
            out.contains("entrypoint: |\n      one\n      two\n"),
            "{out}"
        );
    }

    #[test]
    fn dollars_are_escaped_for_loading_again() {
        let out =
            show("services:\n  a:\n    command: echo '$HOME' \"$$x\"\n    labels: {\"$k\": v}\n");
        assert!(out.contains("command: echo '$$HOME' \"$$$$x\"\n"), "{out}");
        assert!(out.contains("$$k: v"), "{out}");
    }

    #[test]
    fn scalars_keep_their_meaning() {
        let out = show(
            "services:\n  a:\n    ports: [\"80\", 8080:80, 56:56]\n    tty: true\n    read_only: \"true\"\n    cpus: 0.5\n    mode: 0755\n    stdin_open: yes\n    user: null\n    memswap_limit: ~\n    big: 1e3\n",
        );
        assert_eq!(
            out,
            "name: demo\nservices:\n  a:\n    big: \"1e3\"\n    cpus: 0.5\n    memswap_limit: null\n    mode: \"0755\"\n    ports:\n    - \"80\"\n    - 8080:80\n    - \"56:56\"\n    read_only: \"true\"\n    stdin_open: \"yes\"\n    tty: true\n    user: null\n"
        );
    }
}
