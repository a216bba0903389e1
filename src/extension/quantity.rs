//! Kubernetes resource quantities as the extension accepts them (`500m`, `0.5`, `2`, `512Mi`,
//! `1G`, `1e3`), read exactly: decimal fractions are kept as integers, never as floats, so `0.1`
//! CPU is 100 millicores and not 101 after rounding.

/// A quantity: `mantissa / 10^scale × 2^binary × 10^decimal`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quantity {
    mantissa: u128,
    scale: u32,
    binary: u32,
    decimal: i32,
}

/// Reads a non-negative quantity; `None` when Kubernetes would not parse it (or it is absurdly
/// large).
pub fn parse(text: &str) -> Option<Quantity> {
    let text = text.trim().strip_prefix('+').unwrap_or(text.trim());
    let number_end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(number_end);
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if (whole.is_empty() && fraction.is_empty()) || whole.len() + fraction.len() > 30 {
        return None;
    }
    let digits = format!("{whole}{fraction}");
    let mantissa: u128 = digits.parse().ok()?;
    let scale = u32::try_from(fraction.len()).ok()?;
    let (binary, decimal) = match suffix {
        "" => (0, 0),
        "Ki" => (10, 0),
        "Mi" => (20, 0),
        "Gi" => (30, 0),
        "Ti" => (40, 0),
        "Pi" => (50, 0),
        "Ei" => (60, 0),
        "n" => (0, -9),
        "u" => (0, -6),
        "m" => (0, -3),
        "k" => (0, 3),
        "M" => (0, 6),
        "G" => (0, 9),
        "T" => (0, 12),
        "P" => (0, 15),
        "E" => (0, 18),
        exponent => {
            let e = exponent
                .strip_prefix('e')
                .or_else(|| exponent.strip_prefix('E'))?;
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let n: i32 = e.parse().ok()?;
            if !(-18..=18).contains(&n) {
                return None;
            }
            (0, n)
        }
    };
    Some(Quantity {
        mantissa,
        scale,
        binary,
        decimal,
    })
}

impl Quantity {
    /// The quantity in units of `10^-unit_exp`, rounded up; `None` on overflow.
    fn in_units(self, unit_exp: i32) -> Option<u128> {
        let shifted = self.mantissa.checked_mul(1u128.checked_shl(self.binary)?)?;
        // value = shifted × 10^(decimal + unit_exp - scale)
        let exp = self.decimal + unit_exp - i32::try_from(self.scale).ok()?;
        if exp >= 0 {
            shifted.checked_mul(10u128.checked_pow(u32::try_from(exp).ok()?)?)
        } else {
            let div = 10u128.checked_pow(exp.unsigned_abs())?;
            Some(shifted.div_ceil(div))
        }
    }

    /// CPU in millicores, rounded up.
    pub fn millis(self) -> Option<u64> {
        u64::try_from(self.in_units(3)?).ok()
    }

    /// An amount of bytes (or a count), rounded up.
    pub fn whole(self) -> Option<u64> {
        u64::try_from(self.in_units(0)?).ok()
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn cpu_and_memory() {
        assert_eq!(parse("500m").unwrap().millis(), Some(500));
        assert_eq!(parse("0.1").unwrap().millis(), Some(100));
        assert_eq!(parse("2").unwrap().millis(), Some(2000));
        assert_eq!(parse("1.5").unwrap().millis(), Some(1500));
        assert_eq!(parse("512Mi").unwrap().whole(), Some(512 << 20));
        assert_eq!(parse("1G").unwrap().whole(), Some(1_000_000_000));
        assert_eq!(parse("1e3").unwrap().whole(), Some(1000));
        assert_eq!(parse("100n").unwrap().millis(), Some(1));
        assert_eq!(parse("10Gi").unwrap().whole(), Some(10 << 30));
    }

    #[test]
    fn rejects_what_kubernetes_rejects() {
        for bad in ["", "Mi", "1.2.3", "12x", "1 Gi", "-1", "1e", "1e99", "."] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }
}
