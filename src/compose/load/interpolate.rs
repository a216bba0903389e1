//! Compose variable interpolation (`$VAR`, `${VAR:-default}`, …), written to match compose-go's
//! `template` package rather than a shell: Compose files are interpolated by compose-go, so its
//! quirks are what users have tested their files against.
//!
//! Choices that follow compose-go, and why they matter:
//!
//! - `$` followed by anything other than `$`, `{` or a name start (`$ `, `$1`, `$}`, a trailing
//!   `$`) is kept literally, as compose-go's pattern simply does not match there (its tests keep
//!   `"a $ string"`, `"^REGEX$"` and `"$}"` unchanged). Only `${` commits to the braced form, so a
//!   malformed `${…}` is an error, never silently kept.
//! - Names are ASCII `[A-Za-z_][A-Za-z0-9_]*` in both forms; `${` must be followed by a name and
//!   then by `}` or one of the operators `:-` `-` `:?` `?` `:+` `+`, whose argument runs to the
//!   matching `}` (every `{` inside counts, so JSON defaults such as `${X:-{"a":1}}` work). The
//!   closing brace must be on the same line, as compose-go's pattern cannot cross a newline.
//! - The operator is the one written right after the name, so `${A-x?y}` defaults to `x?y`.
//! - The argument of every operator is interpolated even when it is not used, so a syntax error
//!   or a missing required variable inside an unused default is still an error, as in Compose.
//!   Unset variables inside an unused argument are not reported: warning about a variable whose
//!   value cannot matter would only be noise.
//! - `${A:+x}` / `${A+x}` with `A` unset give an empty string without a warning: the operator
//!   itself says that unset is expected.
//!
//! Diagnostics name variables but never show their values, which are often secrets.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::BuildHasher;
use std::ops::Range;

use indexmap::IndexMap;

use crate::compose::ast::FromOutside;
use crate::diag::{Code, Diagnostic};
use crate::source::{SourceMap, Span};
use crate::yaml::limits::{MAX_INTERPOLATED_BYTES, MAX_INTERPOLATED_TOTAL_BYTES};
use crate::yaml::{Node, NodeKind};

/// Deepest nesting of `${…}` inside the argument of another `${…}`. Real files nest one or two
/// levels; the limit keeps hostile input from exhausting the stack.
pub const MAX_NESTING: usize = 32;

/// Where variable values come from: the environment, a `.env` file, or a test's map.
pub trait Lookup {
    /// The value of `name`, or `None` when it is not set (which differs from set to `""`).
    fn get(&self, name: &str) -> Option<&str>;
}

impl<S: BuildHasher> Lookup for HashMap<String, String, S> {
    fn get(&self, name: &str) -> Option<&str> {
        HashMap::get(self, name).map(String::as_str)
    }
}

impl Lookup for BTreeMap<String, String> {
    fn get(&self, name: &str) -> Option<&str> {
        BTreeMap::get(self, name).map(String::as_str)
    }
}

impl<S: BuildHasher> Lookup for IndexMap<String, String, S> {
    fn get(&self, name: &str) -> Option<&str> {
        IndexMap::get(self, name).map(String::as_str)
    }
}

impl<T: Lookup + ?Sized> Lookup for &T {
    fn get(&self, name: &str) -> Option<&str> {
        (**self).get(name)
    }
}

/// A lookup in which no variable is set.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoVars;

impl Lookup for NoVars {
    fn get(&self, _name: &str) -> Option<&str> {
        None
    }
}

