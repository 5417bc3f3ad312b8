//! Reasons: why a rule concluded what it did, one row of its engine's reason table each.
//!
//! Every sentence a finding gives as its reason is a row of a table: a stable **code** (what a
//! program matches on and the compact form writes) and its **text** (what the full form and
//! `Display` write). The rules never write free text; they name a row. Each engine keeps its
//! table in its own folder (`src/rules/us/reasons.rs`, …), declared with the `reasons!` macro;
//! [`Reason::all`] lists every row of every table, and [`Reason::from_code`] finds one.

use std::fmt;

/// **Why a rule concluded what it did**: one row of an engine's reason table, a stable code and
/// its sentence.
///
/// A [`Finding`](crate::Finding) names its reason by reference to the row; the full JSON form
/// writes both the code (`reason_code`) and the sentence (`reason`), the compact form the code
/// only. Codes start with a letter for the engine that gives them — `U` (US, 21 CFR 1271),
/// `E` (EU), `J` (Japan), `Q` (release quality), `O` (the patient's checklist for an offer),
/// `H` (the homologous-use reading the US, EU and Japanese rules share), `D` (an authority's
/// recorded determination) — followed by three digits. A code, once given, keeps its meaning;
/// a reason whose meaning changes gets a new code.
///
/// # Examples
///
/// ```
/// use msc_therapy::finding::Reason;
///
/// let every = Reason::all().count();
/// assert!(every > 100);
/// let first = Reason::all().next().unwrap();
/// assert_eq!(Reason::from_code(first.code()), Some(first));
/// assert_eq!(Reason::from_code("X999"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reason {
    code: &'static str,
    text: &'static str,
}

impl Reason {
    /// A row of a reason table.
    pub(crate) const fn new(code: &'static str, text: &'static str) -> Self {
        Self { code, text }
    }

    /// The stable code (`U012`).
    #[must_use]
    pub const fn code(&self) -> &'static str {
        self.code
    }

    /// The sentence, for people.
    #[must_use]
    pub const fn text(&self) -> &'static str {
        self.text
    }

    /// Every reason of every engine's table, in the order of the tables (US, quality, EU, Japan,
    /// offer, homologous use, determinations) and of their rows.
    pub fn all() -> impl Iterator<Item = &'static Reason> {
        crate::rules::REASON_TABLES
            .iter()
            .flat_map(|table| table.iter())
    }

    /// The reason with this code, if a table has it.
    #[must_use]
    pub fn from_code(code: &str) -> Option<&'static Reason> {
        Self::all().find(|reason| reason.code == code)
    }

    /// The reason with this sentence, if a table has it (reading an output written before
    /// findings carried their code).
    pub(crate) fn from_text(text: &str) -> Option<&'static Reason> {
        Self::all().find(|reason| reason.text == text)
    }
}

impl fmt::Display for Reason {
    /// The sentence.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

/// Declares an engine's reason table: one `const` per row and `ALL`, the rows in order. A row is
/// named as `&reasons::NAME`, a `&'static Reason`.
///
/// ```ignore
/// reasons! {
///     /// (optional doc)
///     NO_STEPS = "U001": "no processing steps are stated";
/// }
/// ```
macro_rules! reasons {
    ($($(#[$meta:meta])* $name:ident = $code:literal : $text:literal;)*) => {
        $(
            $(#[$meta])*
            pub(crate) const $name: $crate::Reason = $crate::Reason::new($code, $text);
        )*
        /// Every row of this table, in order.
        pub(crate) const ALL: &[$crate::Reason] = &[$($name),*];
    };
}
pub(crate) use reasons;
