//! `healthcheck`.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use super::duration::Duration;
use super::keys::section_keys;
use crate::yaml::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Healthcheck {
    pub test: Option<Spanned<HealthTest>>,
    pub interval: Option<Spanned<Duration>>,
    pub timeout: Option<Spanned<Duration>>,
    pub start_period: Option<Spanned<Duration>>,
    pub start_interval: Option<Spanned<Duration>>,
    pub retries: Option<Spanned<u64>>,
    pub disable: Option<Spanned<bool>>,
}

section_keys!(Healthcheck {
    test = "test",
    interval = "interval",
    timeout = "timeout",
    start_period = "start_period",
    start_interval = "start_interval",
    retries = "retries",
    disable = "disable",
});

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HealthTest {
    /// `["NONE"]`: the image's healthcheck is disabled.
    None,
    /// `["CMD", "curl", "-f", "http://localhost"]`: run without a shell.
    Cmd(Vec<String>),
    /// `["CMD-SHELL", "curl -f http://localhost || exit 1"]`, or the string form.
    CmdShell(String),
}

enum Keyword {
    None,
    Cmd,
    CmdShell,
}

impl<'de> Deserialize<'de> for Keyword {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let word = String::deserialize(d)?;
        match word.as_str() {
            "NONE" => Ok(Keyword::None),
            "CMD" => Ok(Keyword::Cmd),
            "CMD-SHELL" => Ok(Keyword::CmdShell),
            _ => Err(de::Error::custom(format_args!(
                "invalid healthcheck test: a list must start with `CMD`, `CMD-SHELL` or `NONE`, not `{word}`"
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for HealthTest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = HealthTest;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a command string or a list starting with CMD, CMD-SHELL or NONE")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<HealthTest, E> {
                Ok(HealthTest::CmdShell(s.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<HealthTest, A::Error> {
                let Some(keyword) = seq.next_element::<Keyword>()? else {
                    return Err(de::Error::custom(
                        "invalid healthcheck test: the list is empty; write `[\"NONE\"]` to disable the check, or leave `test` out to keep the image's",
                    ));
                };
                let mut args = Vec::new();
                while let Some(arg) = seq.next_element::<String>()? {
                    args.push(arg);
                }
                match keyword {
                    Keyword::None => Ok(HealthTest::None),
                    Keyword::Cmd if args.is_empty() => Err(de::Error::custom(
                        "invalid healthcheck test: `CMD` must be followed by the command to run",
                    )),
                    Keyword::Cmd => Ok(HealthTest::Cmd(args)),
                    Keyword::CmdShell => match <[String; 1]>::try_from(args) {
                        Ok([line]) => Ok(HealthTest::CmdShell(line)),
                        Err(_) => Err(de::Error::custom(
                            "invalid healthcheck test: `CMD-SHELL` must be followed by exactly one command string",
                        )),
                    },
                }
            }
        }
        d.deserialize_any(V)
    }
}
