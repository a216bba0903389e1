//! Byte values: `512m`, `1.5g`, `2gb`, `100k`, `1024`, `1GiB`.
//!
//! Docker semantics (`RAMInBytes` of docker/go-units): the units are binary whatever the
//! spelling, so `m`, `mb` and `mib` all mean 1024² bytes. A bare number is bytes; a fraction is
//! truncated to whole bytes.

use serde::de::{self, Deserializer};
use serde::Deserialize;

/// A size in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteSize(pub u64);

impl ByteSize {
    pub fn bytes(self) -> u64 {
        self.0
    }

    pub fn parse(text: &str) -> Result<ByteSize, String> {
        let fail = |why: &str| format!("invalid byte size `{text}`: {why}");
        let t = text.trim();
        let number_len = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(t.len());
        let (number, suffix) = t.split_at(number_len);
        let suffix = suffix.strip_prefix(' ').unwrap_or(suffix);
        if number.is_empty() || number.starts_with('.') || number.ends_with('.') {
            return Err(fail("expected a number with an optional unit, e.g. `512m`"));
        }
        let multiplier: u64 = match suffix.to_ascii_lowercase().as_str() {
            "" | "b" => 1,
            "k" | "kb" | "kib" => 1 << 10,
            "m" | "mb" | "mib" => 1 << 20,
            "g" | "gb" | "gib" => 1 << 30,
            "t" | "tb" | "tib" => 1 << 40,
            "p" | "pb" | "pib" => 1 << 50,
            _ => {
                return Err(fail(&format!(
                    "unknown unit `{suffix}` (units: b, k, m, g, t, p, optionally followed by `b`)"
                )))
            }
        };
        let bytes = match number.split_once('.') {
            None => number
                .parse::<u64>()
                .ok()
                .and_then(|n| n.checked_mul(multiplier)),
            Some((_, fraction)) if fraction.contains('.') => None,
            Some(_) => number
                .parse::<f64>()
                .ok()
                .map(|n| n * multiplier as f64)
                .filter(|n| n.is_finite() && *n < u64::MAX as f64)
                // Truncation is the documented Docker behaviour for fractional sizes.
                .map(|n| n as u64),
        };
        bytes
            .map(ByteSize)
            .ok_or_else(|| fail("not a number of bytes this tool can hold"))
    }
}

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ByteSize::parse(&text).map_err(de::Error::custom)
    }
}

/// A byte limit where `-1` means "no limit" (`memswap_limit`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ByteLimit {
    #[default]
    Unlimited,
    Bytes(ByteSize),
}

impl<'de> Deserialize<'de> for ByteLimit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text.trim() == "-1" {
            return Ok(ByteLimit::Unlimited);
        }
        ByteSize::parse(&text)
            .map(ByteLimit::Bytes)
            .map_err(|e| de::Error::custom(format_args!("{e}; `-1` means unlimited")))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    fn b(text: &str) -> u64 {
        ByteSize::parse(text).unwrap().0
    }

    #[test]
    fn docker_units_are_binary() {
        assert_eq!(b("1024"), 1024);
        assert_eq!(b("2b"), 2);
        assert_eq!(b("100k"), 102_400);
        assert_eq!(b("1024kb"), 1024 * 1024);
        assert_eq!(b("512m"), 512 << 20);
        assert_eq!(b("300M"), 300 << 20);
        assert_eq!(b("2gb"), 2 << 30);
        assert_eq!(b("1GiB"), 1 << 30);
        assert_eq!(b("1.5g"), 3 << 29);
        assert_eq!(b("1 g"), 1 << 30);
        assert_eq!(b("0.5k"), 512);
    }

    #[test]
    fn errors() {
        for bad in [
            "",
            "m",
            "1x",
            "1.2.3m",
            "-1",
            "1mbb",
            ".5m",
            "1e3",
            "99999999999999999999",
        ] {
            let err = ByteSize::parse(bad).unwrap_err();
            assert!(err.starts_with("invalid byte size"), "{bad}: {err}");
        }
    }
}
