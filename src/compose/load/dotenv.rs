//! The `.env` / `env_file` format, parsed as compose-go's `dotenv` package parses it, because that
//! is what users have tested their files against.
//!
//! The file is a sequence of statements, not of lines: after a quoted value, parsing resumes right
//! after the closing quote, so `A="1" B=2` sets both and `A="1" # note` is a comment. The rules:
//!
//! - Blank space (newlines included) before a statement is skipped; a statement starting with `#`
//!   is a comment to the end of its line. A UTF-8 byte-order mark at the start is ignored.
//! - `export` followed by blank space is dropped before the name (`exportFOO=1` names
//!   `exportFOO`). A bare `export` line is ignored (compose-go reads an empty name there, which
//!   nothing can look up).
//! - A name is letters, digits, `_`, `.`, `-`, `[` and `]`; it ends at `=`, at `:` (YAML-style
//!   `KEY: value`) or at the end of the line. Blanks around it are dropped; blanks inside it are
//!   an error, as is any other character.
//! - A name alone (`KEY`) takes its value from the lookup environment only; when that does not
//!   set it, the entry has no value (the variable stays unset).
//! - After `=`, leading blanks are dropped. A value starting with `'` or `"` runs to the matching
//!   unescaped quote, across lines; `\'` / `\"` stand for the quote itself, and every other
//!   backslash is kept. Single-quoted values are otherwise literal. Double-quoted values then
//!   expand `\a \b \f \n \r \t \v \\ \" \$` and octal `\0NNN` (as compose-go does, so `\c` and
//!   `\x41` stay as written), and are interpolated.
//! - An unquoted value runs to the end of the line, is cut at the first ` #` (a `#` right after
//!   the `=` and its blanks is therefore part of the value, exactly as in compose-go), has
//!   trailing blanks trimmed, and is interpolated.
//! - Interpolation (see [`super::interpolate`]) looks a name up in the lookup environment first,
//!   then among the variables this file has set so far: compose-go's order, so the environment
//!   wins over the file even inside the file.
//!
//! This parser departs from compose-go only on input that compose-go turns into nonsense: an empty
//! name (`=value`) and a name containing a tab are errors here, and a name alone on the last line,
//! with no line break after it, is a name alone (compose-go stores its text as the value of an
//! empty name). The `raw` env_file format (no quotes, no interpolation) is not this parser's job.
//!
//! Errors name variables but never show values, which are often secrets.

use std::fmt;
use std::ops::Range;

use indexmap::IndexMap;

use super::interpolate::{
    interpolate, InterpolationError, InterpolationErrorKind, Lookup, UnsetVar,
};
use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Span};
use crate::yaml::limits::MAX_ENV_FILE_VALUE_BYTES;

/// One statement of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DotenvEntry {
    pub name: String,
    /// `None` for a name alone that the lookup environment does not set.
    pub value: Option<String>,
    /// 1-based line of the name.
    pub line: usize,
    /// Byte range of the statement in the file, from the name (or `export`) to the end of the
    /// value (its closing quote included).
    pub range: Range<usize>,
    /// Variables the value referred to without a default that are not set, with their ranges in
    /// the file (the whole value when escapes make the exact place unknowable).
    pub unset: Vec<UnsetVar>,
    /// The set variables whose values went into the value, in order.
    pub variables: Vec<String>,
}

/// A value read and interpolated: the value, its unset and its used variables.
type Expanded = (String, Vec<UnsetVar>, Vec<String>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DotenvError {
    pub message: String,
    /// 1-based line where the problem starts.
    pub line: usize,
    /// Byte range in the file.
    pub range: Range<usize>,
    pub kind: DotenvErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DotenvErrorKind {
    /// The file does not follow the format.
    Syntax,
    /// A value's interpolation failed (a required variable is missing, or a `${…}` is malformed).
    Interpolation(InterpolationErrorKind),
}

impl fmt::Display for DotenvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for DotenvError {}

/// Blank space within a line, as compose-go's `isSpace` (no line break).
fn is_blank(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{0b}' | '\u{0c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    )
}

fn is_name_char(c: char) -> bool {
    matches!(c, '_' | '.' | '-' | '[' | ']') || c.is_alphabetic() || c.is_numeric()
}

/// The variables set so far in the file, behind the caller's environment (compose-go's order).
struct EnvThenFile<'a> {
    env: &'a dyn Lookup,
    file: &'a IndexMap<String, String>,
}

impl Lookup for EnvThenFile<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.env
            .get(name)
            .or_else(|| self.file.get(name).map(String::as_str))
    }
}

