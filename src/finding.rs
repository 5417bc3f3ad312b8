//! Findings: what a rule concluded, on which facts, under which citation.
//!
//! A [`Finding`] holds data only: its [`RuleId`], outcome, severity, path, reason, facts and
//! missing facts. The rule's summary, citation and explanation live once, in the [`RuleId`]
//! table, and are looked up when a finding is displayed or written in the *full* JSON form
//! ([`Finding::summary`], [`Finding::citation`]), the way `http::StatusCode` gives its
//! `canonical_reason()`.
//!
//! Facts and missing paths are stored inline (up to [`Facts::INLINE`] and [`Paths::INLINE`]
//! entries), and the lists of vocabulary codes an engine writes by their index in the table (up
//! to [`Codes::INLINE`] codes, one byte each), so that building a finding does not touch the
//! heap; longer lists spill to one heap buffer. Text is a `Cow<'static, str>`: borrowed from
//! the crate's tables and the engines' code when an engine writes a finding, owned when a stored
//! finding is read back.
//!
//! Also here, what every finding refers to: the rule table ([`RuleId`], [`RuleInfo`]), what
//! settles a finding ([`Basis`]), the days the law changes on ([`ASRM_AMENDMENT_IN_FORCE`],
//! [`SOHO_APPLIES`]) and the last day the crate's knowledge of it reaches
//! ([`KNOWLEDGE_HORIZON`]), and what every report shares ([`Report`], its one-line
//! [`Headline`]).

pub use crate::law::{ASRM_AMENDMENT_IN_FORCE, Basis, KNOWLEDGE_HORIZON, SOHO_APPLIES};
pub use crate::reason::Reason;
pub use crate::report::{Headline, Report};
pub use crate::rule_id::{RuleId, RuleInfo};
use crate::table::vocab;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

vocab! {
    /// **What a rule concluded.**
    ///
    /// Rules fail closed: a rule answers [`Outcome::Met`] only on positive evidence. When a fact it
    /// needs is missing it answers [`Outcome::Undetermined`] and lists the missing facts — never
    /// "met" by default.
    pub enum Outcome {
        /// The requirement is met, on the facts given.
        Met => "met", "met";
        /// The requirement is not met.
        NotMet => "not_met", "not met";
        /// A fact the rule needs is missing, so it cannot decide.
        Undetermined => "undetermined", "undetermined";
        /// The rule does not apply to this product (e.g. passage limits for uncultured cells).
        NotApplicable => "not_applicable", "not applicable";
    }
}

vocab! {
    /// **How much a finding matters.**
    ///
    /// Ordered from most to least serious, so `min()` over findings gives the worst.
    pub enum Severity {
        /// Stops release, or stops the patient: the product must not be used as described.
        Blocking => "blocking", "blocking";
        /// Needs an answer or a fix before going ahead.
        Warning => "warning", "warning";
        /// For information; nothing to fix.
        Info => "info", "info";
    }
}

vocab! {
    /// **What part a fact played in a finding.**
    pub enum FactRole {
        /// A value read from the input document.
        Input => "input", "input";
        /// A threshold or limit the input was held against (from a policy or a regulation).
        Limit => "limit", "limit";
        /// A value the rule computed, e.g. a dose per kilogram.
        Derived => "derived", "derived";
    }
}

// ---------------------------------------------------------------------------------------------
// The two JSON forms
// ---------------------------------------------------------------------------------------------

thread_local! {
    /// Whether findings serialized on this thread are written in the compact form.
    static COMPACT: Cell<bool> = const { Cell::new(false) };
}

/// Whether a finding serialized (or described by a schema) now is in the compact form.
pub(crate) fn compact_form() -> bool {
    COMPACT.with(Cell::get)
}

/// Restores the previous form when dropped, also on unwinding.
struct FormGuard(bool);

impl Drop for FormGuard {
    fn drop(&mut self) {
        COMPACT.with(|form| form.set(self.0));
    }
}

/// Runs `f` with findings written in the compact form.
fn in_compact_form<R>(f: impl FnOnce() -> R) -> R {
    let _restore = FormGuard(COMPACT.with(|form| form.replace(true)));
    f()
}

/// **The compact JSON form of an output**: every [`Finding`] inside it is written with its rule
/// id and data only, without the rule's summary and citation, every [`Fact`] without its role
/// when that role is `input`, and a [`UsAssessment`](crate::UsAssessment) without the
/// consequence and citation of its classification (table text, looked up when read back).
///
/// Outputs serialize in the *full* form by default: each finding carries its rule's `summary`
/// and `citation`, for people and form builders. A registry that stores millions of results
/// needs only the data: the text is the same for every finding of a rule and is one lookup away
/// ([`RuleId::info`]). `Compact(&value)` writes `value` in the compact form; reading either form
/// back gives the same value (the text is looked up, never read). Both forms have exported JSON
/// Schemas: `product_assessment.schema.json` (full) and `product_assessment_compact.schema.json`
/// (compact), and likewise for every other output.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{Finding, Outcome, RuleId, Severity};
/// use msc_therapy::finding::Compact;
///
/// let finding = Finding::new(RuleId::QualityViabilityMinimum, Outcome::Met, Severity::Info);
/// let full = serde_json::to_string(&finding).unwrap();
/// let compact = serde_json::to_string(&Compact(&finding)).unwrap();
/// assert!(full.contains("\"citation\""));
/// assert_eq!(compact, r#"{"rule":"quality.viability.minimum","outcome":"met","severity":"info"}"#);
/// let back: Finding = serde_json::from_str(&compact).unwrap();
/// assert_eq!(back, finding);
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Compact<T>(pub T);

