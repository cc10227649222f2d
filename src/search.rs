//! Division search by Chinese name, full pinyin and pinyin initials (`xq`, `xingqing`,
//! `兴庆` all find 兴庆区). Place-name readings come from data/pinyin-overrides.toml, since a
//! per-character lookup reads 乐清 as leqing and 重庆 as zhongqing.
//!
//! Ranking: exact before prefix before substring before fuzzy; ties go to the higher tier,
//! then the shorter name, then the code. A query that extends the previous one searches only
//! the previous hits (every key that matches `jhq` as a subsequence also matches `jh`).

use std::collections::HashMap;

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use pinyin::ToPinyin;
use serde::Deserialize;

use crate::domain::division::Tree;
use crate::error::{Error, Result};

pub const OVERRIDES: &str = include_str!("../data/pinyin-overrides.toml");

#[derive(Debug, Default, Deserialize)]
struct OverrideFile {
    #[serde(default)]
    words: HashMap<String, Vec<String>>,
    #[serde(default)]
    chars: HashMap<String, String>,
}

/// Readings that beat the per-character default.
#[derive(Debug, Default, Clone)]
pub struct Readings {
    words: Vec<(Vec<char>, Vec<String>)>,
    chars: HashMap<char, String>,
}

impl Readings {
    pub fn parse(file: &str, text: &str) -> Result<Readings> {
        let f: OverrideFile = toml::from_str(text).map_err(|e| Error::Parse {
            file: file.into(),
            line: e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(0),
            msg: e.message().to_string(),
        })?;
        let mut words: Vec<(Vec<char>, Vec<String>)> = Vec::new();
        for (w, syl) in f.words {
            let chars: Vec<char> = w.chars().collect();
            // An empty word would match everywhere without moving `syllables` on: a hang.
            if chars.is_empty() {
                return Err(Error::Parse {
                    file: file.into(),
                    line: 0,
                    msg: "an empty word in [words]".into(),
                });
            }
            if chars.len() != syl.len() {
                return Err(Error::Parse {
                    file: file.into(),
                    line: text
                        .find(&w)
                        .map(|o| text[..o].matches('\n').count() + 1)
                        .unwrap_or(0),
                    msg: format!(
                        "{w}: {} characters but {} syllables",
                        chars.len(),
                        syl.len()
                    ),
                });
            }
            words.push((chars, syl.into_iter().map(|s| s.to_lowercase()).collect()));
        }
        // Longest words first so 长寿区 wins over 长寿 if both are listed.
        words.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let chars = f
            .chars
            .into_iter()
            .filter_map(|(k, v)| k.chars().next().map(|c| (c, v.to_lowercase())))
            .collect();
        Ok(Readings { words, chars })
    }

    pub fn embedded() -> Readings {
        Readings::parse("data/pinyin-overrides.toml", OVERRIDES).unwrap_or_default()
    }

    /// Syllables of `name`, one per character (non-Hanzi characters pass through lowercased).
    pub fn syllables(&self, name: &str) -> Vec<String> {
        let chars: Vec<char> = name.chars().collect();
        let mut out: Vec<String> = Vec::with_capacity(chars.len());
        let mut i = 0;
        'outer: while i < chars.len() {
            for (w, syl) in &self.words {
                if chars[i..].starts_with(w) {
                    out.extend(syl.iter().cloned());
                    i += w.len();
                    continue 'outer;
                }
            }
            let c = chars[i];
            if let Some(s) = self.chars.get(&c) {
                out.push(s.clone());
            } else if let Some(p) = c.to_pinyin() {
                out.push(p.plain().to_string());
            } else if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase().to_string());
            }
            i += 1;
        }
        out
    }
}

/// Name suffixes dropped for "exact" matching: 江汉 is an exact hit on 江汉区.
const SUFFIXES: [&str; 14] = [
    "社区居民委员会",
    "村民委员会",
    "社区居委会",
    "居委会",
    "村委会",
    "街道办事处",
    "自治区",
    "街道",
    "社区",
    "区",
    "县",
    "市",
    "镇",
    "乡",
];

fn strip_suffix(name: &str) -> &str {
    for s in SUFFIXES {
        if let Some(x) = name.strip_suffix(s) {
            if !x.is_empty() {
                return x;
            }
        }
    }
    name
}

struct Entry {
    name: Box<str>,
    stem: Box<str>,
    pinyin: Box<str>,
    stem_pinyin: Box<str>,
    initials: Box<str>,
}