/// The result of interpolating one string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interpolated {
    pub value: String,
    /// Variables that were referenced without a default and are not set; each became `""`.
    pub unset: Vec<UnsetVar>,
    /// The set variables whose values are part of `value`, in order: what came from the shell
    /// or a `.env` file rather than from the text (a default or an alternative is text).
    pub variables: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsetVar {
    pub name: String,
    /// Byte range of the whole reference (`$VAR` or `${VAR}`) in the interpolated text.
    pub range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterpolationError {
    pub kind: InterpolationErrorKind,
    /// Byte range in the interpolated text: the whole `${…}` where it is closed, else from `${`
    /// to the end of its line.
    pub range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InterpolationErrorKind {
    /// `${NAME:?message}` or `${NAME?message}` with `NAME` unset (or, for `:?`, empty).
    /// `message` is the text as written in the file: interpolating it could put the values of
    /// other variables into a diagnostic.
    Required {
        name: String,
        message: String,
        /// Set, but empty, which only `:?` rejects.
        empty: bool,
    },
    /// `${` without its closing `}` on the same line.
    Unterminated,
    /// `${` not followed by a variable name, e.g. `${}`, `${ X}`, `${1}`.
    InvalidName,
    /// A name followed by something other than `}` or an operator, e.g. `${X }` or `${X/a/b}`.
    InvalidOperator { name: String },
    /// `${…}` nested more than [`MAX_NESTING`] levels deep.
    TooDeep,
    /// The value would grow past [`MAX_INTERPOLATED_BYTES`].
    TooLong,
}

impl fmt::Display for InterpolationErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InterpolationErrorKind::Required { name, message, .. } => {
                write!(f, "required variable `{name}` is missing a value")?;
                if !message.is_empty() {
                    write!(f, ": {message}")?;
                }
                Ok(())
            }
            InterpolationErrorKind::Unterminated => {
                f.write_str("`${` is not closed by a `}` on the same line")
            }
            InterpolationErrorKind::InvalidName => {
                f.write_str("`${` must be followed by a variable name")
            }
            InterpolationErrorKind::InvalidOperator { name } => write!(
                f,
                "`${{{name}` must be followed by `}}` or one of `:-`, `-`, `:?`, `?`, `:+`, `+`"
            ),
            InterpolationErrorKind::TooDeep => {
                write!(f, "`${{…}}` is nested more than {MAX_NESTING} levels deep")
            }
            InterpolationErrorKind::TooLong => write!(
                f,
                "the value grows past {MAX_INTERPOLATED_BYTES} bytes once its variables are put in"
            ),
        }
    }
}

impl fmt::Display for InterpolationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

impl std::error::Error for InterpolationError {}

/// Interpolates `text`. Stops at the first error, as Compose does.
pub fn interpolate(text: &str, vars: &dyn Lookup) -> Result<Interpolated, InterpolationError> {
    let mut out = Interpolated {
        value: String::with_capacity(text.len()),
        unset: Vec::new(),
        variables: Vec::new(),
    };
    if !text.contains('$') {
        out.value.push_str(text);
        return Ok(out);
    }
    expand(text, 0, 0, vars, &mut out)?;
    Ok(out)
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// End (exclusive) of the name starting at `from`; `from` itself when there is none.
fn name_end(bytes: &[u8], from: usize) -> usize {
    match bytes.get(from) {
        Some(&b) if is_name_start(b) => {}
        _ => return from,
    }
    let mut end = from + 1;
    while bytes.get(end).is_some_and(|&b| is_name_char(b)) {
        end += 1;
    }
    end
}

/// Index of the `}` that closes a `{` just before `from`, on the same line.
fn closing_brace(bytes: &[u8], from: usize) -> Option<usize> {
    let mut depth = 1usize;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'\n' => return None,
            _ => {}
        }
    }
    None
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes
        .iter()
        .skip(from)
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    /// `:-`
    DefaultIfEmpty,
    /// `-`
    DefaultIfUnset,
    /// `:?`
    RequireNonEmpty,
    /// `?`
    RequireSet,
    /// `:+`
    AltIfNonEmpty,
    /// `+`
    AltIfSet,
}

fn operator(rest: &[u8]) -> Option<(Op, usize)> {
    match rest {
        [b':', b'-', ..] => Some((Op::DefaultIfEmpty, 2)),
        [b':', b'?', ..] => Some((Op::RequireNonEmpty, 2)),
        [b':', b'+', ..] => Some((Op::AltIfNonEmpty, 2)),
        [b'-', ..] => Some((Op::DefaultIfUnset, 1)),
        [b'?', ..] => Some((Op::RequireSet, 1)),
        [b'+', ..] => Some((Op::AltIfSet, 1)),
        _ => None,
    }
}

