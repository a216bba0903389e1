//! Small pieces of diagnostic wording shared by every stage.

use std::fmt::Display;

/// `` `a`, `b`, `c` ``: names as they read in messages and help.
pub fn code_list<T: Display>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::code_list;

    #[test]
    fn lists_names_in_backticks() {
        assert_eq!(code_list(["a", "b"]), "`a`, `b`");
        assert_eq!(code_list(Vec::<String>::new()), "");
    }
}
