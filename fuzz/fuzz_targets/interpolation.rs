//! `${…}` interpolation and `.env` parsing on arbitrary text, with a few variables set.
#![no_main]

use std::collections::BTreeMap;

use compose2k8s::compose::load::dotenv::parse_dotenv;
use compose2k8s::compose::load::interpolate::interpolate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let vars: BTreeMap<String, String> = [("A", "1"), ("EMPTY", ""), ("B", "${A}")]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let _ = interpolate(text, &vars);
    let _ = parse_dotenv(text, &vars);
});