/// Appends the expansion of `text` to `out.value`. `text` is a slice of the original input
/// starting at byte `base`, so ranges are reported in the original's coordinates.
fn expand(
    text: &str,
    base: usize,
    depth: usize,
    vars: &dyn Lookup,
    out: &mut Interpolated,
) -> Result<(), InterpolationError> {
    let bytes = text.as_bytes();
    // Every index used to slice `text` is either 0, its length, or next to an ASCII byte (`$`,
    // `{`, `}`, a name character), so it is always a char boundary; `get` keeps that a
    // non-panicking fact rather than an assumption.
    let slice = |a: usize, b: usize| text.get(a..b).unwrap_or("");
    let mut literal_from = 0;
    let mut i = 0;
    while let Some(offset) = bytes.iter().skip(i).position(|&b| b == b'$') {
        let dollar = i + offset;
        match bytes.get(dollar + 1) {
            Some(b'$') => {
                out.value.push_str(slice(literal_from, dollar));
                out.value.push('$');
                i = dollar + 2;
                literal_from = i;
            }
            Some(b'{') => {
                out.value.push_str(slice(literal_from, dollar));
                i = braced(text, base, dollar, depth, vars, out)?;
                literal_from = i;
            }
            Some(&b) if is_name_start(b) => {
                out.value.push_str(slice(literal_from, dollar));
                let end = name_end(bytes, dollar + 1);
                let name = slice(dollar + 1, end);
                match vars.get(name) {
                    Some(v) => {
                        push_bounded(out, v, base + dollar..base + end)?;
                        out.variables.push(name.to_string());
                    }
                    None => out.unset.push(UnsetVar {
                        name: name.to_string(),
                        range: base + dollar..base + end,
                    }),
                }
                i = end;
                literal_from = i;
            }
            // Not a reference: the `$` stays, as part of the literal run.
            _ => i = dollar + 1,
        }
    }
    out.value.push_str(slice(literal_from, bytes.len()));
    Ok(())
}

/// Appends a variable's value (or a default) to `out`, unless the value would grow past
/// [`MAX_INTERPOLATED_BYTES`]; `range` is the reference, for the error.
fn push_bounded(
    out: &mut Interpolated,
    text: &str,
    range: Range<usize>,
) -> Result<(), InterpolationError> {
    if out.value.len().saturating_add(text.len()) > MAX_INTERPOLATED_BYTES {
        return Err(InterpolationError {
            kind: InterpolationErrorKind::TooLong,
            range,
        });
    }
    out.value.push_str(text);
    Ok(())
}