struct Parser<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    lookup: &'a dyn Lookup,
    vars: IndexMap<String, String>,
}

/// Parses a `.env` file. Stops at the first error, as Compose does.
pub fn parse_dotenv(text: &str, lookup: &dyn Lookup) -> Result<Vec<DotenvEntry>, DotenvError> {
    let mut line_starts = vec![0];
    line_starts.extend(
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i + 1),
    );
    let mut parser = Parser {
        text,
        line_starts,
        lookup,
        vars: IndexMap::new(),
    };
    parser.run()
}

impl DotenvError {
    /// The error as a diagnostic located in the file `file`, which messages call `name`.
    pub fn diagnostic(&self, file: FileId, name: &str) -> Diagnostic {
        let code = match self.kind {
            DotenvErrorKind::Syntax => Code::InvalidEnvFile,
            DotenvErrorKind::Interpolation(_) => Code::InvalidInterpolation,
        };
        Diagnostic::new(code, format!("{name}: {}", self.message))
            .at(
                Span::new(file, self.range.start, self.range.end),
                format!("line {}", self.line),
            )
            .help(self.help())
    }

    /// What to change in the file.
    fn help(&self) -> &'static str {
        match self.kind {
            DotenvErrorKind::Interpolation(InterpolationErrorKind::TooLong) => {
                "a value refers to variables that refer to others; look for a line that repeats one, such as `A=${A}${A}`"
            }
            _ => "write `KEY=value` statements; quote values that hold spaces or `#`",
        }
    }
}

