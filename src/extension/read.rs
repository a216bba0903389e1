//! Reading the three `x-kubernetes` blocks with our deserializer, so errors are located and
//! unknown keys get a "did you mean". What the reader reports with Compose's codes is recoded to
//! the extension's, because the fix is in the extension, not in Compose.

use serde::Deserialize;

use super::{check, diagnostics, external};
use super::{External, ProjectExtension, ServiceExtension, VolumeExtension};
use crate::compose::ast;
use crate::diag::{Code, Diagnostic};
use crate::yaml::de::Context;
use crate::yaml::{Node, Spanned};

const KEY: &str = "x-kubernetes";

/// The top-level block; `key` and `value` are its entry in the file.
pub fn project(key: &Node, value: &Node, cx: &Context) -> Option<Spanned<ProjectExtension>> {
    let ext = read::<ProjectExtension>(key, value, cx)?;
    check::project(&ext, cx);
    if let Some(d) = &ext.value.diagnostics {
        diagnostics::check_project(&d.value, cx);
    }
    Some(ext)
}

/// The block of the service whose mapping is `service`.
pub fn service(service: &Node, cx: &Context) -> Option<Spanned<ServiceExtension>> {
    let (key, value) = service.entry(KEY)?;
    let ext = read::<ServiceExtension>(key, value, cx)?;
    check::service(&ext, cx);
    if let Some(d) = &ext.value.diagnostics {
        diagnostics::check_service(&d.value, cx);
    }
    if let Some(x) = &ext.value.external {
        external::check(x, cx);
    }
    Some(ext)
}

/// `x-kubernetes.external` of a service left out of the conversion. The rest of its block is
/// not read: nothing else of the service is converted.
pub fn left_out(service: &Node, cx: &Context) -> Option<Spanned<External>> {
    let block = service.get(KEY)?;
    let (key, value) = block.entry("external")?;
    let ext = read::<External>(key, value, cx)?;
    external::check(&ext, cx);
    Some(ext)
}

/// The block of the volume whose mapping is `volume`.
pub fn volume(volume: &Node, cx: &Context) -> Option<Spanned<VolumeExtension>> {
    let (key, value) = volume.entry(KEY)?;
    let ext = read::<VolumeExtension>(key, value, cx)?;
    check::volume(&ext, cx);
    Some(ext)
}

/// `None` for an empty block (`x-kubernetes:` alone) and for one that cannot be read (reported).
fn read<'de, T: Deserialize<'de>>(
    key: &Node,
    value: &'de Node,
    cx: &Context,
) -> Option<Spanned<T>> {
    if value.is_null() {
        return None;
    }
    let inner = Context::new();
    let result = ast::read::<Spanned<T>>(value, &inner);
    for d in inner.take() {
        cx.push(recode(d));
    }
    match result {
        Ok(ext) => Some(ext),
        Err(mut err) => {
            if err.span.is_some_and(|s| s.is_empty()) {
                err.span = None;
            }
            cx.push(recode(err.into_diagnostic(key.span)));
            None
        }
    }
}

/// Compose's unknown-key and invalid-value diagnostics, reworded for the extension.
fn recode(mut d: Diagnostic) -> Diagnostic {
    let code = match d.code {
        Code::UnknownKey => Code::ExtensionUnknownKey,
        Code::InvalidValue => Code::ExtensionInvalidValue,
        _ => return d,
    };
    d.code = code;
    d.severity = code.severity();
    let schema = "`compose2k8s schema` prints every key of the extension";
    if code == Code::ExtensionUnknownKey {
        if let Some(label) = d.primary.as_mut() {
            label.text = "not an `x-kubernetes` key at this level".into();
        }
        let help = d.help.take().unwrap_or_default();
        d.help = Some(if let Some(rest) = help.strip_prefix("did you mean ") {
            let suggestion = rest.split('?').next().unwrap_or_default();
            format!("did you mean {suggestion}? {schema}")
        } else if let Some(rest) = help.strip_prefix("known keys here: ") {
            let keys = rest.split("; ").next().unwrap_or_default();
            format!("known keys here: {keys}")
        } else {
            format!("{schema}; keys of your own must start with `x-`")
        });
    } else if d
        .help
        .as_deref()
        .is_none_or(|h| h.starts_with("see the Compose specification"))
    {
        d.help = Some(schema.to_string());
    }
    d
}
