//! The JSON Schemas of the extension: on its own (`compose2k8s schema`,
//! `schema/x-kubernetes.schema.json`) and wired into the Compose Specification's schema
//! (`schema/compose-with-x-kubernetes.schema.json`), which yaml-language-server can use to
//! complete and check `x-kubernetes` keys inside compose.yaml.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Map, Value};

use super::{ProjectExtension, ServiceExtension, VolumeExtension};
use crate::yaml::Spanned;

/// The Compose Specification's schema as committed in `schema/` (Apache-2.0, see
/// `schema/README.md`): compiled in so the binary needs no file at run time.
pub const COMPOSE_SPEC: &str = include_str!("../../schema/compose-spec.json");

/// Where the combined schema puts the extension's definitions, so they cannot collide with the
/// Compose Specification's own.
const PREFIX: &str = "x-kubernetes-";

/// A `Spanned<T>` is written as a plain `T`.
impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<T>()
    }
}

/// The extension's schema: the root is the top-level block; the service and volume blocks are
/// the definitions `ServiceExtension` and `VolumeExtension`.
pub fn extension() -> Value {
    let settings = SchemaSettings::draft07();
    let mut generator = settings.into_generator();
    generator.subschema_for::<ServiceExtension>();
    generator.subschema_for::<VolumeExtension>();
    let root = generator.into_root_schema_for::<ProjectExtension>();
    let mut value = root.to_value();
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "description".into(),
            json!("The `x-kubernetes` extension of compose2k8s. The root describes the top-level block; `#/definitions/ServiceExtension` a service's block and `#/definitions/VolumeExtension` a named volume's block."),
        );
    }
    tidy(&mut value);
    allow_extensions(&mut value);
    value
}

/// Drops the `null` that schemars allows for every `Option`: an empty key is legal YAML, but
/// an editor should not suggest writing one. A lone `$ref` with a description stays a `$ref` in
/// an `allOf`, since draft-07 ignores the siblings of a `$ref`.
fn tidy(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(d)) = object.get_mut("description") {
                // Doc comments wrap lines; a description is one paragraph.
                *d = d
                    .replace("\n\n", "\u{0}")
                    .replace('\n', " ")
                    .replace('\u{0}', "\n\n");
            }
            if object.get("default") == Some(&Value::Null) {
                object.remove("default");
            }
            if let Some(Value::Array(types)) = object.get_mut("type") {
                types.retain(|t| t != "null");
                if let [single] = types.as_slice() {
                    let single = single.clone();
                    object.insert("type".into(), single);
                }
            }
            if let Some(Value::Array(values)) = object.get_mut("enum") {
                values.retain(|v| !v.is_null());
            }
            if let Some(Value::Array(options)) = object.get_mut("anyOf") {
                options.retain(|o| o.get("type") != Some(&json!("null")));
                if let [single] = options.as_slice() {
                    let single = single.clone();
                    object.remove("anyOf");
                    if object.is_empty() {
                        if let Value::Object(inner) = single {
                            object.extend(inner);
                        }
                    } else if single.get("$ref").is_some() {
                        object.insert("allOf".into(), json!([single]));
                    } else if let Value::Object(inner) = single {
                        for (k, v) in inner {
                            object.entry(k).or_insert(v);
                        }
                    }
                }
            }
            for v in object.values_mut() {
                tidy(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// Every object that forbids unknown keys still takes `x-…` keys, as our reader does.
fn allow_extensions(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if object.get("additionalProperties") == Some(&Value::Bool(false))
                && !object.contains_key("patternProperties")
            {
                object.insert("patternProperties".into(), json!({ "^x-": {} }));
            }
            for v in object.values_mut() {
                allow_extensions(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(allow_extensions),
        _ => {}
    }
}

/// Points every `#/definitions/X` reference at `#/definitions/<PREFIX>X`.
fn prefix_refs(value: &mut Value) {
    match value {
        Value::Object(object) => {
            for (k, v) in object.iter_mut() {
                match v {
                    Value::String(s) if k == "$ref" => {
                        if let Some(name) = s.strip_prefix("#/definitions/") {
                            *s = format!("#/definitions/{PREFIX}{name}");
                        }
                    }
                    _ => prefix_refs(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(prefix_refs),
        _ => {}
    }
}

/// The Compose Specification's schema (`spec`) with `x-kubernetes` at the top level, in services
/// and in volumes. `None` if `spec` lacks the definitions it must have.
pub fn compose_with_extension(spec: &Value) -> Option<Value> {
    let mut out = spec.clone();
    let mut ext = extension();
    prefix_refs(&mut ext);
    let ext = ext.as_object_mut()?;
    let definitions = match ext.remove("definitions") {
        Some(Value::Object(d)) => d,
        _ => Map::new(),
    };
    let mut root = ext.clone();
    root.remove("$schema");
    let top = out.as_object_mut()?;
    top.insert("$id".into(), json!("compose-with-x-kubernetes.schema.json"));
    top.insert(
        "description".into(),
        json!("The Compose Specification's schema with the `x-kubernetes` extension of compose2k8s at the top level, in services and in volumes."),
    );
    let defs = top.get_mut("definitions")?.as_object_mut()?;
    for (name, schema) in definitions {
        defs.insert(format!("{PREFIX}{name}"), schema);
    }
    defs.insert(format!("{PREFIX}ProjectExtension"), Value::Object(root));
    let reference = |name: &str| json!({ "$ref": format!("#/definitions/{PREFIX}{name}") });
    for (definition, name) in [
        ("service", "ServiceExtension"),
        ("volume", "VolumeExtension"),
    ] {
        defs.get_mut(definition)?
            .get_mut("properties")?
            .as_object_mut()?
            .insert("x-kubernetes".into(), reference(name));
    }
    top.get_mut("properties")?
        .as_object_mut()?
        .insert("x-kubernetes".into(), reference("ProjectExtension"));
    Some(out)
}

/// Both schema files as committed: pretty JSON with a final newline.
pub fn files() -> Result<[(&'static str, String); 2], String> {
    let spec: Value = serde_json::from_str(COMPOSE_SPEC)
        .map_err(|e| format!("schema/compose-spec.json is not JSON: {e}"))?;
    let combined = compose_with_extension(&spec)
        .ok_or("schema/compose-spec.json lacks the `service` or `volume` definition")?;
    let pretty = |v: &Value| {
        serde_json::to_string_pretty(v)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string())
    };
    Ok([
        ("x-kubernetes.schema.json", pretty(&extension())?),
        ("compose-with-x-kubernetes.schema.json", pretty(&combined)?),
    ])
}
