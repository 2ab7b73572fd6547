//! The JSON of stored aggregates (`round_results.aggregate`, `benchmarks.figures`): one
//! versioned envelope, `{"version":1,"data":…}`, written and read only here.
//!
//! Every reader treats a row it cannot read (not JSON, not the envelope, an unknown version,
//! or data that does not fit the type) the same way: the error is logged with the row it came
//! from and the page fails with [`StaffError::Storage`]. Skipping such a row would be quieter
//! but dishonest: a report would lose a round from its trend, a benchmark would be computed
//! over fewer organisations (and could even fall under the anonymity threshold unnoticed),
//! and the comparison would leave an organisation out, all without anyone knowing the data
//! needs repair.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::StaffError;

/// The version [`encode`] writes and the only one [`decode`] reads.
pub const VERSION: u32 = 1;

/// Why a stored value cannot be written or read.
#[derive(Debug, Error)]
pub enum StoredDataError {
    /// The value does not serialise (cannot happen for plain data types).
    #[error("the value does not serialise: {0}")]
    Unwritable(#[source] serde_json::Error),
    /// Not JSON, not the envelope, or data that does not fit the type.
    #[error("unreadable stored data: {0}")]
    Unreadable(#[source] serde_json::Error),
    /// An envelope of a version this build does not know.
    #[error("unknown stored data version {0}")]
    UnknownVersion(u64),
}

#[derive(Serialize)]
struct Envelope<'a, T> {
    version: u32,
    data: &'a T,
}

/// The envelope's version, read first with the data skipped (nothing of it is built).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredVersion {
    version: u64,
    #[serde(rename = "data")]
    _data: serde::de::IgnoredAny,
}

/// An envelope with its data parsed straight into the type (no JSON tree
/// in between: stored results are read on every report and comparison).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredEnvelope<T> {
    version: u64,
    data: T,
}

/// A value as stored: `{"version":1,"data":…}`.
pub fn encode<T: Serialize>(value: &T) -> Result<String, StoredDataError> {
    serde_json::to_string(&Envelope {
        version: VERSION,
        data: value,
    })
    .map_err(StoredDataError::Unwritable)
}

/// A stored value; refuses unreadable JSON and unknown versions.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, StoredDataError> {
    // Every readable row of this version is parsed once; only a row that fails is read
    // again, to say whether its version or its data is the problem.
    if let Ok(envelope) = serde_json::from_str::<StoredEnvelope<T>>(text) {
        if envelope.version == u64::from(VERSION) {
            return Ok(envelope.data);
        }
    }
    let stored: StoredVersion = serde_json::from_str(text).map_err(StoredDataError::Unreadable)?;
    if stored.version != u64::from(VERSION) {
        return Err(StoredDataError::UnknownVersion(stored.version));
    }
    let envelope: StoredEnvelope<T> =
        serde_json::from_str(text).map_err(StoredDataError::Unreadable)?;
    Ok(envelope.data)
}

/// [`encode`] for a staff page: a failure is logged and becomes [`StaffError::Storage`].
pub fn encode_for<T: Serialize>(value: &T, what: &str) -> Result<String, StaffError> {
    encode(value).map_err(|error| {
        tracing::error!(%error, what, "a stored value could not be written");
        StaffError::Storage
    })
}

/// [`decode`] for a staff page: an unreadable row is logged with where it came from (`what`,
/// e.g. `round_results.aggregate`, and the row's key) and becomes [`StaffError::Storage`].
pub fn decode_for<T: DeserializeOwned>(
    text: &str,
    what: &str,
    key: &dyn std::fmt::Display,
) -> Result<T, StaffError> {
    decode(text).map_err(|error| {
        tracing::error!(%error, what, key = %key, "a stored row is unreadable");
        StaffError::Storage
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Figures {
        mean: Option<f64>,
        count: usize,
    }

    #[test]
    fn a_value_round_trips_through_the_envelope() {
        let value = Figures {
            mean: Some(2.5),
            count: 3,
        };
        let text = encode(&value).unwrap();
        assert_eq!(text, r#"{"version":1,"data":{"mean":2.5,"count":3}}"#);
        assert_eq!(decode::<Figures>(&text).unwrap(), value);
    }

    #[test]
    fn unreadable_rows_and_unknown_versions_are_refused() {
        assert!(matches!(
            decode::<Figures>("not json"),
            Err(StoredDataError::Unreadable(_))
        ));
        // A bare (unversioned) value is not the envelope.
        assert!(matches!(
            decode::<Figures>(r#"{"mean":1.0,"count":1}"#),
            Err(StoredDataError::Unreadable(_))
        ));
        assert!(matches!(
            decode::<Figures>(r#"{"version":1,"data":{"mean":"x"}}"#),
            Err(StoredDataError::Unreadable(_))
        ));
        assert!(matches!(
            decode::<Figures>(r#"{"version":2,"data":{"mean":1.0,"count":1}}"#),
            Err(StoredDataError::UnknownVersion(2))
        ));
    }
}