impl Parser<'_> {
    fn rest(&self, at: usize) -> &str {
        self.text.get(at..).unwrap_or("")
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    fn end_of_line(&self, at: usize) -> usize {
        self.rest(at).find('\n').map_or(self.text.len(), |p| at + p)
    }

    fn syntax(&self, message: impl Into<String>, range: Range<usize>) -> DotenvError {
        DotenvError {
            message: message.into(),
            line: self.line_of(range.start),
            range,
            kind: DotenvErrorKind::Syntax,
        }
    }

    /// The first offset at or after `at` that starts a statement, past blank space and comments.
    fn statement_start(&self, mut at: usize) -> Option<usize> {
        loop {
            let rest = self.rest(at);
            let skip = rest.find(|c: char| !c.is_whitespace())?;
            at += skip;
            if !self.rest(at).starts_with('#') {
                return Some(at);
            }
            at = self.end_of_line(at);
        }
    }

    fn run(&mut self) -> Result<Vec<DotenvEntry>, DotenvError> {
        let mut entries = Vec::new();
        let mut at = if self.text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let mut total = 0usize;
        while let Some(start) = self.statement_start(at) {
            let (entry, next) = self.statement(start)?;
            if let Some(entry) = entry {
                if let Some(value) = &entry.value {
                    // Each value is bounded by interpolation; so many of them are not.
                    total = total.saturating_add(value.len());
                    if total > MAX_ENV_FILE_VALUE_BYTES {
                        return Err(DotenvError {
                            message: format!(
                                "the values of the file grow past {MAX_ENV_FILE_VALUE_BYTES} bytes once their variables are put in"
                            ),
                            line: entry.line,
                            range: entry.range.clone(),
                            kind: DotenvErrorKind::Interpolation(InterpolationErrorKind::TooLong),
                        });
                    }
                    self.vars.insert(entry.name.clone(), value.clone());
                }
                entries.push(entry);
            }
            at = next;
        }
        Ok(entries)
    }

    /// Parses the statement at `start`; returns it (if it sets anything) and where to go on.
    fn statement(&self, start: usize) -> Result<(Option<DotenvEntry>, usize), DotenvError> {
        let mut key_start = start;
        let rest = self.rest(start);
        if let Some(after) = rest.strip_prefix("export") {
            // compose-go's `^export\s+`: Go's `\s` is ASCII blank space, line breaks included.
            // A bare `export` at the end of the file is ignored like one on a line of its own.
            if after.is_empty() || after.starts_with(['\t', '\n', '\u{0c}', '\r', ' ']) {
                let trimmed = after.trim_start_matches(is_blank);
                key_start = start + (rest.len() - trimmed.len());
                if trimmed.is_empty() || trimmed.starts_with('\n') {
                    return Ok((None, key_start));
                }
            }
        }

        // Find where the name ends, checking its characters on the way.
        let mut terminator = None;
        for (i, c) in self.rest(key_start).char_indices() {
            if is_blank(c) {
                continue;
            }
            match c {
                '=' | ':' | '\n' => {
                    terminator = Some((key_start + i, c));
                    break;
                }
                c if is_name_char(c) => {}
                c => {
                    let at = key_start + i;
                    return Err(self.syntax(
                        format!("unexpected character `{c}` in a variable name"),
                        at..at + c.len_utf8(),
                    ));
                }
            }
        }
        let key_end = terminator.map_or(self.text.len(), |(i, _)| i);
        let raw_key = self.text.get(key_start..key_end).unwrap_or("");
        let name = raw_key.trim_end_matches(char::is_whitespace);
        let name_range = key_start..key_start + name.len();
        if name.contains(char::is_whitespace) {
            return Err(self.syntax("a variable name cannot contain spaces", name_range));
        }
        let line = self.line_of(key_start);
        if let (true, Some((at, c))) = (name.is_empty(), terminator) {
            return Err(self.syntax(format!("missing variable name before `{c}`"), at..at + 1));
        }

        let Some((term_at, '=' | ':')) = terminator else {
            // A name alone: its value comes from the environment, if anywhere.
            let entry = DotenvEntry {
                name: name.to_string(),
                value: self.lookup.get(name).map(str::to_string),
                line,
                range: start..name_range.end,
                unset: Vec::new(),
                variables: Vec::new(),
            };
            let next = terminator.map_or(self.text.len(), |(i, _)| i + 1);
            return Ok((Some(entry), next));
        };
        let after_eq = self.rest(term_at + 1);
        let value_start =
            term_at + 1 + (after_eq.len() - after_eq.trim_start_matches(is_blank).len());
        let ((value, unset, variables), value_end, next) =
            match self.rest(value_start).chars().next() {
                Some(quote @ ('\'' | '"')) => self.quoted(name, value_start, quote)?,
                _ => self.unquoted(value_start)?,
            };
        let entry = DotenvEntry {
            name: name.to_string(),
            value: Some(value),
            line,
            range: start..value_end,
            unset,
            variables,
        };
        Ok((Some(entry), next))
    }

    /// An unquoted value at `start`: returns it, its unset variables, its end and where to go on.
    fn unquoted(&self, start: usize) -> Result<(Expanded, usize, usize), DotenvError> {
        let eol = self.end_of_line(start);
        let line = self.text.get(start..eol).unwrap_or("");
        let uncommented = line
            .find(" #")
            .map_or(line, |p| line.get(..p).unwrap_or(""));
        let raw = uncommented.trim_end_matches(char::is_whitespace);
        let end = start + raw.len();
        let expanded = self.interpolate(raw, Some(start), start..end)?;
        Ok((expanded, end, (eol + 1).min(self.text.len())))
    }

    /// A quoted value whose opening quote is at `start`.
    fn quoted(
        &self,
        name: &str,
        start: usize,
        quote: char,
    ) -> Result<(Expanded, usize, usize), DotenvError> {
        let body_start = start + 1;
        let mut raw = String::new();
        let mut escaped = false;
        let mut close = None;
        for (i, c) in self.rest(body_start).char_indices() {
            if escaped {
                escaped = false;
                // `\` + the quote is the quote; any other escaped character keeps its backslash
                // here (double-quoted values expand the rest below).
                if c != quote {
                    raw.push('\\');
                }
                raw.push(c);
            } else if c == '\\' {
                escaped = true;
            } else if c == quote {
                close = Some(body_start + i);
                break;
            } else {
                raw.push(c);
            }
        }
        let Some(close) = close else {
            return Err(self.syntax(
                format!("unterminated quoted value for `{name}`"),
                start..self.end_of_line(start),
            ));
        };
        let end = close + 1;
        if quote == '\'' {
            return Ok(((raw, Vec::new(), Vec::new()), end, end));
        }
        let expanded = expand_escapes(&raw);
        // Ranges map straight onto the file only when nothing was unescaped.
        let base =
            (self.text.get(body_start..close) == Some(expanded.as_str())).then_some(body_start);
        let expanded = self.interpolate(&expanded, base, start..end)?;
        Ok((expanded, end, end))
    }

    /// Interpolates `text`, which sits at `base` in the file when it maps byte for byte onto the
    /// file; otherwise (`None`) every range becomes `whole`.
    fn interpolate(
        &self,
        text: &str,
        base: Option<usize>,
        whole: Range<usize>,
    ) -> Result<Expanded, DotenvError> {
        let place = |r: Range<usize>| match base {
            Some(base) => base + r.start..base + r.end,
            None => whole.clone(),
        };
        let vars = EnvThenFile {
            env: self.lookup,
            file: &self.vars,
        };
        match interpolate(text, &vars) {
            Ok(done) => {
                let unset = done
                    .unset
                    .into_iter()
                    .map(|u| UnsetVar {
                        name: u.name,
                        range: place(u.range),
                    })
                    .collect();
                Ok((done.value, unset, done.variables))
            }
            Err(InterpolationError { kind, range }) => {
                let range = place(range);
                Err(DotenvError {
                    message: kind.to_string(),
                    line: self.line_of(range.start),
                    range,
                    kind: DotenvErrorKind::Interpolation(kind),
                })
            }
        }
    }
}

