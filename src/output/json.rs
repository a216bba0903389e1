//! `--format json`: the objects as one `v1` `List`, laid out as `kubectl get -o json` prints it
//! (four-space indent, `apiVersion`, `items`, `kind`, `metadata`), so tools that read kubectl's
//! output read this too.

use serde::Serialize;

use crate::k8s::Object;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct List<'a> {
    api_version: &'static str,
    items: &'a [Object],
    kind: &'static str,
    metadata: ListMeta,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListMeta {
    resource_version: &'static str,
}

/// The `List` document, ending in a newline.
pub fn json_list(objects: &[Object]) -> Result<String, String> {
    let list = List {
        api_version: "v1",
        items: objects,
        kind: "List",
        metadata: ListMeta {
            resource_version: "",
        },
    };
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    list.serialize(&mut ser).map_err(|e| e.to_string())?;
    out.push(b'\n');
    String::from_utf8(out).map_err(|e| e.to_string())
}