#[cfg(feature = "json")]
impl<T: Serialize> Compact<T> {
    /// The value as JSON without white space, in the compact form.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::{Finding, Outcome, RuleId, Severity};
    /// use msc_therapy::finding::Compact;
    ///
    /// let finding = Finding::new(RuleId::QualitySterility, Outcome::Met, Severity::Info);
    /// assert_eq!(Compact(&finding).to_json(), serde_json::to_string(&Compact(&finding)).unwrap());
    /// ```
    #[must_use]
    #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
    pub fn to_json(&self) -> String {
        // Every output serializes: string keys only, no fallible `Serialize` impl.
        crate::json::to_string(self).expect("an output document serializes")
    }

    /// Appends the value as JSON without white space, in the compact form, to `out`: a buffer
    /// reused from one result to the next keeps a registry's loop free of allocations for the
    /// output text.
    #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
    pub fn write_json(&self, out: &mut Vec<u8>) {
        // Every output serializes, and writing to a `Vec` cannot fail.
        crate::json::write(out, self).expect("an output document serializes");
    }
}

impl<T: Serialize> Serialize for Compact<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        in_compact_form(|| self.0.serialize(serializer))
    }
}

#[cfg(feature = "schemars")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Compact<T> {
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        format!("msc_therapy::Compact<{}>", T::schema_id()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        in_compact_form(|| T::json_schema(generator))
    }
}

/// `JsonSchema` for a type written in two forms: the schema of `$shape` in the full form, changed
/// by `$compact` (a function of the schema object) in the compact form, each with its own id so
/// that a generator keeps both.
#[cfg(feature = "schemars")]
macro_rules! two_forms_schema {
    ($ty:ty, $shape:ty, $name:literal, $compact:expr) => {
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }

            fn schema_id() -> std::borrow::Cow<'static, str> {
                if $crate::finding::compact_form() {
                    concat!("msc_therapy::", $name, "::compact").into()
                } else {
                    concat!("msc_therapy::", $name).into()
                }
            }

            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let mut schema = <$shape>::json_schema(generator);
                if $crate::finding::compact_form() {
                    if let Some(object) = schema.as_object_mut() {
                        let compact: fn(&mut serde_json::Map<String, serde_json::Value>) = $compact;
                        compact(object);
                    }
                }
                schema
            }
        }
    };
}

#[cfg(feature = "schemars")]
pub(crate) use two_forms_schema;

/// Whether a text copied from one of the crate's tables goes without saying in the form being
/// written: in the compact form, which writes ids and data and leaves table text to be looked up.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes `&T`
pub(crate) fn table_text_implied(_text: &&'static str) -> bool {
    compact_form()
}

/// Removes `field` from the `required` list of a schema object.
#[cfg(feature = "schemars")]
pub(crate) fn drop_required(object: &mut serde_json::Map<String, serde_json::Value>, field: &str) {
    if let Some(required) = object
        .get_mut("required")
        .and_then(|required| required.as_array_mut())
    {
        required.retain(|name| name != field);
    }
}

// ---------------------------------------------------------------------------------------------
// Inline lists
// ---------------------------------------------------------------------------------------------

/// Implements the list behaviour shared by [`Facts`], [`Paths`] and [`Codes`].
macro_rules! inline_list {
    ($name:ident, $item:ty, $inline:literal, $what:literal) => {
        impl $name {
            /// How many entries are stored without a heap allocation.
            pub const INLINE: usize = $inline;

            /// An empty list.
            #[must_use]
            pub fn new() -> Self {
                Self(SmallVec::new())
            }

            /// The entries, as a slice.
            #[must_use]
            pub fn as_slice(&self) -> &[$item] {
                &self.0
            }

            /// Removes every entry.
            pub fn clear(&mut self) {
                self.0.clear();
            }
        }

        impl std::ops::Deref for $name {
            type Target = [$item];

            fn deref(&self) -> &[$item] {
                &self.0
            }
        }

        impl<'a> IntoIterator for &'a $name {
            type Item = &'a $item;
            type IntoIter = std::slice::Iter<'a, $item>;

            fn into_iter(self) -> Self::IntoIter {
                self.0.iter()
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
                for item in &self.0 {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ListVisitor;

                impl<'de> Visitor<'de> for ListVisitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }

                    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<$name, A::Error> {
                        let mut list = $name::new();
                        while let Some(item) = seq.next_element::<$item>()? {
                            list.0.push(item);
                        }
                        Ok(list)
                    }
                }

                deserializer.deserialize_seq(ListVisitor)
            }
        }

        #[cfg(feature = "schemars")]
        impl schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> Cow<'static, str> {
                <Vec<$item>>::schema_name()
            }

            fn schema_id() -> Cow<'static, str> {
                <Vec<$item>>::schema_id()
            }

            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                <Vec<$item>>::json_schema(generator)
            }
        }
    };
}

/// **The facts of one finding**, stored inline up to [`Facts::INLINE`] entries.
///
/// It dereferences to `[Fact]`, so `facts.iter()`, `facts.len()` and `facts[0]` work as on a
/// `Vec<Fact>`, and serializes as a JSON array.
///
/// # Examples
///
/// ```
/// use msc_therapy::finding::{Fact, Facts};
///
/// let facts: Facts = vec![Fact::flag("release.sterility.passed", true)].into();
/// assert_eq!(facts.len(), 1);
/// assert_eq!(facts[0].name, "release.sterility.passed");
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facts(SmallVec<[Fact; 4]>);

inline_list!(Facts, Fact, 4, "a list of facts");

impl Facts {
    /// Adds a fact at the end.
    #[inline]
    pub fn push(&mut self, fact: Fact) {
        self.0.push(fact);
    }

    /// Makes room for at least `additional` more facts, in one allocation if they do not fit
    /// inline.
    #[inline]
    pub fn reserve(&mut self, additional: usize) {
        self.0.reserve(additional);
    }

