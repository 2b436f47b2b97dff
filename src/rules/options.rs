//! How a rule receives its options. `config.rs` reads what every rule has
//! (`enabled`, `severity`) and hands the rest of `[rules.<id>]` to the rule as
//! a [`RuleTable`], keys and values with their byte ranges in `mcpward.toml`.
//! The rule deserialises its own private `Options` struct from it and
//! compiles it (regexes, globs, normalised lists); an [`OptionError`] points
//! back into the file. What each option means is declared next to the rule,
//! in [`OptionDoc`]s, from which `docs/configuration.md` is generated.

use std::marker::PhantomData;
use std::ops::Range;

use serde::de::{DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

/// One documented option of a rule.
#[derive(Debug)]
pub struct OptionDoc {
    /// The kebab-case key under `[rules.<id>]`.
    pub name: &'static str,
    /// The TOML type, in words (`array of regexes`).
    pub ty: &'static str,
    /// What it does, one line of Markdown.
    pub meaning: &'static str,
}

/// The options of one `[rules.<id>]` table: every key but `enabled` and
/// `severity`, already checked to be options this rule declares.
#[derive(Debug)]
pub struct RuleTable<'a> {
    /// Span of the whole `[rules.<id>]` value.
    span: Range<usize>,
    table: DeTable<'a>,
    /// Capture the field names of the options struct instead of reading it
    /// (a test compares them with the documented options).
    #[cfg(test)]
    probe: bool,
}

/// An option value that the rule cannot use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionError {
    /// Byte range in `mcpward.toml`.
    pub span: Range<usize>,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
}

impl OptionError {
    /// An error at `span` labelled `label`.
    pub fn new(span: Range<usize>, message: impl Into<String>, label: &str) -> OptionError {
        OptionError {
            span,
            message: message.into(),
            label: label.to_string(),
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> OptionError {
        self.help = Some(help.into());
        self
    }

    /// At the value of `s`.
    pub fn at<T>(s: &Spanned<T>, message: impl Into<String>, label: &str) -> OptionError {
        OptionError::new(s.span(), message, label)
    }
}

impl<'a> RuleTable<'a> {
    pub(crate) fn new(span: Range<usize>, table: DeTable<'a>) -> RuleTable<'a> {
        RuleTable {
            span,
            table,
            #[cfg(test)]
            probe: false,
        }
    }

    /// Span of the whole `[rules.<id>]` value.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Whether the table holds no option.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Deserialise the rule's options struct. Each field should be
    /// `Option<Spanned<…>>` or carry `Spanned` where a value can be wrong
    /// after it has the right type, so errors point at the value.
    pub fn deserialize<T: DeserializeOwned>(&self) -> Result<T, OptionError> {
        #[cfg(test)]
        if self.probe {
            return Err(probe::fields::<T>());
        }
        let value = Spanned::new(self.span.clone(), DeValue::Table(self.table.clone()));
        T::deserialize(ValueDeserializer::from(value)).map_err(|e| {
            let message = e.message().lines().next().unwrap_or("").trim().to_string();
            OptionError::new(
                e.span().unwrap_or_else(|| self.span.clone()),
                format!("invalid configuration: {message}"),
                "here",
            )
        })
    }

    /// A table whose [`RuleTable::deserialize`] reports the field names of
    /// the struct asked for, space-separated, as the error message.
    #[cfg(test)]
    pub(crate) fn probe() -> RuleTable<'static> {
        RuleTable {
            span: 0..0,
            table: DeTable::new(),
            probe: true,
        }
    }
}

/// A TOML table read in file order, keys and values with spans (for
/// options whose keys are data, such as package patterns).
pub struct Ordered<V>(pub Vec<(Spanned<String>, Spanned<V>)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Vis<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(Vis(PhantomData))
    }
}

/// Compile a regular expression written in `mcpward.toml`.
pub fn regex(s: &Spanned<String>) -> Result<regex::Regex, OptionError> {
    regex::Regex::new(s.get_ref()).map_err(|e| {
        let msg = e.to_string();
        let last = msg.lines().last().unwrap_or("").trim().to_string();
        OptionError::at(s, format!("invalid regular expression: {last}"), "here")
    })
}

#[cfg(test)]
mod probe {
    //! A deserializer that only records which fields a struct asks for.

    use serde::de::{self, Deserialize, Visitor};

    use super::OptionError;

    struct Probe;

    #[derive(Debug)]
    struct Fields(String);

    impl std::fmt::Display for Fields {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl std::error::Error for Fields {}

    impl de::Error for Fields {
        fn custom<T: std::fmt::Display>(msg: T) -> Self {
            Fields(format!("not a struct: {msg}"))
        }
    }

    impl<'de> de::Deserializer<'de> for Probe {
        type Error = Fields;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Fields> {
            Err(Fields("not a struct".into()))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Fields> {
            Err(Fields(fields.join(" ")))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }

    pub(super) fn fields<T: for<'de> Deserialize<'de>>() -> OptionError {
        let message = match T::deserialize(Probe) {
            Ok(_) => "not a struct".to_string(),
            Err(Fields(f)) => f,
        };
        OptionError::new(0..0, message, "")
    }
}
