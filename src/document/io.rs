//! `from_slice` and `from_reader` for every input document, beside each type's `from_json`, and
//! `to_json` / `to_json_pretty`, which write what `from_json` reads back.
//!
//! All three read through the same strict parser: objects only, the documented input limits
//! ([`crate::MAX_LIST_LEN`], [`crate::MAX_STRING_BYTES`]), a [`DocumentError`] with a kind and
//! the path of the failing field.

use crate::{ClinicOffer, DocumentError, OfferPolicy, Product, QualityPolicy};

macro_rules! document {
    ($($ty:ident),+) => {$(
        impl $ty {
            #[doc = concat!("Reads a [`", stringify!($ty), "`] document from UTF-8 bytes.")]
            ///
            /// The same as `from_json` for a document already held as bytes, such as a file read
            /// with `std::fs::read` or a request body.
            ///
            /// # Errors
            ///
            /// A [`DocumentError`] with the kind and path of the problem, as `from_json` returns;
            /// text that is not UTF-8 is a syntax error.
            #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
            pub fn from_slice(json: &[u8]) -> Result<Self, DocumentError> {
                crate::error::from_slice(json)
            }

            #[doc = concat!("Reads a [`", stringify!($ty), "`] document from `reader`.")]
            ///
            /// The whole document is read into memory first (a document is small: at most
            /// 10 000 entries per list and 1 MiB per string are accepted), then parsed as
            /// `from_slice` does.
            ///
            /// # Errors
            ///
            /// A [`DocumentError`] of kind [`crate::DocumentErrorKind::Io`] when reading fails,
            /// otherwise as `from_slice`.
            #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
            pub fn from_reader(reader: impl std::io::Read) -> Result<Self, DocumentError> {
                crate::error::from_reader(reader)
            }

            #[doc = concat!("The [`", stringify!($ty), "`] as a compact JSON document: what `from_json` reads back to an equal value.")]
            ///
            /// Members that are not stated are left out (never `null`), so the text validates
            /// against the document's schema.
            #[must_use]
            #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
            pub fn to_json(&self) -> String {
                // String keys only, no fallible `Serialize` impl: writing cannot fail.
                crate::json::to_string(self).expect("an input document serializes")
            }

            #[doc = concat!("The [`", stringify!($ty), "`] as JSON indented by two spaces: what `from_json` reads back to an equal value.")]
            #[must_use]
            #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
            pub fn to_json_pretty(&self) -> String {
                serde_json::to_string_pretty(self).expect("an input document serializes")
            }
        }
    )+};
}

document!(Product, ClinicOffer, QualityPolicy, OfferPolicy);
