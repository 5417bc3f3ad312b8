//! Reading a struct from a JSON object only.
//!
//! serde's derived struct reader also accepts the struct written as an array of its members in
//! order (`[9, "years"]`), which no schema of the crate allows. The types the crate validates
//! by hand read their members through [`from_object`], which refuses any JSON type but an
//! object with serde's own "invalid type" error.

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Reads a `T` (a plain `#[derive(Deserialize)]` struct of members) from a JSON object only;
/// `expecting` completes serde's "invalid type: …, expected …" message.
pub(crate) fn from_object<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Object<T> {
        expecting: &'static str,
        members: PhantomData<T>,
    }

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Object<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }

    deserializer.deserialize_map(Object {
        expecting,
        members: PhantomData,
    })
}
