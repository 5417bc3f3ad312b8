//! The deserializer adapter every document is read through.
//!
//! [`Strict`] wraps any serde deserializer and, at every level of the document:
//!
//! - reads a struct only from a JSON **object**: serde's derive also accepts a struct written as
//!   an array of its fields in order (`["Array product"]`), which the schemas do not allow;
//! - reads a vocabulary code from a **string** (or a one-key object for an enum with data) and
//!   reports any other JSON type as a wrong type, where serde_json would say "expected value";
//! - reads an integer field from a number with no fractional part even when it is written with a
//!   decimal point or an exponent (`3.0`, `1e2`), as JSON Schema's `"type": "integer"` does;
//! - enforces the documented input limits: at most [`MAX_LIST_LEN`] entries in a list or an
//!   object, at most [`MAX_STRING_BYTES`] bytes in a string;
//! - refuses `null` for an optional member: a member that is not stated is left out, and
//!   `null` is a wrong type with the member's path (the schemas do not allow it either). Only
//!   ClinicalTrials.gov records, which the crate does not define, read `null` as absent
//!   ([`with_nulls`]).
//!
//! It allocates nothing: on a valid document it costs a few forwarded calls per value.

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};
use std::fmt;

/// The most entries a list (or an object) of a document may hold.
pub const MAX_LIST_LEN: usize = 10_000;

/// The most bytes (UTF-8) a string of a document may hold: 1 MiB.
pub const MAX_STRING_BYTES: usize = 1 << 20;

/// A deserializer that only reads structs from objects and enforces the input limits.
pub(crate) struct Strict<D>(pub(crate) D);

/// A visitor wrapped so that what it is given is wrapped in turn. `whole` is set for integer
/// targets: a float with no fractional part is then passed on as an integer.
struct Guard<V> {
    visitor: V,
    whole: bool,
}

impl<V> Guard<V> {
    fn new(visitor: V) -> Self {
        Self {
            visitor,
            whole: false,
        }
    }
}

/// A visitor for an enum: a string or a one-key object, anything else a wrong type.
struct EnumGuard<V>(V);

struct GuardSeq<A> {
    access: A,
    count: usize,
}

struct GuardMap<A> {
    access: A,
    count: usize,
}

struct GuardSeed<S>(S);

/// The visitor of an optional member: a value, never `null`.
struct NoNull<V>(V);

thread_local! {
    /// Set while a document whose `null`s mean "absent" is read ([`with_nulls`]).
    static NULLS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `read` with `null` accepted as an absent optional member: for ClinicalTrials.gov
/// records, a format the crate reads but does not define.
pub(crate) fn with_nulls<T>(read: impl FnOnce() -> T) -> T {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            NULLS.with(|nulls| nulls.set(self.0));
        }
    }
    let _reset = Reset(NULLS.with(|nulls| nulls.replace(true)));
    read()
}

/// The message for `null` given to an optional member.
pub(crate) const NULL_MESSAGE: &str = "a value; leave the member out when it is not stated \
     (null is not accepted)";

impl<'de, V: Visitor<'de>> Visitor<'de> for NoNull<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        Err(E::invalid_type(de::Unexpected::Unit, &NULL_MESSAGE))
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        Err(E::invalid_type(de::Unexpected::Unit, &NULL_MESSAGE))
    }

    fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<V::Value, D2::Error> {
        self.0.visit_some(d)
    }
}

struct GuardEnum<A>(A);

struct GuardVariant<A>(A);

fn too_many<E: de::Error>() -> E {
    crate::error::too_large(format!(
        "holds more than {MAX_LIST_LEN} entries, the most a document accepts"
    ))
}

fn check_len<E: de::Error>(value: &str) -> Result<(), E> {
    if value.len() > MAX_STRING_BYTES {
        Err(crate::error::too_large(format!(
            "a string of {} bytes is longer than {MAX_STRING_BYTES} bytes (1 MiB), the most a \
             document accepts",
            value.len()
        )))
    } else {
        Ok(())
    }
}

