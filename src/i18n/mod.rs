//! The interface language and the message catalogue: every text a person reads, in Chinese
//! and in English, side by side, so that a translator reads one file per area and a message
//! cannot exist in one language only.
//!
//! A message is a constant of the catalogue (`i18n::cli::NO_DATABASE`) holding both texts.
//! Placeholders are named in braces (`{path}`) and filled by name: `msg.fill(lang, &[("path",
//! &p)])`. The test at the bottom checks every message of every area: both texts present,
//! the Chinese one in Chinese, the same placeholders in both.
//!
//! Why not fluent or rust-i18n: the texts are two languages fixed at build time, the program
//! runs over SSH on servers without locale files, and a typo in a message name should fail the
//! build, not show a key at run time. A Rust module of constants gives all three for nothing.

use std::fmt::Display;

pub mod cli;
pub mod common;
pub mod contracts;
pub mod domain;
pub mod duties;
pub mod errors;
pub mod help;
pub mod lists;
pub mod names;
pub mod policy;
pub mod progress;
pub mod records;
pub mod standing;
pub mod tui;
pub mod tui_view;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// 中文, the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Whether this is English.
    pub fn is_en(self) -> bool {
        self == Lang::En
    }

    /// The language of a `--lang` value: `zh` or `en`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// One of two texts by language, for the few words too small to name (a unit, a column
    /// label drawn in place). Anything a person reads as a sentence belongs in the catalogue.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// One message in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// The constant's name, for the catalogue test.
    pub id: &'static str,
    /// 中文.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// The text in `lang`, placeholders left as they are (for messages without any).
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    /// The text in `lang` with each `{name}` replaced by its value. A name without a value
    /// stays as written, so a missing argument shows instead of vanishing.
    pub fn fill(&self, lang: Lang, args: &[(&str, &dyn Display)]) -> String {
        let t = self.get(lang);
        let mut out = String::with_capacity(t.len() + 16);
        let mut rest = t;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match args.iter().find(|(n, _)| *n == name) {
                        Some((_, v)) => out.push_str(&v.to_string()),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// Declares the messages of one area: `NAME = "中文" / "English";`, each a `Text` constant,
/// and `ALL`, the list the catalogue test walks.
#[macro_export]
#[doc(hidden)]
macro_rules! catalogue {
    ($( $(#[$doc:meta])* $name:ident = $zh:literal / $en:literal; )*) => {
        $(
            $(#[$doc])*
            pub const $name: $crate::i18n::Text = $crate::i18n::Text {
                id: concat!(module_path!(), "::", stringify!($name)),
                zh: $zh,
                en: $en,
            };
        )*
        /// Every message of this area, for the catalogue test.
        pub const ALL: &[$crate::i18n::Text] = &[$($name),*];
    };
}

/// Every area's messages.
pub fn all() -> Vec<Text> {
    [
        cli::ALL,
        common::ALL,
        contracts::ALL,
        domain::ALL,
        duties::ALL,
        errors::ALL,
        help::ALL,
        lists::ALL,
        names::ALL,
        policy::ALL,
        progress::ALL,
        records::ALL,
        standing::ALL,
        tui::ALL,
        tui_view::ALL,
    ]
    .concat()
}

/// The placeholder names of a text, in order of first appearance.
#[cfg(test)]
fn placeholders(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !out.contains(&name) {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_han(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_message_exists_in_both_languages_with_the_same_placeholders() {
        let all = all();
        assert!(!all.is_empty());
        let mut problems = Vec::new();
        for t in &all {
            if t.zh.trim().is_empty() || t.en.trim().is_empty() {
                problems.push(format!("{}: a text is empty", t.id));
            }
            if !has_han(t.zh) {
                problems.push(format!(
                    "{}: the Chinese text has no Chinese: {:?}",
                    t.id, t.zh
                ));
            }
            let (mut zh, mut en) = (placeholders(t.zh), placeholders(t.en));
            zh.sort_unstable();
            en.sort_unstable();
            if zh != en {
                problems.push(format!("{}: placeholders differ: {zh:?} / {en:?}", t.id));
            }
        }
        let mut ids: Vec<&str> = all.iter().map(|t| t.id).collect();
        ids.sort_unstable();
        for w in ids.windows(2) {
            if w[0] == w[1] {
                problems.push(format!("{} is declared twice", w[0]));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn fill_replaces_named_placeholders_and_keeps_unknown_ones() {
        const T: Text = Text {
            id: "T",
            zh: "{path} 处没有数据库（{n} 个）",
            en: "no database at {path} ({n})",
        };
        let p = "/srv/sgz.db";
        assert_eq!(
            T.fill(Lang::Zh, &[("path", &p), ("n", &3)]),
            "/srv/sgz.db 处没有数据库（3 个）"
        );
        assert_eq!(
            T.fill(Lang::En, &[("path", &p)]),
            "no database at /srv/sgz.db ({n})"
        );
        assert_eq!(placeholders(T.en), vec!["path", "n"]);
    }
}
