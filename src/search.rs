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

use crate::domain::division::{Level, Tree};
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

/// Match class: smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Exact,
    Prefix,
    Contains,
    Fuzzy,
}

/// A hit: `node` is the entry's index, which is the tree node index when the index was built
/// from that tree (entries and tree are both in code order); otherwise map it by `code_of`.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub node: u32,
    pub class: Class,
    pub score: i64,
}

/// Keys per entry, stored one after another in one string.
const FIELDS: usize = 6;
const NAME: usize = 0;
const STEM: usize = 1;
const PINYIN: usize = 2;
const STEM_PINYIN: usize = 3;
const INITIALS: usize = 4;
const STEM_INITIALS: usize = 5;

/// The search keys of every division in one arena: about 80 bytes per division, so the
/// national list fits in some 50 MB and can be saved to and read from the database whole.
pub struct Index {
    text: String,
    /// FIELDS offsets per entry plus one final end: field f of entry k is
    /// text[offs[k*F+f]..offs[k*F+f+1]].
    offs: Vec<u32>,
    codes: Vec<u64>,
    levels: Vec<u8>,
    matcher: SkimMatcherV2,
    last: Option<(String, Vec<u32>)>,
}

fn is_ascii_query(q: &str) -> bool {
    q.is_ascii()
}

/// Whether the chars of `q` appear in `key` in order (a cheap filter before fuzzy scoring).
fn subsequence(key: &str, q: &str) -> bool {
    let mut it = key.chars();
    q.chars().all(|c| it.any(|k| k == c))
}

impl Index {
    /// Build from divisions in code order (a tree's nodes, or rows read from the store).
    pub fn build_from<'a>(
        rows: impl Iterator<Item = (u64, Level, &'a str)>,
        readings: &Readings,
    ) -> Index {
        let mut text = String::new();
        let mut offs = vec![0u32];
        let mut codes = Vec::new();
        let mut levels = Vec::new();
        for (code, level, name) in rows {
            let syl = readings.syllables(name);
            let stem = strip_suffix(name);
            let stem_len = readings.syllables(stem).len().min(syl.len());
            let initials: String = syl.iter().filter_map(|x| x.chars().next()).collect();
            let stem_initials: String = syl[..stem_len]
                .iter()
                .filter_map(|x| x.chars().next())
                .collect();
            for field in [
                name,
                stem,
                &syl.concat(),
                &syl[..stem_len].concat(),
                &initials,
                &stem_initials,
            ] {
                text.push_str(field);
                offs.push(text.len() as u32);
            }
            codes.push(code);
            levels.push(level.index());
        }
        Index {
            text,
            offs,
            codes,
            levels,
            matcher: SkimMatcherV2::default(),
            last: None,
        }
    }

