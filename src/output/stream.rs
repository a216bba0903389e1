use crate::k8s::Object;
use crate::yaml::emit::to_yaml;

/// Sorts objects by kind (dependencies first) then name.
pub fn order(objects: &mut [Object]) {
    objects.sort_by(|a, b| (a.kind_rank(), a.name()).cmp(&(b.kind_rank(), b.name())));
}

/// One multi-document YAML stream, each document opened by `---`.
pub fn yaml_stream(objects: &[Object]) -> Result<String, String> {
    let mut out = String::new();
    for object in objects {
        out.push_str("---\n");
        let text = to_yaml(object)?;
        out.push_str(&text);
        if !text.ends_with('\n') {
            out.push('\n');
        }
    }
    Ok(out)
}
