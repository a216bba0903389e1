//! `command`, `entrypoint` and hook commands: a string or a list of strings.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// The string form. Compose splits it into arguments with shell quoting rules but does not
    /// run a shell; see [`Command::argv`]. `''` overrides the image's value with nothing.
    Shell(String),
    /// The list form, passed as is. `[]` overrides the image's value with nothing.
    Exec(Vec<String>),
}

impl Command {
    /// The arguments the container runtime receives, splitting the string form as Compose does.
    pub fn argv(&self) -> Result<Vec<String>, String> {
        match self {
            Command::Exec(args) => Ok(args.clone()),
            Command::Shell(line) => shell_words::split(line)
                .map_err(|e| format!("cannot split `{line}` into arguments: {e}")),
        }
    }
}

impl<'de> Deserialize<'de> for Command {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Command;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a command string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Command, E> {
                Ok(Command::Shell(s.to_string()))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Command, E> {
                Ok(Command::Shell(n.to_string()))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Command, E> {
                Ok(Command::Shell(n.to_string()))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Command, E> {
                Ok(Command::Shell(n.to_string()))
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Command, E> {
                Ok(Command::Shell(b.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Command, A::Error> {
                let mut args = Vec::new();
                while let Some(arg) = seq.next_element::<String>()? {
                    args.push(arg);
                }
                Ok(Command::Exec(args))
            }
        }
        d.deserialize_any(V)
    }
}