    pub fn build(tree: &Tree, readings: &Readings) -> Index {
        Index::build_from(
            tree.nodes()
                .iter()
                .map(|n| (n.code(), n.level, n.name.as_ref())),
            readings,
        )
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    fn field(&self, k: usize, f: usize) -> &str {
        let a = self.offs[k * FIELDS + f] as usize;
        let b = self.offs[k * FIELDS + f + 1] as usize;
        self.text.get(a..b).unwrap_or("")
    }

    pub fn name_of(&self, k: u32) -> &str {
        self.field(k as usize, NAME)
    }
    pub fn level_of(&self, k: u32) -> Level {
        Level::from_index(self.levels[k as usize]).unwrap_or(Level::Village)
    }
    pub fn code_of(&self, k: u32) -> String {
        crate::domain::division::code_string(self.codes[k as usize], self.level_of(k))
    }
    pub fn pinyin_of(&self, k: u32) -> Option<(&str, &str)> {
        ((k as usize) < self.len()).then(|| {
            (
                self.field(k as usize, PINYIN),
                self.field(k as usize, INITIALS),
            )
        })
    }

    /// The entry of a code, by binary search (entries are in code order).
    pub fn find(&self, code: &str) -> Option<u32> {
        let (c, l) = crate::domain::division::parse_code(code)?;
        let key = crate::domain::division::sort_key(c, l);
        let keys =
            |k: usize| crate::domain::division::sort_key(self.codes[k], self.level_of(k as u32));
        let (mut lo, mut hi) = (0usize, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if keys(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo < self.len() && keys(lo) == key).then_some(lo as u32)
    }

    /// "省 › 市 › 县 …" from the entries of the code's prefixes.
    pub fn path(&self, k: u32, sep: &str) -> String {
        let code = self.code_of(k);
        let mut parts: Vec<&str> = [2usize, 4, 6, 9]
            .iter()
            .filter(|&&cut| cut < code.len())
            .filter_map(|&cut| self.find(&code[..cut]).map(|a| self.name_of(a)))
            .collect();
        parts.push(self.name_of(k));
        parts.join(sep)
    }

    fn classify(&self, k: usize, q: &str, ascii: bool) -> Option<(Class, i64)> {
        let keys: [&str; 3] = if ascii {
            [
                self.field(k, INITIALS),
                self.field(k, PINYIN),
                self.field(k, STEM_PINYIN),
            ]
        } else {
            [
                self.field(k, NAME),
                self.field(k, STEM),
                self.field(k, NAME),
            ]
        };
        if keys.contains(&q) || (ascii && self.field(k, STEM_INITIALS) == q) {
            return Some((Class::Exact, 0));
        }
        if keys.iter().any(|key| key.starts_with(q)) {
            return Some((Class::Prefix, 0));
        }
        if keys[..2].iter().any(|key| key.contains(q)) {
            return Some((Class::Contains, 0));
        }
        // A subsequence match is a fuzzy candidate; its score is computed only if needed.
        keys[..2]
            .iter()
            .any(|key| subsequence(key, q))
            .then_some((Class::Fuzzy, 0))
    }

    /// The fuzzy score of a candidate (the better of name and full pinyin, or name and stem).
    fn fuzzy_score(&self, k: usize, q: &str, ascii: bool) -> i64 {
        let keys = if ascii {
            [self.field(k, INITIALS), self.field(k, PINYIN)]
        } else {
            [self.field(k, NAME), self.field(k, STEM)]
        };
        keys.iter()
            .filter_map(|key| self.matcher.fuzzy_match(key, q))
            .max()
            .unwrap_or(0)
    }

    /// All hits for `q`, best first. Reuses the previous hits when `q` extends the last query.
    pub fn search(&mut self, _tree: &Tree, query: &str, limit: usize) -> Vec<Hit> {
        self.query(query, limit)
    }

    /// The same search without a tree (for `sgz find`, straight from the saved index).
    pub fn query(&mut self, query: &str, limit: usize) -> Vec<Hit> {
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
            if let Some((class, score)) = self.classify(i as usize, &q, ascii) {
                hits.push(Hit {
                    node: i,
                    class,
                    score,
                });
            }
        };
        match candidates {
            Some(c) => c.into_iter().for_each(&mut consider),
            None => (0..self.len() as u32).for_each(&mut consider),
        }
        // Every candidate stays for narrowing the next keystroke; only the shown ones are
        // ranked, and fuzzy scores are computed only when cheaper classes leave room.
        self.last = Some((q.clone(), hits.iter().map(|h| h.node).collect()));
        let cheap = hits.iter().filter(|h| h.class != Class::Fuzzy).count();
        if cheap >= limit {
            hits.retain(|h| h.class != Class::Fuzzy);
        } else {
            for h in hits.iter_mut().filter(|h| h.class == Class::Fuzzy) {
                h.score = self.fuzzy_score(h.node as usize, &q, ascii);
            }
            // A subsequence the matcher does not score is no match.
            hits.retain(|h| h.class != Class::Fuzzy || h.score > 0);
        }
        self.rank(&mut hits, limit);
        hits.truncate(limit);
        hits
    }

    /// Put the best `limit` hits first, in order (a partial selection, then a sort of those).
    fn rank(&self, hits: &mut [Hit], limit: usize) {
        let key = |h: &Hit| {
            let k = h.node as usize;
            (
                h.class,
                self.levels[k],
                std::cmp::Reverse(h.score),
                self.field(k, NAME).chars().count(),
                self.codes[k],
            )
        };
        if hits.len() > limit && limit > 0 {
            hits.select_nth_unstable_by_key(limit - 1, key);
            hits[..limit].sort_by_cached_key(key);
        } else {
            hits.sort_by_cached_key(key);
        }
    }

    /// The index as bytes, for saving in the database.
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.len() as u64;
        let mut out =
            Vec::with_capacity(16 + self.text.len() + self.offs.len() * 4 + self.codes.len() * 9);
        out.extend_from_slice(b"SGZIDX1\0");
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&(self.text.len() as u64).to_le_bytes());
        out.extend_from_slice(self.text.as_bytes());
        for o in &self.offs {
            out.extend_from_slice(&o.to_le_bytes());
        }
        for c in &self.codes {
            out.extend_from_slice(&c.to_le_bytes());
        }
        out.extend_from_slice(&self.levels);
        out
    }

    /// Read an index saved by `to_bytes`; None if the bytes are not one.
    pub fn from_bytes(b: &[u8]) -> Option<Index> {
        let rest = b.strip_prefix(b"SGZIDX1\0")?;
        let u64_at = |s: &[u8], at: usize| -> Option<u64> {
            s.get(at..at + 8)?.try_into().ok().map(u64::from_le_bytes)
        };
        let n = u64_at(rest, 0)? as usize;
        let tl = u64_at(rest, 8)? as usize;
        let mut at = 16;
        let text = std::str::from_utf8(rest.get(at..at + tl)?)
            .ok()?
            .to_string();
        at += tl;
        let offs_n = n * FIELDS + 1;
        let offs: Vec<u32> = rest
            .get(at..at + offs_n * 4)?
            .chunks_exact(4)
            .filter_map(|c| c.try_into().ok().map(u32::from_le_bytes))
            .collect();
        at += offs_n * 4;
        let codes: Vec<u64> = rest
            .get(at..at + n * 8)?
            .chunks_exact(8)
            .filter_map(|c| c.try_into().ok().map(u64::from_le_bytes))
            .collect();
        at += n * 8;
        let levels = rest.get(at..at + n)?.to_vec();
        // Offsets must rise and stay inside the text, on char boundaries.
        let ok = offs.windows(2).all(|w| w[0] <= w[1])
            && offs.last().is_some_and(|&e| e as usize == text.len())
            && offs.iter().all(|&o| text.is_char_boundary(o as usize))
            && levels.iter().all(|&l| l < 5);
        ok.then_some(Index {
            text,
            offs,
            codes,
            levels,
            matcher: SkimMatcherV2::default(),
            last: None,
        })
    }
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