/// Expands the `${…}` whose `$` is at `dollar` in `text`; returns the index just past its `}`.
fn braced(
    text: &str,
    base: usize,
    dollar: usize,
    depth: usize,
    vars: &dyn Lookup,
    out: &mut Interpolated,
) -> Result<usize, InterpolationError> {
    let bytes = text.as_bytes();
    let slice = |a: usize, b: usize| text.get(a..b).unwrap_or("");
    let open = dollar + 1;
    let Some(close) = closing_brace(bytes, open + 1) else {
        return Err(InterpolationError {
            kind: InterpolationErrorKind::Unterminated,
            range: base + dollar..base + line_end(bytes, dollar),
        });
    };
    let whole = base + dollar..base + close + 1;
    let name_to = name_end(bytes, open + 1);
    if name_to == open + 1 {
        return Err(InterpolationError {
            kind: InterpolationErrorKind::InvalidName,
            range: whole,
        });
    }
    let name = slice(open + 1, name_to);
    let value = vars.get(name);
    if name_to == close {
        match value {
            Some(v) => {
                push_bounded(out, v, whole)?;
                out.variables.push(name.to_string());
            }
            None => out.unset.push(UnsetVar {
                name: name.to_string(),
                range: whole,
            }),
        }
        return Ok(close + 1);
    }
    let Some((op, op_len)) = operator(bytes.get(name_to..close).unwrap_or(&[])) else {
        return Err(InterpolationError {
            kind: InterpolationErrorKind::InvalidOperator {
                name: name.to_string(),
            },
            range: whole,
        });
    };
    if depth + 1 > MAX_NESTING {
        return Err(InterpolationError {
            kind: InterpolationErrorKind::TooDeep,
            range: whole,
        });
    }
    let arg_from = name_to + op_len;
    let arg_text = slice(arg_from, close);
    // Expanded whether used or not, as compose-go does (see the module comment).
    let mut arg = Interpolated {
        value: String::new(),
        unset: Vec::new(),
        variables: Vec::new(),
    };
    expand(arg_text, base + arg_from, depth + 1, vars, &mut arg)?;
    let non_empty = value.is_some_and(|v| !v.is_empty());
    let use_arg = match op {
        Op::DefaultIfEmpty => !non_empty,
        Op::DefaultIfUnset => value.is_none(),
        Op::AltIfNonEmpty => non_empty,
        Op::AltIfSet => value.is_some(),
        Op::RequireNonEmpty | Op::RequireSet => {
            let missing = if op == Op::RequireNonEmpty {
                !non_empty
            } else {
                value.is_none()
            };
            if missing {
                return Err(InterpolationError {
                    kind: InterpolationErrorKind::Required {
                        name: name.to_string(),
                        message: arg_text.to_string(),
                        empty: value.is_some(),
                    },
                    range: whole,
                });
            }
            false
        }
    };
    if use_arg {
        push_bounded(out, &arg.value, whole)?;
        out.unset.append(&mut arg.unset);
        out.variables.append(&mut arg.variables);
    } else if let Some(v) = value {
        push_bounded(out, v, whole)?;
        out.variables.push(name.to_string());
    }
    Ok(close + 1)
}

/// Interpolates every scalar value in the tree in place (mapping keys are left alone, as the
/// Compose specification says). Each problem becomes a diagnostic; a scalar with an error keeps
/// its text, and the caller decides from the errors whether to go on.
///
/// `sources` is used to check whether a scalar's span maps byte for byte onto its text (a plain
/// scalar on one line): only then can a diagnostic point at the `${…}` inside it. Otherwise it
/// points at the whole scalar. Each scalar that took set variables' values is added to
/// `from_variables` by its span. `budget` is what interpolation may still add, in bytes, across
/// the project; past it, an error stops the walk.
pub fn interpolate_node(
    node: &mut Node,
    vars: &dyn Lookup,
    sources: &SourceMap,
    diags: &mut Vec<Diagnostic>,
    from_variables: &mut BTreeMap<Span, FromOutside>,
    budget: &mut usize,
) {
    // An explicit stack: the tree's depth comes from the user's file. With each node, whether
    // it is a list item (which may be a `NAME=value` entry).
    let mut stack: Vec<(&mut Node, bool)> = vec![(node, false)];
    while let Some((node, item)) = stack.pop() {
        if let NodeKind::Scalar { text, .. } = &node.kind {
            let before = text.len();
            if let Some(from) = interpolate_scalar(node, item, vars, sources, diags) {
                from_variables.insert(node.span, from);
            }
            let after = match &node.kind {
                NodeKind::Scalar { text, .. } => text.len(),
                _ => before,
            };
            let grown = after.saturating_sub(before);
            if grown > *budget {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidInterpolation,
                        format!("the project's values grow past {MAX_INTERPOLATED_TOTAL_BYTES} more bytes once their variables are put in"),
                    )
                    .at(node.span, "the budget runs out here")
                    .help("a variable with a long value is put into many places; shorten it, or refer to it in fewer places"),
                );
                return;
            }
            *budget -= grown;
            continue;
        }
        match &mut node.kind {
            NodeKind::Seq(items) => stack.extend(items.iter_mut().map(|n| (n, true))),
            NodeKind::Map(entries) => stack.extend(entries.iter_mut().map(|(_, v)| (v, false))),
            NodeKind::Scalar { .. } => {}
        }
    }
}

