//! Authoring notes that a question may carry in its file for `conseil check` alone: its
//! `lint_allow` (the item-writing warnings kept on purpose, with their reasons).
//!
//! Nothing a learner sees depends on them, so a question read from JSON skips them, and the
//! check reads them from the file itself, where it can point at them (`content::lint`).

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

/// The fields of a question object that belong to the check, not to the question.
pub const AUTHORING_FIELDS: &[&str] = &["lint_allow"];

/// The entries of a question object, without its authoring notes.
pub struct WithoutNotes<A>(pub A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for WithoutNotes<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let mut seed = seed;
        loop {
            match self.0.next_key_seed(KeySeed(seed))? {
                None => return Ok(None),
                Some(Key::Field(value)) => return Ok(Some(value)),
                Some(Key::Note(unused)) => {
                    self.0.next_value::<IgnoredAny>()?;
                    seed = unused;
                }
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// A key read: a field of the question, read by the question's own seed; or a note, with
/// the seed given back for the next key.
enum Key<S, V> {
    Field(V),
    Note(S),
}

/// Reads a key without allocating, and passes it on to `S` unless it is a note.
struct KeySeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<S> {
    type Value = Key<S, S::Value>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for KeySeed<S> {
    type Value = Key<S, S::Value>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        if AUTHORING_FIELDS.contains(&key) {
            return Ok(Key::Note(self.0));
        }
        self.0
            .deserialize(StrDeserializer::<E>::new(key))
            .map(Key::Field)
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
        if AUTHORING_FIELDS.contains(&key) {
            return Ok(Key::Note(self.0));
        }
        self.0
            .deserialize(BorrowedStrDeserializer::<E>::new(key))
            .map(Key::Field)
    }
}
