//! The whole conversion, bytes to manifests, as the CLI runs it on in-memory text.
#![no_main]

use compose2k8s::convert::{convert, Input, Options};
use compose2k8s::output;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let options = Options::new(Input::Text {
        name: "compose.yaml".into(),
        text: text.to_string(),
    });
    let conversion = convert(&options);
    if !conversion.has_errors() {
        let _ = output::yaml_stream(&conversion.objects);
    }
});
