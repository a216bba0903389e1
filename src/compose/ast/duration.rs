//! Compose durations: `10s`, `1m30s`, `1h5m30s20ms`, `1.5s`.
//!
//! The spec's units are `us`, `ms`, `s`, `m` and `h`. Docker Compose parses with Go's
//! `time.ParseDuration` extended with days and weeks, so `ns`, `µs`, `d` and `w` are accepted too.
//! Like Compose, a bare number other than `0` is an error: `30` could mean seconds or
//! nanoseconds, so a unit is required.

use serde::de::{self, Deserializer};
use serde::Deserialize;

/// A duration with the text it was written as (for messages and round trips).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Duration {
    pub duration: std::time::Duration,
    pub text: String,
}

impl std::ops::Deref for Duration {
    type Target = std::time::Duration;
    fn deref(&self) -> &std::time::Duration {
        &self.duration
    }
}

const NANOS_PER_MICRO: u128 = 1_000;
const NANOS_PER_SECOND: u128 = 1_000_000_000;

fn unit_nanos(unit: &str) -> Option<u128> {
    Some(match unit {
        "ns" => 1,
        "us" | "µs" | "μs" => NANOS_PER_MICRO,
        "ms" => 1_000_000,
        "s" => NANOS_PER_SECOND,
        "m" => 60 * NANOS_PER_SECOND,
        "h" => 3_600 * NANOS_PER_SECOND,
        "d" => 86_400 * NANOS_PER_SECOND,
        "w" => 604_800 * NANOS_PER_SECOND,
        _ => return None,
    })
}

impl Duration {
    pub fn parse(text: &str) -> Result<Duration, String> {
        let fail = |why: &str| format!("invalid duration `{text}`: {why}");
        let body = text.strip_prefix('+').unwrap_or(text);
        let (negative, body) = match body.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        if body.is_empty() {
            return Err(fail("expected a value such as `10s` or `1m30s`"));
        }
        if body == "0" {
            return Ok(Duration {
                duration: std::time::Duration::ZERO,
                text: text.to_string(),
            });
        }
        let mut total: u128 = 0;
        let mut rest = body;
        while !rest.is_empty() {
            let number_len = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            let (number, after) = rest.split_at(number_len);
            let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
            if (whole.is_empty() && fraction.is_empty()) || fraction.contains('.') {
                return Err(fail("expected a number before each unit, as in `1m30s`"));
            }
            let unit_len = after
                .find(|c: char| c.is_ascii_digit() || c == '.')
                .unwrap_or(after.len());
            let (unit, next) = after.split_at(unit_len);
            if unit.is_empty() {
                return Err(fail(if next.is_empty() && rest.len() == text.len() {
                    "a unit is required, e.g. `30s` (units: us, ms, s, m, h)"
                } else {
                    "a unit is required after each number (units: us, ms, s, m, h)"
                }));
            }
            let Some(scale) = unit_nanos(unit) else {
                return Err(fail(&format!(
                    "unknown unit `{unit}` (units: us, ms, s, m, h)"
                )));
            };
            total = whole
                .parse::<u128>()
                .ok()
                .or(whole.is_empty().then_some(0))
                .and_then(|w| w.checked_mul(scale))
                .and_then(|w| w.checked_add(fraction_nanos(fraction, scale)))
                .and_then(|part| total.checked_add(part))
                .ok_or_else(|| fail("the value is too large"))?;
            rest = next;
        }
        if negative && total > 0 {
            return Err(fail("a duration cannot be negative"));
        }
        let nanos = u64::try_from(total).map_err(|_| fail("the value is too large"))?;
        Ok(Duration {
            duration: std::time::Duration::from_nanos(nanos),
            text: text.to_string(),
        })
    }

    pub fn as_std(&self) -> std::time::Duration {
        self.duration
    }

