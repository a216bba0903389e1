//! `KEYS` and `present_keys` for nested sections (`deploy`, `build`, `healthcheck`) whose settings
//! a later stage lowers or reports one by one, as [`Service::present_keys`] does for services.
//!
//! [`Service::present_keys`]: super::Service::present_keys

/// Implements the two for a struct whose fields are all `Option<Spanned<_>>`. The list must name
/// every field: an exhaustive pattern makes a missing one a compile error.
macro_rules! section_keys {
    ($ty:ident { $($field:ident = $key:literal),* $(,)? }) => {
        impl $ty {
            /// Every key of this section, in field order.
            pub const KEYS: &'static [&'static str] = &[$($key),*];

            /// The key and value span of every setting that is set, in field order.
            pub fn present_keys(&self) -> Vec<(&'static str, $crate::source::Span)> {
                let $ty { $($field),* } = self;
                let mut keys = Vec::new();
                $(
                    if let Some(value) = $field {
                        keys.push(($key, value.span));
                    }
                )*
                keys
            }
        }
    };
}
pub(crate) use section_keys;