    /// Keeps only the facts for which `keep` is true.
    pub(crate) fn retain(&mut self, keep: impl FnMut(&mut Fact) -> bool) {
        self.0.retain(keep);
    }

    /// Inserts a fact at `index`, shifting the later ones.
    ///
    /// # Panics
    ///
    /// If `index` is greater than the number of facts, as `Vec::insert` does.
    pub fn insert(&mut self, index: usize, fact: Fact) {
        self.0.insert(index, fact);
    }
}

impl IntoIterator for Facts {
    type Item = Fact;
    type IntoIter = FactsIntoIter;

    fn into_iter(self) -> FactsIntoIter {
        FactsIntoIter(self.0.into_iter())
    }
}

/// **The facts of a [`Facts`] list, by value**, in order: what `for fact in facts` iterates.
#[derive(Debug, Clone)]
pub struct FactsIntoIter(smallvec::IntoIter<[Fact; 4]>);

impl Iterator for FactsIntoIter {
    type Item = Fact;

    fn next(&mut self) -> Option<Fact> {
        self.0.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for FactsIntoIter {
    fn next_back(&mut self) -> Option<Fact> {
        self.0.next_back()
    }
}

impl ExactSizeIterator for FactsIntoIter {}

impl From<Vec<Fact>> for Facts {
    fn from(facts: Vec<Fact>) -> Self {
        Self(facts.into_iter().collect())
    }
}

impl<const N: usize> From<[Fact; N]> for Facts {
    fn from(facts: [Fact; N]) -> Self {
        Self(facts.into_iter().collect())
    }
}

impl FromIterator<Fact> for Facts {
    fn from_iter<I: IntoIterator<Item = Fact>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl Extend<Fact> for Facts {
    fn extend<I: IntoIterator<Item = Fact>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl PartialEq<Vec<Fact>> for Facts {
    fn eq(&self, other: &Vec<Fact>) -> bool {
        self.0.as_slice() == other.as_slice()
    }
}

/// Implements the text-list behaviour shared by [`Paths`] and [`Codes`].
macro_rules! text_list {
    ($name:ident) => {
        impl $name {
            /// Adds an entry at the end.
            pub fn push(&mut self, text: impl Into<Cow<'static, str>>) {
                self.0.push(text.into());
            }

            /// Whether the list holds `text`.
            ///
            /// Takes any string-like reference, so that `list.contains(&"tissue")` and
            /// `list.contains(&path)` read as they would on a `Vec<&str>`.
            #[must_use]
            pub fn contains<S: AsRef<str> + ?Sized>(&self, text: &S) -> bool {
                let text = text.as_ref();
                self.0.iter().any(|entry| entry == text)
            }

            /// The entries as `&str`.
            pub fn iter_str(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
                self.0.iter().map(|entry| &**entry)
            }
        }

        impl From<Vec<&'static str>> for $name {
            fn from(list: Vec<&'static str>) -> Self {
                list.into_iter().collect()
            }
        }

        impl<const N: usize> From<[&'static str; N]> for $name {
            fn from(list: [&'static str; N]) -> Self {
                list.into_iter().collect()
            }
        }

        impl From<&[&'static str]> for $name {
            fn from(list: &[&'static str]) -> Self {
                list.iter().copied().collect()
            }
        }

        impl FromIterator<&'static str> for $name {
            fn from_iter<I: IntoIterator<Item = &'static str>>(iter: I) -> Self {
                Self(iter.into_iter().map(Cow::Borrowed).collect())
            }
        }

        impl<'a> PartialEq<Vec<&'a str>> for $name {
            fn eq(&self, other: &Vec<&'a str>) -> bool {
                self.0.len() == other.len() && self.iter_str().zip(other).all(|(a, b)| a == *b)
            }
        }

        impl<'a> PartialEq<[&'a str]> for $name {
            fn eq(&self, other: &[&'a str]) -> bool {
                self.0.len() == other.len() && self.iter_str().zip(other).all(|(a, b)| a == *b)
            }
        }

        impl<'a, const N: usize> PartialEq<[&'a str; N]> for $name {
            fn eq(&self, other: &[&'a str; N]) -> bool {
                self == other.as_slice()
            }
        }
    };
}

/// **The dotted input paths a finding lacks** (`release.viability`), stored inline up to
/// [`Paths::INLINE`] entries.
///
/// It dereferences to a slice, compares equal to a `Vec<&str>` or an array of `&str` with the
/// same entries, and serializes as a JSON array of strings.
///
/// # Examples
///
/// ```
/// use msc_therapy::finding::Paths;
///
/// let missing: Paths = vec!["tissue", "donor"].into();
/// assert!(missing.contains(&"donor"));
/// assert_eq!(missing, vec!["tissue", "donor"]);
/// assert_eq!(missing.join(", "), "tissue, donor");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Paths(SmallVec<[Cow<'static, str>; 3]>);

inline_list!(Paths, Cow<'static, str>, 3, "a list of dotted input paths");
text_list!(Paths);

/// A vocabulary whose codes a [`Codes`] list stores by their index in the table (one byte each)
/// rather than as strings: every enum `vocab!` defines.
pub(crate) trait Vocab: Copy {
    /// The variant's position in its table.
    fn index(self) -> u8;
    /// The machine name at a position of the table.
    fn code_at(index: u8) -> &'static str;
}

/// How many codes of one vocabulary a [`Codes`] list holds without a heap allocation.
const VOCAB_INLINE: usize = 15;

#[derive(Clone)]
enum CodesRepr {
    /// Up to [`VOCAB_INLINE`] codes of one vocabulary table, by index: what the engines write.
    Vocab {
        code_at: fn(u8) -> &'static str,
        len: u8,
        index: [u8; VOCAB_INLINE],
    },
    /// One code.
    One(&'static str),
    /// Any other list: codes not from one table, a list read back, a long list.
    List(Vec<Cow<'static, str>>),
}

/// **A list of machine names held by one fact**, e.g. the codes of a product's processing
/// steps.
///
/// The codes an engine writes come from one vocabulary table and are stored inline, one byte
/// each (up to [`Codes::INLINE`] codes, with no heap allocation and no copied text); a single
/// code is stored inline whatever its source; any other list, and a list read back from JSON,
/// is a heap list that owns its text. Which storage a list uses is invisible: two lists with the
/// same codes in the same order are equal, hash alike and serialize alike, as a JSON array of
/// strings.
///
/// # Examples
///
/// ```
/// use msc_therapy::finding::Codes;
/// use msc_therapy::vocab::ProcessingStep;
///
/// let steps = [ProcessingStep::CultureExpansion, ProcessingStep::Cryopreservation];
/// let codes: Codes = steps.iter().map(|s| s.code()).collect();
/// assert_eq!(codes, vec!["culture_expansion", "cryopreservation"]);
/// assert_eq!(codes.len(), 2);
/// assert_eq!(codes.get(1), Some("cryopreservation"));
/// assert_eq!(codes.join(", "), "culture_expansion, cryopreservation");
/// ```
#[derive(Clone)]
pub struct Codes(CodesRepr);

impl Codes {
    /// How many codes of one vocabulary are stored without a heap allocation.
    pub const INLINE: usize = VOCAB_INLINE;

    /// An empty list.
    #[must_use]
    pub const fn new() -> Self {
        Self(CodesRepr::List(Vec::new()))
    }

    /// The codes of vocabulary terms, stored by index when they fit inline.
    pub(crate) fn of_terms<T: Vocab>(terms: impl IntoIterator<Item = T>) -> Self {
        let mut index = [0_u8; VOCAB_INLINE];
        let mut len = 0_usize;
        let mut terms = terms.into_iter();
        for term in terms.by_ref() {
            if len == VOCAB_INLINE {
                // Too long for the inline form: the whole list as text.
                let mut list: Vec<Cow<'static, str>> =
                    Vec::with_capacity(len + 1 + terms.size_hint().0);
                list.extend(index.iter().map(|&i| Cow::Borrowed(T::code_at(i))));
                list.push(Cow::Borrowed(T::code_at(term.index())));
                list.extend(terms.map(|t| Cow::Borrowed(T::code_at(t.index()))));
                return Self(CodesRepr::List(list));
            }
            index[len] = term.index();
            len += 1;
        }
        Self(CodesRepr::Vocab {
            code_at: T::code_at,
            // At most VOCAB_INLINE (15).
            #[allow(clippy::cast_possible_truncation)]
            len: len as u8,
            index,
        })
    }

    /// How many codes the list holds.
    #[must_use]
    pub fn len(&self) -> usize {
        match &self.0 {
            CodesRepr::Vocab { len, .. } => usize::from(*len),
            CodesRepr::One(_) => 1,
            CodesRepr::List(list) => list.len(),
        }
    }

    /// Whether the list is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code at `index`, if the list is that long.
    #[must_use]
    pub fn get(&self, index: usize) -> Option<&str> {
        match &self.0 {
            CodesRepr::Vocab {
                code_at,
                len,
                index: codes,
            } => (index < usize::from(*len)).then(|| code_at(codes[index])),
            CodesRepr::One(code) => (index == 0).then_some(*code),
            CodesRepr::List(list) => list.get(index).map(|code| &**code),
        }
    }

    /// The codes, in order.
    #[must_use]
    pub fn iter(&self) -> CodesIter<'_> {
        CodesIter {
            codes: self,
            front: 0,
            back: self.len(),
        }
    }

    /// The codes as `&str` (the same as [`Codes::iter`]).
    pub fn iter_str(&self) -> CodesIter<'_> {
        self.iter()
    }

    /// Whether the list holds `code`.
    ///
    /// Takes any string-like reference, so that `list.contains(&"culture_expansion")` and
    /// `list.contains(&code)` read as they would on a `Vec<&str>`.
    #[must_use]
    pub fn contains<S: AsRef<str> + ?Sized>(&self, code: &S) -> bool {
        let code = code.as_ref();
        self.iter().any(|entry| entry == code)
    }

    /// The codes joined by `separator`.
    #[must_use]
    pub fn join(&self, separator: &str) -> String {
        let mut out = String::new();
        for (i, code) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(separator);
            }
            out.push_str(code);
        }
        out
    }

    /// The codes as a `Vec` of `&str`.
    #[must_use]
    pub fn to_vec(&self) -> Vec<&str> {
        self.iter().collect()
    }

    /// Adds a code at the end.
    pub fn push(&mut self, code: impl Into<Cow<'static, str>>) {
        let mut list = match std::mem::replace(&mut self.0, CodesRepr::List(Vec::new())) {
            // The codes of the inline forms are `'static`: borrowed, not copied.
            CodesRepr::Vocab {
                code_at,
                len,
                index,
            } => index[..usize::from(len)]
                .iter()
                .map(|&i| Cow::Borrowed(code_at(i)))
                .collect(),
            CodesRepr::One(code) => vec![Cow::Borrowed(code)],
            CodesRepr::List(list) => list,
        };
        list.push(code.into());
        self.0 = CodesRepr::List(list);
    }

    /// Removes every code.
    pub fn clear(&mut self) {
        self.0 = CodesRepr::List(Vec::new());
    }
}

impl Default for Codes {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Codes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Codes {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Codes {}

impl std::hash::Hash for Codes {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_usize(self.len());
        for code in self {
            code.hash(state);
        }
    }
}

/// **The codes of a [`Codes`] list, in order**, as `&str`.
#[derive(Debug, Clone)]
pub struct CodesIter<'a> {
    codes: &'a Codes,
    front: usize,
    back: usize,
}

impl<'a> Iterator for CodesIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.front == self.back {
            return None;
        }
        let code = self.codes.get(self.front);
        self.front += 1;
        code
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.back - self.front;
        (left, Some(left))
    }
}

