//! Unix permission bits (`mode: 0440`) on secrets, configs and tmpfs mounts.

use serde::de::{self, Deserializer};
use serde::Deserialize;

/// File permission bits. The spec writes them in octal: `0440`, `0o440` and `"0440"` are all
/// 0o440. A number without a leading zero is decimal, as YAML reads it (`288` is 0o440).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct FileMode(pub u32);

impl FileMode {
    pub fn parse(text: &str) -> Result<FileMode, String> {
        let t = text.trim();
        let parsed = if let Some(oct) = t.strip_prefix("0o").or_else(|| t.strip_prefix("0O")) {
            u32::from_str_radix(oct, 8).ok()
        } else if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
            u32::from_str_radix(hex, 16).ok()
        } else if t.len() > 1 && t.starts_with('0') {
            u32::from_str_radix(t, 8).ok()
        } else if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            t.parse::<u32>().ok()
        } else {
            None
        };
        match parsed {
            Some(mode) if mode <= 0o7777 => Ok(FileMode(mode)),
            Some(_) => Err(format!(
                "invalid file mode `{text}`: permission bits go up to 0o7777"
            )),
            None => Err(format!(
                "invalid file mode `{text}`: expected octal permission bits such as `0440`"
            )),
        }
    }
}

impl<'de> Deserialize<'de> for FileMode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        FileMode::parse(&text).map_err(de::Error::custom)
    }
}