/// compose-go's `expandEscapes` for double-quoted values: its pattern
/// `\\(?:[abcfnrtv$"\\]|0\d{0,3})` and Go's `UnquoteChar` decide what each escape becomes.
fn expand_escapes(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let simple = match chars.peek() {
            Some('a') => Some("\u{07}"),
            Some('b') => Some("\u{08}"),
            Some('f') => Some("\u{0c}"),
            Some('n') => Some("\n"),
            Some('r') => Some("\r"),
            Some('t') => Some("\t"),
            Some('v') => Some("\u{0b}"),
            Some('"') => Some("\""),
            Some('\\') => Some("\\"),
            // `$$` is the interpolation's own escape for a literal `$`.
            Some('$') => Some("$$"),
            _ => None,
        };
        if let Some(s) = simple {
            chars.next();
            out.push_str(s);
            continue;
        }
        if chars.peek() != Some(&'0') {
            out.push('\\');
            continue;
        }
        chars.next();
        let mut digits = String::new();
        while digits.len() < 3 {
            match chars.peek() {
                Some(&d) if d.is_ascii_digit() => {
                    digits.push(d);
                    chars.next();
                }
                _ => break,
            }
        }
        // `\0NNN` is rewritten to `\NNN`, which Go reads as an octal byte when it is exactly
        // three octal digits up to 255; otherwise the rewritten text stays.
        match u8::from_str_radix(&digits, 8) {
            Ok(b) if digits.len() == 3 => out.push(char::from(b)),
            _ => {
                out.push('\\');
                out.push_str(&digits);
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "dotenv_tests.rs"]
mod tests;