impl DoubleEndedIterator for CodesIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.front == self.back {
            return None;
        }
        self.back -= 1;
        self.codes.get(self.back)
    }
}

impl ExactSizeIterator for CodesIter<'_> {}

impl<'a> IntoIterator for &'a Codes {
    type Item = &'a str;
    type IntoIter = CodesIter<'a>;

    fn into_iter(self) -> CodesIter<'a> {
        self.iter()
    }
}

impl Serialize for Codes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for code in self {
            seq.serialize_element(code)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Codes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Cow<'static, str>>::deserialize(deserializer).map(|list| Self(CodesRepr::List(list)))
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Codes {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        <Vec<String>>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        <Vec<String>>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<String>>::json_schema(generator)
    }
}

impl FromIterator<&'static str> for Codes {
    fn from_iter<I: IntoIterator<Item = &'static str>>(iter: I) -> Self {
        let mut iter = iter.into_iter();
        let Some(first) = iter.next() else {
            return Self::new();
        };
        let Some(second) = iter.next() else {
            return Self(CodesRepr::One(first));
        };
        let mut list = Vec::with_capacity(2 + iter.size_hint().0);
        list.push(Cow::Borrowed(first));
        list.push(Cow::Borrowed(second));
        list.extend(iter.map(Cow::Borrowed));
        Self(CodesRepr::List(list))
    }
}