/// What the scalar took from set variables, if anything; `item` when it is a list item.
fn interpolate_scalar(
    node: &mut Node,
    item: bool,
    vars: &dyn Lookup,
    sources: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<FromOutside> {
    let span = node.span;
    let was_null = node.is_null();
    let NodeKind::Scalar { text, .. } = &mut node.kind else {
        return None;
    };
    if !text.contains('$') {
        return None;
    }
    let mut from_variables = None;
    let exact = sources
        .get(span.file)
        .is_some_and(|f| f.slice(span) == text.as_str());
    let locate = |range: &Range<usize>| {
        if exact {
            Span::new(
                span.file,
                span.start as usize + range.start,
                span.start as usize + range.end,
            )
        } else {
            span
        }
    };
    match interpolate(text, vars) {
        Ok(done) => {
            for u in &done.unset {
                diags.push(unset_diagnostic(&u.name, locate(&u.range)));
            }
            if !done.variables.is_empty() {
                let whole = whole_variable(text, item, &done, vars);
                from_variables = Some(FromOutside {
                    variables: done.variables,
                    key: whole,
                });
            }
            *text = done.value;
        }
        Err(e) => diags.push(error_diagnostic(&e.kind, locate(&e.range))),
    }
    // `${X}` with X empty is the string "", not YAML's null: in Compose the scalar was a string
    // before interpolation and stays one. Other tags (`!reset`, `!override`) are left as written.
    if !was_null && node.tag.is_none() && node.is_null() {
        node.tag = Some("!!str".to_string());
    }
    from_variables
}

/// The variable `done` is, whole, when `text` is one reference taken from a set variable — alone
/// or, in a list `item`, after the `NAME=` of a list-form `environment` entry
/// (`DB_PASSWORD=${DB_PASS}`).
fn whole_variable(
    text: &str,
    item: bool,
    done: &Interpolated,
    vars: &dyn Lookup,
) -> Option<String> {
    let [name] = done.variables.as_slice() else {
        return None;
    };
    let value = vars.get(name)?;
    let prefix = match text.find(['=', '$']) {
        Some(i) if item && text.as_bytes().get(i) == Some(&b'=') => text.get(..=i).unwrap_or(""),
        // A list item without `NAME=` before the reference takes its name from the value too.
        _ if item => return None,
        _ => "",
    };
    (done.value.len() == prefix.len() + value.len()
        && done.value.starts_with(prefix)
        && done.value.ends_with(value))
    .then(|| name.clone())
}

fn unset_diagnostic(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::UnsetVariable,
        format!("variable `{name}` is not set, using an empty string"),
    )
    .at(span, "not set")
    .help(format!(
        "set `{name}` in the environment or in the `.env` file, or give a default: `${{{name}:-default}}`"
    ))
}

fn error_diagnostic(kind: &InterpolationErrorKind, span: Span) -> Diagnostic {
    match kind {
        InterpolationErrorKind::Required { name, empty, .. } => {
            let label = if *empty {
                "set but empty; `:?` requires a non-empty value"
            } else {
                "required here"
            };
            Diagnostic::new(Code::RequiredVariable, kind.to_string())
                .at(span, label)
                .help(format!(
                    "set `{name}` in the environment or in the `.env` file"
                ))
        }
        _ => {
            let label = match kind {
                InterpolationErrorKind::Unterminated => "no closing `}`",
                InterpolationErrorKind::TooDeep => "nested too deeply",
                InterpolationErrorKind::TooLong => "the value grows too long here",
                _ => "invalid reference",
            };
            Diagnostic::new(
                Code::InvalidInterpolation,
                format!("invalid interpolation: {kind}"),
            )
            .at(span, label)
            .help("write `$$` for a literal `$`; Compose supports `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+replacement}` and `${VAR+replacement}`")
        }
    }
}

#[cfg(test)]
#[path = "interpolate_tests.rs"]
mod tests;
