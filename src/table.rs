//! The one macro that turns a table into a vocabulary enum.
//!
//! Every vocabulary of the crate (tissues, routes, processing steps, rule ids, …) is written as a
//! table: one row per variant, holding the machine name, the label for people and, where the
//! family has one, a row of facts (`info`). The macro derives from that single row:
//!
//! - the variant, with `#[serde(rename)]` and `#[strum(serialize)]` both set to the machine name,
//!   so that JSON, `Display` and `FromStr` can never disagree;
//! - `code()`, `label()`, `ALL`, `COUNT`, `iter()` and `CODES` (inherent, so that a caller
//!   iterates and counts a vocabulary without depending on strum);
//! - `FromStr` and `TryFrom<&str>`, failing with [`crate::UnknownCode`], which names the input
//!   and lists every allowed code (strum's derive would say only "Matching variant not found");
//! - `info()`, returning the `'static` row of facts, when the table has an info type;
//! - `#[non_exhaustive]`: every vocabulary may grow, so code outside the crate matches with a
//!   wildcard arm.
//!
//! Adding a variant is one row; the compiler then points at every `match` that must decide
//! something about it.

/// Defines a vocabulary enum from a table of rows.
///
/// Two forms:
///
/// ```text
/// vocab! { /// doc
///     pub enum Name { /// doc
///         Variant => "machine_name", "Label for people";
///     }
/// }
/// vocab! { /// doc
///     pub enum Name: InfoType { /// doc
///         Variant => "machine_name", "Label for people", InfoType { .. };
///     }
/// }
/// ```
macro_rules! vocab {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $info:ty {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => $code:literal, $label:literal, $row:expr;
            )+
        }
    ) => {
        vocab! {
            $(#[$meta])*
            $vis enum $name {
                $(
                    $(#[$vmeta])*
                    $variant => $code, $label;
                )+
            }
        }

        impl $name {
            /// The row of facts the crate's table holds for this variant.
            #[must_use]
            pub const fn info(self) -> &'static $info {
                match self {
                    $(Self::$variant => {
                        const ROW: $info = $row;
                        &ROW
                    })+
                }
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => $code:literal, $label:literal;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
            strum::Display, strum::IntoStaticStr, strum::AsRefStr,
        )]
        #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
        // Every vocabulary may grow: a new row must not break a user's `match`. (A table that
        // says so itself is fine: the repeated attribute is allowed.)
        #[allow(unused_attributes)]
        #[non_exhaustive]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $code)]
                #[strum(serialize = $code)]
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in table order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];

            /// How many variants the vocabulary has: `ALL.len()`.
            pub const COUNT: usize = Self::ALL.len();

            /// Every variant, in table order: `ALL` as an iterator.
            pub fn iter() -> std::iter::Copied<std::slice::Iter<'static, Self>> {
                Self::ALL.iter().copied()
            }

            /// Every machine name, in table order (the codes `FromStr` and JSON accept).
            pub const CODES: &'static [&'static str] = &[$($code,)+];

            /// The Rust name of every variant, in table order (parallel to `CODES`): lets the
            /// schema export write `Outcome::Met` as the code a JSON reader sees.
            #[allow(dead_code)]
            pub(crate) const VARIANT_NAMES: &'static [&'static str] = &[$(stringify!($variant),)+];

            /// The stable machine name: the same string in JSON, `Display` and `FromStr`.
            #[must_use]
            pub const fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }

            /// A short label for people, e.g. in a report or a form.
            #[must_use]
            pub const fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label,)+
                }
            }
        }

        // A `Codes` list stores a term by its position in the table, in one byte.
        const _: () = assert!($name::CODES.len() <= 256, "a vocabulary of more than 256 terms");

        impl crate::finding::Vocab for $name {
            // At most 256 variants (asserted above).
            #[allow(clippy::cast_possible_truncation)]
            #[inline]
            fn index(self) -> u8 {
                self as u8
            }

            #[inline]
            fn code_at(index: u8) -> &'static str {
                Self::CODES[usize::from(index)]
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::UnknownCode;

            /// Reads a machine name (exactly as [`Self::code`] writes it).
            fn from_str(s: &str) -> Result<Self, crate::UnknownCode> {
                match s {
                    $($code => Ok(Self::$variant),)+
                    _ => Err(crate::UnknownCode::new(stringify!($name), s, Self::CODES)),
                }
            }
        }

        impl TryFrom<&str> for $name {
            type Error = crate::UnknownCode;

            fn try_from(s: &str) -> Result<Self, crate::UnknownCode> {
                s.parse()
            }
        }
    };
}

pub(crate) use vocab;