impl From<Vec<&'static str>> for Codes {
    fn from(list: Vec<&'static str>) -> Self {
        list.into_iter().collect()
    }
}

impl<const N: usize> From<[&'static str; N]> for Codes {
    fn from(list: [&'static str; N]) -> Self {
        list.into_iter().collect()
    }
}

impl From<&[&'static str]> for Codes {
    fn from(list: &[&'static str]) -> Self {
        list.iter().copied().collect()
    }
}

impl<'a> PartialEq<Vec<&'a str>> for Codes {
    fn eq(&self, other: &Vec<&'a str>) -> bool {
        self == other.as_slice()
    }
}

impl<'a> PartialEq<[&'a str]> for Codes {
    fn eq(&self, other: &[&'a str]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

impl<'a, const N: usize> PartialEq<[&'a str; N]> for Codes {
    fn eq(&self, other: &[&'a str; N]) -> bool {
        self == other.as_slice()
    }
}

// ---------------------------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------------------------

/// **The value of a fact.**
///
/// Serialized untagged: a JSON boolean, number, string or array of strings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum FactValue {
    /// A yes/no fact.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A text, usually a machine name from the vocabulary.
    Text(Cow<'static, str>),
    /// Several machine names, e.g. processing steps.
    Codes(Codes),
}

impl<'de> Deserialize<'de> for FactValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;

        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = FactValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean, a number, a string or an array of strings")
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<FactValue, E> {
                Ok(FactValue::Bool(v))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<FactValue, E> {
                Ok(FactValue::Number(v))
            }

            #[allow(clippy::cast_precision_loss)]
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FactValue, E> {
                Ok(FactValue::Number(v as f64))
            }

            #[allow(clippy::cast_precision_loss)]
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FactValue, E> {
                Ok(FactValue::Number(v as f64))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<FactValue, E> {
                Ok(FactValue::Text(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<FactValue, E> {
                Ok(FactValue::Text(Cow::Owned(v)))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FactValue, A::Error> {
                let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(16));
                while let Some(code) = seq.next_element::<Cow<'static, str>>()? {
                    list.push(code);
                }
                Ok(FactValue::Codes(Codes(CodesRepr::List(list))))
            }
        }

        deserializer.deserialize_any(ValueVisitor)
    }
}

impl fmt::Display for FactValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bool(b) => write!(f, "{}", if *b { "yes" } else { "no" }),
            Self::Number(n) => crate::units::write_scientific(f, *n),
            Self::Text(t) => f.write_str(t),
            Self::Codes(codes) if codes.is_empty() => f.write_str("none"),
            Self::Codes(codes) => {
                for (i, code) in codes.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(code)?;
                }
                Ok(())
            }
        }
    }
}

/// **One fact a rule used**: a name (usually the dotted path of an input field, such as
/// `release.viability`), its value, its unit and its role.
///
/// # Examples
///
/// ```
/// use msc_therapy::finding::{Fact, FactRole};
///
/// let fact = Fact::number("release.viability", 65.0).with_unit("%");
/// assert_eq!(fact.role, FactRole::Input);
/// assert_eq!(fact.to_string(), "release.viability = 65 %");
/// ```
///
/// In JSON the full form writes every fact's `role`; the [`Compact`] form leaves it out when it
/// is `input`, the role of most facts. A fact read without a `role` is an input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Fact {
    /// What the fact is: an input path like `release.viability` or a policy field.
    pub name: Cow<'static, str>,
    /// Its value.
    pub value: FactValue,
    /// Its unit, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Cow<'static, str>>,
    /// Input, limit or derived.
    #[serde(default = "FactRole::input", skip_serializing_if = "FactRole::implied")]
    pub role: FactRole,
}

impl FactRole {
    /// The role of a fact read without one.
    const fn input() -> Self {
        Self::Input
    }

    /// Whether the role goes without saying in the form being written: `input`, in the
    /// compact form.
    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes `&T`
    fn implied(&self) -> bool {
        *self == Self::Input && compact_form()
    }
}

