//! `blkio_config`: block IO weights and throttles.

use serde::Deserialize;

use super::byte_size::ByteSize;
use crate::yaml::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct BlkioConfig {
    /// 10 to 1000.
    pub weight: Option<Spanned<u16>>,
    pub weight_device: Option<Spanned<Vec<Spanned<BlkioWeight>>>>,
    pub device_read_bps: Option<Spanned<Vec<Spanned<BlkioRate>>>>,
    pub device_write_bps: Option<Spanned<Vec<Spanned<BlkioRate>>>>,
    pub device_read_iops: Option<Spanned<Vec<Spanned<BlkioIops>>>>,
    pub device_write_iops: Option<Spanned<Vec<Spanned<BlkioIops>>>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct BlkioWeight {
    pub path: String,
    pub weight: u16,
}

/// A bytes-per-second limit: a number or a byte value (`12mb`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct BlkioRate {
    pub path: String,
    pub rate: ByteSize,
}

/// An operations-per-second limit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct BlkioIops {
    pub path: String,
    pub rate: u64,
}