macro_rules! forward_deserialize {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method(Guard::new(visitor))
        }
    )*};
}

macro_rules! forward_integer {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method(Guard { visitor, whole: true })
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<D> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any deserialize_bool deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        if NULLS.with(std::cell::Cell::get) {
            self.0.deserialize_option(Guard::new(visitor))
        } else {
            self.0.deserialize_option(NoNull(Guard::new(visitor)))
        }
    }

    forward_integer! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Guard::new(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Guard::new(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Guard::new(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0
            .deserialize_tuple_struct(name, len, Guard::new(visitor))
    }

    /// A struct is read as a map: an array is then a wrong type, not the struct's fields in order.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Guard::new(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(EnumGuard(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.visitor.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Guard<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    forward_visit! {
        visit_bool: bool, visit_i8: i8, visit_i16: i16, visit_i32: i32, visit_i64: i64,
        visit_i128: i128, visit_u8: u8, visit_u16: u16, visit_u32: u32, visit_u64: u64,
        visit_u128: u128, visit_f32: f32, visit_char: char, visit_bytes: &[u8],
        visit_borrowed_bytes: &'de [u8], visit_byte_buf: Vec<u8>
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        // 2^64 and -2^63 are exact in f64; a whole float inside them is an exact integer.
        const U64_END: f64 = 18_446_744_073_709_551_616.0;
        const I64_START: f64 = -9_223_372_036_854_775_808.0;
        if self.whole && v.fract() == 0.0 {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            if (0.0..U64_END).contains(&v) {
                return self.visitor.visit_u64(v as u64);
            } else if (I64_START..0.0).contains(&v) {
                return self.visitor.visit_i64(v as i64);
            }
        }
        self.visitor.visit_f64(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        check_len(v)?;
        self.visitor.visit_str(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        check_len(v)?;
        self.visitor.visit_borrowed_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        check_len(&v)?;
        self.visitor.visit_string(v)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<V::Value, D2::Error> {
        self.visitor.visit_some(Strict(d))
    }

    fn visit_newtype_struct<D2: Deserializer<'de>>(self, d: D2) -> Result<V::Value, D2::Error> {
        self.visitor.visit_newtype_struct(Strict(d))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(GuardSeq { access, count: 0 })
    }

    fn visit_map<A: de::MapAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(GuardMap { access, count: 0 })
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(GuardEnum(access))
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for EnumGuard<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        check_len(v)?;
        self.0.visit_enum(de::value::StrDeserializer::<E>::new(v))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        check_len(v)?;
        self.0
            .visit_enum(de::value::BorrowedStrDeserializer::<E>::new(v))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        self.0
            .visit_enum(de::value::MapAccessDeserializer::new(GuardMap {
                access,
                count: 0,
            }))
    }
}

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for GuardSeq<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        if self.count == MAX_LIST_LEN {
            // One more element would exceed the limit; an end of list is fine.
            return match self.access.next_element::<de::IgnoredAny>()? {
                None => Ok(None),
                Some(_) => Err(too_many()),
            };
        }
        self.count += 1;
        self.access.next_element_seed(GuardSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.access.size_hint()
    }
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for GuardMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if self.count == MAX_LIST_LEN {
            return match self.access.next_key::<de::IgnoredAny>()? {
                None => Ok(None),
                Some(_) => Err(too_many()),
            };
        }
        self.count += 1;
        self.access.next_key_seed(GuardSeed(seed))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.access.next_value_seed(GuardSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.access.size_hint()
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for GuardSeed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Strict(deserializer))
    }
}

impl<'de, A: de::EnumAccess<'de>> de::EnumAccess<'de> for GuardEnum<A> {
    type Error = A::Error;
    type Variant = GuardVariant<A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(GuardSeed(seed))?;
        Ok((value, GuardVariant(variant)))
    }
}

impl<'de, A: de::VariantAccess<'de>> de::VariantAccess<'de> for GuardVariant<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(GuardSeed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Guard::new(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Guard::new(visitor))
    }
}