/// **One fact a rule used**: a name (usually the dotted path of an input field), its value, its
/// unit and its role (`input` when left out).
#[cfg(feature = "schemars")]
#[derive(schemars::JsonSchema)]
#[serde(rename = "Fact", deny_unknown_fields)]
#[allow(dead_code)]
struct FactSchema {
    /// What the fact is: an input path like `release.viability` or a policy field.
    name: String,
    /// Its value.
    value: FactValue,
    /// Its unit, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    /// Input, limit or derived (full form: always written; compact form: left out when
    /// `input`).
    role: FactRole,
}

#[cfg(feature = "schemars")]
two_forms_schema!(Fact, FactSchema, "Fact", |object| {
    // The role may be left out: it is then `input`.
    drop_required(object, "role");
    if let Some(role) = object
        .get_mut("properties")
        .and_then(|properties| properties.get_mut("role"))
        .and_then(|role| role.as_object_mut())
    {
        role.insert("default".to_owned(), "input".into());
    }
});

impl Fact {
    /// An input fact with any value.
    #[must_use]
    pub const fn new(name: &'static str, value: FactValue) -> Self {
        Self {
            name: Cow::Borrowed(name),
            value,
            unit: None,
            role: FactRole::Input,
        }
    }

    /// An input number.
    #[must_use]
    pub const fn number(name: &'static str, value: f64) -> Self {
        Self::new(name, FactValue::Number(value))
    }

    /// An input yes/no fact.
    #[must_use]
    pub const fn flag(name: &'static str, value: bool) -> Self {
        Self::new(name, FactValue::Bool(value))
    }

    /// An input date, written `YYYY-MM-DD`.
    #[must_use]
    pub fn date(name: &'static str, date: impl Into<crate::IsoDate>) -> Self {
        Self::new(name, FactValue::Text(Cow::Owned(date.into().to_string())))
    }

    /// An input machine name (from a vocabulary enum).
    #[must_use]
    pub const fn code(name: &'static str, code: &'static str) -> Self {
        Self::new(name, FactValue::Text(Cow::Borrowed(code)))
    }

    /// An input list of machine names.
    ///
    /// The same as [`Fact::code_list`], from a `Vec`.
    #[must_use]
    pub fn codes(name: &'static str, codes: Vec<&'static str>) -> Self {
        Self::code_list(name, codes)
    }

    /// An input list of machine names, from any list or iterator of `'static` codes, e.g.
    /// `Fact::code_list("processing.steps", steps.iter().map(|s| s.code()))`. One code is stored
    /// inline; a longer list is one heap list that borrows the codes (the engines store their
    /// vocabulary lists by table index instead, inline, see [`Codes`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::finding::Fact;
    /// use msc_therapy::vocab::ProcessingStep;
    ///
    /// let steps = [ProcessingStep::CultureExpansion];
    /// let fact = Fact::code_list("processing.steps", steps.iter().map(|s| s.code()));
    /// assert_eq!(fact.to_string(), "processing.steps = culture_expansion");
    /// ```
    #[must_use]
    pub fn code_list(name: &'static str, codes: impl IntoIterator<Item = &'static str>) -> Self {
        Self::new(name, FactValue::Codes(codes.into_iter().collect()))
    }

    /// An input list of vocabulary terms, stored by index (see [`Codes`]).
    pub(crate) fn terms<T: Vocab>(name: &'static str, terms: impl IntoIterator<Item = T>) -> Self {
        Self::new(name, FactValue::Codes(Codes::of_terms(terms)))
    }

    /// The same fact with a unit.
    #[must_use]
    #[inline]
    pub fn with_unit(mut self, unit: &'static str) -> Self {
        self.unit = Some(Cow::Borrowed(unit));
        self
    }

    /// The same fact, marked as a limit.
    #[must_use]
    #[inline]
    pub const fn as_limit(mut self) -> Self {
        self.role = FactRole::Limit;
        self
    }