/// Match class: smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Exact,
    Prefix,
    Contains,
    Fuzzy,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub node: u32,
    pub class: Class,
    pub score: i64,
}

pub struct Index {
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
    last: Option<(String, Vec<u32>)>,
}

fn is_ascii_query(q: &str) -> bool {
    q.is_ascii()
}

impl Index {
    pub fn build(tree: &Tree, readings: &Readings) -> Index {
        let entries = tree
            .nodes()
            .iter()
            .map(|n| {
                let syl = readings.syllables(&n.name);
                let stem = strip_suffix(&n.name);
                let stem_len = readings.syllables(stem).len().min(syl.len());
                let initials: String = syl.iter().filter_map(|s| s.chars().next()).collect();
                Entry {
                    name: n.name.clone(),
                    stem: stem.into(),
                    pinyin: syl.concat().into(),
                    stem_pinyin: syl[..stem_len].concat().into(),
                    initials: initials.into(),
                }
            })
            .collect();
        Index {
            entries,
            matcher: SkimMatcherV2::default(),
            last: None,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn pinyin_of(&self, node: u32) -> Option<(&str, &str)> {
        self.entries
            .get(node as usize)
            .map(|e| (&*e.pinyin, &*e.initials))
    }

    fn classify(&self, e: &Entry, q: &str, ascii: bool) -> Option<(Class, i64)> {
        let keys: [&str; 3] = if ascii {
            [&e.initials, &e.pinyin, &e.stem_pinyin]
        } else {
            [&e.name, &e.stem, &e.name]
        };
        if keys.contains(&q) {
            return Some((Class::Exact, 0));
        }
        if keys.iter().any(|k| k.starts_with(q)) {
            return Some((Class::Prefix, 0));
        }
        if keys[..2].iter().any(|k| k.contains(q)) {
            return Some((Class::Contains, 0));
        }
        let best = keys[..2]
            .iter()
            .filter_map(|k| self.matcher.fuzzy_match(k, q))
            .max()?;
        Some((Class::Fuzzy, best))
    }

    /// All hits for `q`, best first. Reuses the previous hits when `q` extends the last query.
    pub fn search(&mut self, tree: &Tree, query: &str, limit: usize) -> Vec<Hit> {
        let q: String = query
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if q.is_empty() {
            self.last = None;
            return Vec::new();
        }
        let ascii = is_ascii_query(&q);
        let candidates: Option<Vec<u32>> = match &self.last {
            Some((prev, hits)) if q.starts_with(prev.as_str()) && is_ascii_query(prev) == ascii => {
                Some(hits.clone())
            }
            _ => None,
        };
        let mut hits: Vec<Hit> = Vec::new();
        let mut consider = |i: u32| {
            if let Some(e) = self.entries.get(i as usize) {
                if let Some((class, score)) = self.classify(e, &q, ascii) {
                    hits.push(Hit {
                        node: i,
                        class,
                        score,
                    });
                }
            }
        };
        match candidates {
            Some(c) => c.into_iter().for_each(&mut consider),
            None => (0..self.entries.len() as u32).for_each(&mut consider),
        }
        self.last = Some((q, hits.iter().map(|h| h.node).collect()));
        rank(tree, &mut hits, &self.entries);
        hits.truncate(limit);
        hits
    }
}

fn rank(tree: &Tree, hits: &mut [Hit], entries: &[Entry]) {
    hits.sort_by(|a, b| {
        let (na, nb) = (tree.node(a.node), tree.node(b.node));
        a.class
            .cmp(&b.class)
            .then(na.level.cmp(&nb.level))
            .then(b.score.cmp(&a.score))
            .then(
                entries[a.node as usize]
                    .name
                    .chars()
                    .count()
                    .cmp(&entries[b.node as usize].name.chars().count()),
            )
            .then(na.key.cmp(&nb.key))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_name_readings_override_the_character_default() {
        let r = Readings::embedded();
        assert_eq!(r.syllables("乐清市").concat(), "yueqingshi");
        assert_eq!(r.syllables("重庆市").concat(), "chongqingshi");
        assert_eq!(r.syllables("长沙市").concat(), "changshashi");
        assert_eq!(r.syllables("厦门市").concat(), "xiamenshi");
        assert_eq!(r.syllables("兴庆区").concat(), "xingqingqu");
    }
}
