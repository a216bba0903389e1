//! Our YAML tree: every node knows its byte span, its tag and, when it came from an alias, where
//! the anchor was defined. Scalars stay raw text; their type is decided by the field that reads
//! them (see `yaml::de`), as Compose does.

use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Scalar { text: String, style: ScalarStyle },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
    /// The tag as written, `!reset`, `!override`, or `!!str` for core-schema tags.
    pub tag: Option<String>,
    /// Set on a node that an alias produced: where its anchor was defined.
    pub anchor_at: Option<Span>,
}

impl Node {
    pub fn scalar(text: impl Into<String>, span: Span) -> Node {
        Node {
            kind: NodeKind::Scalar {
                text: text.into(),
                style: ScalarStyle::Plain,
            },
            span,
            tag: None,
            anchor_at: None,
        }
    }

    /// A plain scalar that YAML reads as null: empty, `~` or `null` (any case Compose accepts).
    pub fn is_null(&self) -> bool {
        match &self.kind {
            NodeKind::Scalar {
                text,
                style: ScalarStyle::Plain,
            } => {
                self.tag.as_deref() != Some("!!str")
                    && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL")
            }
            _ => false,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The value of `key` in a mapping node.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }

    /// The entry (key node and value node) of `key` in a mapping node.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(k, v)| (k, v))
    }

    /// What a user would call this node's type, for messages.
    pub fn describe(&self) -> String {
        match &self.kind {
            NodeKind::Scalar { text, style } => {
                if self.is_null() {
                    "null".into()
                } else if *style == ScalarStyle::Plain {
                    format!("`{}`", truncate(text))
                } else {
                    format!("the string \"{}\"", truncate(text))
                }
            }
            NodeKind::Seq(_) => "a list".into(),
            NodeKind::Map(_) => "a mapping".into(),
        }
    }

    /// Number of nodes in this subtree, counting itself.
    pub fn size(&self) -> usize {
        let mut n = 0usize;
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            n += 1;
            match &node.kind {
                NodeKind::Scalar { .. } => {}
                NodeKind::Seq(items) => stack.extend(items),
                NodeKind::Map(entries) => {
                    for (k, v) in entries {
                        stack.push(k);
                        stack.push(v);
                    }
                }
            }
        }
        n
    }
}

fn truncate(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}…")
    }
}