    /// The same fact, marked as derived.
    #[must_use]
    #[inline]
    pub const fn as_derived(mut self) -> Self {
        self.role = FactRole::Derived;
        self
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {}", self.name, self.value)?;
        if let Some(unit) = &self.unit {
            write!(f, " {unit}")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

/// **One conclusion of one rule**: the shape of every result in the crate.
///
/// Like `validator`'s `{code, message, params}`: [`Finding::rule`] is the stable code,
/// [`Finding::facts`] the parameters, and the message is produced when the finding is displayed.
/// A finding holds data only; its rule's summary, citation and explanation come from the
/// [`RuleId`] table ([`Finding::summary`], [`Finding::citation`], [`Finding::explanation`]).
/// `path` says where in the input document the problem lies.
///
/// In JSON a finding has two forms. The *full* form (the default) adds `summary` and `citation`
/// from the table, for people and form builders; the *compact* form ([`Compact`]) writes the rule
/// id and the data only. Both read back into the same finding: the text is never read, only
/// looked up. Empty `facts` and `missing` lists are left out when written, so an absent list
/// reads back as empty.
///
/// # Examples
///
/// ```
/// use msc_therapy::{Finding, Outcome, RuleId, Severity};
/// use msc_therapy::finding::Fact;
///
/// let finding = Finding::new(RuleId::QualityViabilityMinimum, Outcome::NotMet, Severity::Blocking)
///     .at("release.viability")
///     .fact(Fact::number("release.viability", 65.0).with_unit("%"))
///     .fact(Fact::number("policy.min_viability_percent", 70.0).with_unit("%").as_limit());
/// assert_eq!(finding.citation(), RuleId::QualityViabilityMinimum.info().citation);
/// assert!(finding.to_string().contains("release.viability = 65 %"));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Finding {
    /// The rule's stable id.
    pub rule: RuleId,
    /// What the rule concluded.
    pub outcome: Outcome,
    /// How much it matters.
    pub severity: Severity,
    /// Where in the input the problem lies, as a dotted path (`release.viability`).
    pub path: Option<Cow<'static, str>>,
    /// Why the rule concluded what it did, when the facts alone do not say: a row of its engine's
    /// reason table (a stable code and one sentence).
    pub reason: Option<&'static crate::Reason>,
    /// The facts the rule used.
    pub facts: Facts,
    /// Facts the rule needed and did not have (dotted input paths).
    pub missing: Paths,
    /// What settles the conclusion: the kind of source it rests on. Starts as the rule's
    /// default ([`RuleId::basis`]); a rule sets another where its reason rests on one (a court
    /// decision that leaves the question open, or only the crate's own reading).
    pub basis: crate::Basis,
}

impl Finding {
    /// A finding with no facts yet.
    #[must_use]
    #[inline]
    pub fn new(rule: RuleId, outcome: Outcome, severity: Severity) -> Self {
        Self {
            rule,
            outcome,
            severity,
            path: None,
            reason: None,
            facts: Facts::new(),
            missing: Paths::new(),
            basis: rule.basis(),
        }
    }

    /// Sets what settles the conclusion ([`Finding::basis`]).
    #[must_use]
    #[inline]
    pub fn based_on(mut self, basis: crate::Basis) -> Self {
        self.basis = basis;
        self
    }

    /// Sets where in the input the finding points.
    #[must_use]
    #[inline]
    pub fn at(mut self, path: &'static str) -> Self {
        self.path = Some(Cow::Borrowed(path));
        self
    }

    /// Sets the reason (a row of a reason table).
    #[must_use]
    #[inline]
    pub fn because(mut self, reason: &'static crate::Reason) -> Self {
        self.reason = Some(reason);
        self
    }

    /// Adds a fact.
    #[must_use]
    #[inline]
    pub fn fact(mut self, fact: Fact) -> Self {
        self.facts.push(fact);
        self
    }

    /// Records a missing fact (its dotted input path).
    #[must_use]
    #[inline]
    pub fn missing(mut self, path: &'static str) -> Self {
        self.missing.push(path);
        self
    }

    /// The rule's one-line summary, from the [`RuleId`] table.
    #[must_use]
    pub const fn summary(&self) -> &'static str {
        self.rule.info().summary
    }

    /// The rule's citation, from the [`RuleId`] table.
    #[must_use]
    pub const fn citation(&self) -> &'static str {
        self.rule.info().citation
    }

    /// The rule's longer explanation for people who do not know the field, from the [`RuleId`]
    /// table.
    #[must_use]
    pub const fn explanation(&self) -> &'static str {
        self.rule.info().explanation
    }

    /// The first fact with this name, if any.
    #[must_use]
    pub fn fact_named(&self, name: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.name == name)
    }
}

impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let full = !compact_form();
        let basis = full || self.basis != self.rule.basis();
        let len = 3
            + usize::from(basis)
            + 2 * usize::from(full)
            + usize::from(self.path.is_some())
            + usize::from(self.reason.is_some()) * (1 + usize::from(full))
            + usize::from(!self.facts.is_empty())
            + usize::from(!self.missing.is_empty());
        let mut out = serializer.serialize_struct("Finding", len)?;
        out.serialize_field("rule", &self.rule)?;
        out.serialize_field("outcome", &self.outcome)?;
        out.serialize_field("severity", &self.severity)?;
        if full {
            out.serialize_field("summary", self.summary())?;
            out.serialize_field("citation", self.citation())?;
        }
        if basis {
            out.serialize_field("basis", &self.basis)?;
        }
        if let Some(path) = &self.path {
            out.serialize_field("path", path)?;
        }
        if let Some(reason) = self.reason {
            out.serialize_field("reason_code", reason.code())?;
            if full {
                out.serialize_field("reason", reason.text())?;
            }
        }
        if !self.facts.is_empty() {
            out.serialize_field("facts", &self.facts)?;
        }
        if !self.missing.is_empty() {
            out.serialize_field("missing", &self.missing)?;
        }
        out.end()
    }
}

/// A finding as it is read: either form. `summary` and `citation`, when present, are accepted
/// and ignored: they are the rule's text, looked up from the id.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Finding")]
struct FindingRepr {
    rule: RuleId,
    outcome: Outcome,
    severity: Severity,
    #[serde(default)]
    #[allow(dead_code)]
    summary: Option<de::IgnoredAny>,
    #[serde(default)]
    #[allow(dead_code)]
    citation: Option<de::IgnoredAny>,
    #[serde(default)]
    basis: Option<crate::Basis>,
    #[serde(default)]
    path: Option<Cow<'static, str>>,
    #[serde(default)]
    reason_code: Option<Cow<'static, str>>,
    #[serde(default)]
    reason: Option<Cow<'static, str>>,
    #[serde(default)]
    facts: Facts,
    #[serde(default)]
    missing: Paths,
}

impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let repr = FindingRepr::deserialize(deserializer)?;
        // The code names the row; a sentence alone (an output written before findings carried
        // their code) is looked up by its text. Both must name the same row.
        let reason = match (repr.reason_code.as_deref(), repr.reason.as_deref()) {
            (Some(code), text) => {
                let reason = crate::Reason::from_code(code).ok_or_else(|| {
                    de::Error::custom(format_args!("unknown reason code `{code}`"))
                })?;
                if text.is_some_and(|text| text != reason.text()) {
                    return Err(de::Error::custom(format_args!(
                        "the reason does not match the text of reason code `{code}`"
                    )));
                }
                Some(reason)
            }
            (None, Some(text)) => Some(
                crate::Reason::from_text(text)
                    .ok_or_else(|| de::Error::custom("a reason that is in no reason table"))?,
            ),
            (None, None) => None,
        };
        Ok(Self {
            rule: repr.rule,
            outcome: repr.outcome,
            severity: repr.severity,
            path: repr.path,
            reason,
            facts: repr.facts,
            missing: repr.missing,
            basis: repr.basis.unwrap_or_else(|| repr.rule.basis()),
        })
    }
}