    /// Whole seconds, rounded up: what a Kubernetes field in seconds can hold.
    pub fn as_secs_ceil(&self) -> u64 {
        let secs = self.duration.as_secs();
        if self.duration.subsec_nanos() > 0 {
            secs.saturating_add(1)
        } else {
            secs
        }
    }
}

/// `.5` of a unit of `scale` nanoseconds, truncated to whole nanoseconds as Go does.
fn fraction_nanos(fraction: &str, scale: u128) -> u128 {
    let mut nanos = 0u128;
    let mut divisor = 1u128;
    // Digits beyond 1e-20 cannot change a nanosecond count of any supported unit.
    for digit in fraction.bytes().take(20) {
        nanos = nanos * 10 + u128::from(digit - b'0');
        divisor *= 10;
    }
    nanos * scale / divisor
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Duration::parse(&text).map_err(de::Error::custom)
    }
}

/// `deserialize_with` for fields that take a duration or a bare number of microseconds
/// (`cpu_rt_period`, `cpu_rt_runtime`).
pub(crate) fn micros_or_duration<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<crate::yaml::Spanned<Duration>>, D::Error> {
    let Some(text) = Option::<crate::yaml::Spanned<String>>::deserialize(d)? else {
        return Ok(None);
    };
    let value = if !text.value.is_empty() && text.value.bytes().all(|b| b.is_ascii_digit()) {
        let micros = text.value.parse::<u64>().map_err(|_| {
            de::Error::custom(format_args!(
                "invalid duration `{}`: the value is too large",
                text.value
            ))
        })?;
        Duration {
            duration: std::time::Duration::from_micros(micros),
            text: text.value.clone(),
        }
    } else {
        Duration::parse(&text.value).map_err(de::Error::custom)?
    };
    Ok(Some(crate::yaml::Spanned::new(text.span, value)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;
    use std::time::Duration as Std;

    fn d(text: &str) -> Std {
        Duration::parse(text).unwrap().duration
    }

    #[test]
    fn spec_examples() {
        assert_eq!(d("10ms"), Std::from_millis(10));
        assert_eq!(d("40s"), Std::from_secs(40));
        assert_eq!(d("1m30s"), Std::from_secs(90));
        assert_eq!(
            d("1h5m30s20ms"),
            Std::from_secs(3600 + 300 + 30) + Std::from_millis(20)
        );
        assert_eq!(d("2us"), Std::from_micros(2));
        assert_eq!(d("500ms"), Std::from_millis(500));
        assert_eq!(d("1h"), Std::from_secs(3600));
    }

    #[test]
    fn go_extensions() {
        assert_eq!(d("1.5s"), Std::from_millis(1500));
        assert_eq!(d(".5m"), Std::from_secs(30));
        assert_eq!(d("3ns"), Std::from_nanos(3));
        assert_eq!(d("1µs"), Std::from_micros(1));
        assert_eq!(d("1d"), Std::from_secs(86_400));
        assert_eq!(d("1w"), Std::from_secs(604_800));
        assert_eq!(d("0"), Std::ZERO);
        assert_eq!(d("+5s"), Std::from_secs(5));
        assert_eq!(d("-0s"), Std::ZERO);
    }

    #[test]
    fn errors() {
        for bad in [
            "", "5x", "30", "1.5", "s", "1m30", "-5s", "1..5s", "10 s", "1e3s",
        ] {
            let err = Duration::parse(bad).unwrap_err();
            assert!(err.starts_with("invalid duration"), "{bad}: {err}");
        }
        assert!(Duration::parse("30")
            .unwrap_err()
            .contains("unit is required"));
        assert!(Duration::parse("5x")
            .unwrap_err()
            .contains("unknown unit `x`"));
        assert!(Duration::parse("99999999999999999h").is_err());
    }

    #[test]
    fn ceil_seconds() {
        assert_eq!(Duration::parse("1500ms").unwrap().as_secs_ceil(), 2);
        assert_eq!(Duration::parse("2s").unwrap().as_secs_ceil(), 2);
    }
}