/// **One conclusion of one rule**: the shape of every result in the crate.
///
/// `rule` is the stable code, `facts` the parameters; `path` says where in the input document
/// the problem lies. The full form adds the rule's `summary` and `citation` from the rule table;
/// the compact form leaves them out. Empty `facts` and `missing` lists are left out.
#[cfg(feature = "schemars")]
#[derive(schemars::JsonSchema)]
#[serde(rename = "Finding", deny_unknown_fields)]
#[allow(dead_code)]
struct FindingSchema {
    /// The rule's stable id.
    rule: RuleId,
    /// What the rule concluded.
    outcome: Outcome,
    /// How much it matters.
    severity: Severity,
    /// The rule's one-line summary (from the rule table; full form only).
    summary: &'static str,
    /// The rule's citation (from the rule table; full form only).
    citation: &'static str,
    /// What settles the conclusion: the kind of source it rests on. Always written in the full
    /// form; in the compact form only when it differs from the rule's default basis.
    basis: crate::Basis,
    /// Where in the input the problem lies, as a dotted path (`release.viability`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    /// The stable code of the reason, a row of its engine's reason table (`U012`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason_code: Option<String>,
    /// Why the rule concluded what it did, in one sentence, when the facts alone do not say:
    /// the text of the reason code's row (full form only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    /// The facts the rule used (left out when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    facts: Vec<Fact>,
    /// Facts the rule needed and did not have (dotted input paths; left out when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    missing: Vec<String>,
}

#[cfg(feature = "schemars")]
two_forms_schema!(Finding, FindingSchema, "Finding", |object| {
    // The rule's and the reason's text are looked up, not written.
    for field in ["summary", "citation", "reason"] {
        if let Some(properties) = object
            .get_mut("properties")
            .and_then(|properties| properties.as_object_mut())
        {
            properties.remove(field);
        }
        drop_required(object, field);
    }
    // The basis is written only where it differs from the rule's default.
    drop_required(object, "basis");
});

impl fmt::Display for Finding {
    /// `[not met · blocking] quality.viability.minimum: <summary> (release.viability = 65 %;
    /// limit policy.min_viability_percent = 70 %) [citation]`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{} · {}] {}: {}",
            self.outcome.label(),
            self.severity,
            self.rule,
            self.summary()
        )?;
        if let Some(reason) = self.reason {
            write!(f, " — {reason}")?;
        }
        if !self.facts.is_empty() {
            f.write_str(" (")?;
            for (i, fact) in self.facts.iter().enumerate() {
                if i > 0 {
                    f.write_str("; ")?;
                }
                if fact.role == FactRole::Limit {
                    f.write_str("limit ")?;
                }
                write!(f, "{fact}")?;
            }
            f.write_str(")")?;
        }
        if !self.missing.is_empty() {
            f.write_str(" missing: ")?;
            for (i, path) in self.missing.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                f.write_str(path)?;
            }
        }
        write!(f, " [{}: {}]", self.basis.label(), self.citation())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProcessingStep;
    use std::hash::{BuildHasher, RandomState};

    fn steps(n: usize) -> impl Iterator<Item = ProcessingStep> {
        ProcessingStep::ALL.iter().copied().cycle().take(n)
    }

    fn as_text(n: usize) -> Vec<&'static str> {
        steps(n).map(ProcessingStep::code).collect()
    }

    #[test]
    fn terms_read_as_their_codes_whatever_the_length() {
        // Around the inline limit: the last inline length, the first heap length, and more.
        for n in [
            0,
            1,
            2,
            Codes::INLINE - 1,
            Codes::INLINE,
            Codes::INLINE + 1,
            40,
        ] {
            let codes = Codes::of_terms(steps(n));
            assert_eq!(codes.len(), n);
            assert_eq!(codes, as_text(n), "length {n}");
            assert_eq!(codes.to_vec(), as_text(n));
            assert_eq!(codes.iter().rev().collect::<Vec<_>>(), {
                let mut v = as_text(n);
                v.reverse();
                v
            });
            assert_eq!(codes.get(n), None);
            assert_eq!(codes.iter().len(), n);
        }
    }

    #[test]
    fn the_storage_is_invisible_to_equality_hash_and_json() {
        let hasher = RandomState::new();
        for n in [0, 1, 3, Codes::INLINE + 2] {
            let by_index = Codes::of_terms(steps(n));
            let by_text: Codes = as_text(n).into();
            let mut pushed = Codes::new();
            for code in as_text(n) {
                pushed.push(code.to_owned());
            }
            for other in [&by_text, &pushed] {
                assert_eq!(&by_index, other, "length {n}");
                assert_eq!(hasher.hash_one(&by_index), hasher.hash_one(other));
                assert_eq!(format!("{by_index:?}"), format!("{other:?}"));
            }
            #[cfg(feature = "json")]
            {
                let json = serde_json::to_string(&by_index).unwrap();
                assert_eq!(json, serde_json::to_string(&as_text(n)).unwrap());
                let back: Codes = serde_json::from_str(&json).unwrap();
                assert_eq!(back, by_index);
            }
        }
        assert_ne!(Codes::of_terms(steps(2)), Codes::of_terms(steps(3)));
        assert_ne!(Codes::of_terms(steps(2)), Codes::from(["x", "y"]));
    }

    #[test]
    fn pushing_onto_an_inline_list_keeps_its_codes() {
        let mut codes = Codes::of_terms(steps(2));
        codes.push("another");
        let mut expected = as_text(2);
        expected.push("another");
        assert_eq!(codes, expected);
        let mut one: Codes = ["one"].into();
        one.push("two");
        assert_eq!(one, ["one", "two"]);
        assert!(one.contains(&"two") && !one.contains("three"));
        one.clear();
        assert!(one.is_empty());
    }
}
