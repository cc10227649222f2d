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

// The index is one buffer of sections, saved as is and used in place once read. Keys:
// the name (UTF-8), and per entry a record of its pinyin followed by its initials. The
// stems (the name without 村民委员会, 街道 and the like, and its pinyin and initials) are
// prefixes of these, kept as lengths.
const NAME: usize = 0;
const PINYIN: usize = 1;
const INITIALS: usize = 2;
const KINDS: usize = 3;

const MAGIC: &[u8; 8] = b"SGZIDX3\0";

// Sections, in order; each starts 8-byte aligned. Bitsets are u64 words, one bit per entry.
/// The names, back to back.
const S_NAMES: usize = 0;
/// n + 1 u32 offsets into S_NAMES.
const S_NAME_OFFS: usize = 1;
/// Per entry a record: the length of its initials (one byte below 128, else two: the low
/// seven bits with the top bit set, then the rest), the initials, the pinyin.
const S_RECORDS: usize = 2;
/// n + 1 u32 offsets into S_RECORDS.
const S_RECORD_OFFS: usize = 3;
/// n u32 entries sorted by name, pinyin and initials (+ kind), ties by entry.
const S_PERM: usize = 4;
/// n u32 beside each S_PERM slot: level << 24 | name chars << 16 | key bytes << 8 | bytes the
/// stem leaves off (lengths saturate at 255).
const S_INFO: usize = 7;
/// n u64 codes.
const S_CODES: usize = 10;
/// n u8 levels.
const S_LEVELS: usize = 11;
/// n u8 name lengths in chars (saturating).
const S_NAMELEN: usize = 12;
/// n u8: bytes of the name the stem leaves off.
const S_NAME_SUFFIX: usize = 13;
/// Two bitsets: the name is plain (`plain_char`); the pinyin and initials are.
const S_PLAIN: usize = 14;
/// A bitset per level.
const S_LEVEL_SETS: usize = 15;
/// The commonest pinyin suffixes (what the stem leaves off), each as a u32 length and the
/// bytes; suffix type t (1-based) is the t-th, type 0 is any other or none.
const S_SUFFIXES: usize = 16;
/// A bitset per suffix type.
const S_SUFFIX_SETS: usize = 17;
/// A bitset per symbol (`symbol`): the stem's pinyin holds that character (the whole
/// pinyin for suffix type 0).
const S_STEM_LETTERS: usize = 18;
/// Two maps (initials, pinyin) of SYMBOLS² u8: the bucket of a pair of adjacent characters,
/// NO_BUCKET when no key holds the pair.
const S_PAIR_MAP: usize = 19;
/// Bitsets per bucket: the initials (+ 0) or pinyin (+ 1) hold a pair of that bucket.
const S_PAIRS: usize = 20;
/// (char, byte offset into S_POSTINGS, count) as 3 u32, sorted by char.
const S_CHARS: usize = 22;
/// Per char of any name, the entries whose name holds it, as LEB128 gaps.
const S_POSTINGS: usize = 23;
const SECTIONS: usize = 24;

const LEVELS: usize = 5;
/// a-z, 0-9 and one for everything else.
const SYMBOLS: usize = 37;
const PAIRS: usize = SYMBOLS * SYMBOLS;
const PAIR_BUCKETS: usize = 64;
const NO_BUCKET: u8 = u8::MAX;
const SUFFIX_TYPES: usize = 10;

fn symbol(b: u8) -> usize {
    match b {
        b'a'..=b'z' => (b - b'a') as usize,
        b'0'..=b'9' => 26 + (b - b'0') as usize,
        _ => SYMBOLS - 1,
    }
}

/// Characters the fuzzy matcher gives no bonus beyond the first position: lowercase ASCII
/// letters, digits, and every non-ASCII character (see `plain_score`).
fn plain_char(c: char) -> bool {
    !c.is_ascii() || c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// A record's (initials, pinyin); None if it is cut short.
fn split_record(rec: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&b0, rest) = rec.split_first()?;
    let (len, rest) = if b0 < 0x80 {
        (usize::from(b0), rest)
    } else {
        let (&b1, rest) = rest.split_first()?;
        (usize::from(b0 & 0x7f) | usize::from(b1) << 7, rest)
    };
    (len <= rest.len()).then(|| rest.split_at(len))
}

/// Longest initials a record holds.
const MAX_INITIALS: usize = (1 << 15) - 1;

fn le32(b: &[u8], i: usize) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[i * 4..i * 4 + 4]);
    u32::from_le_bytes(a)
}

fn le64(b: &[u8], i: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[i * 8..i * 8 + 8]);
    u64::from_le_bytes(a)
}

fn and_into(acc: &mut [u64], set: &[u8]) {
    for (w, c) in acc.iter_mut().zip(set.chunks_exact(8)) {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        *w &= u64::from_le_bytes(a);
    }
}

fn or_into(acc: &mut [u64], set: &[u8]) {
    for (w, c) in acc.iter_mut().zip(set.chunks_exact(8)) {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        *w |= u64::from_le_bytes(a);
    }
}

fn contains_bytes(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    hay.len() >= needle.len()
        && (0..=hay.len() - needle.len())
            .any(|i| hay[i] == first && hay[i + 1..i + needle.len()] == *rest)
}

/// Whether the bytes of `q` appear in `key` in order.
fn subsequence_bytes(key: &[u8], q: &[u8]) -> bool {
    subsequence_end_bytes(key, q).is_some()
}

/// Where the bytes of `q` taken as early as possible in `key` end (1-based); None if they
/// do not all appear in order.
fn subsequence_end_bytes(key: &[u8], q: &[u8]) -> Option<usize> {
    let mut at = 0;
    for &c in q {
        at += key[at..].iter().position(|&b| b == c)? + 1;
    }
    Some(at)
}

/// The same in chars.
fn subsequence_end(key: &str, q: &[char]) -> Option<usize> {
    let mut it = key.chars();
    let mut at = 0;
    for &c in q {
        at += it.position(|k| k == c)? + 1;
    }
    Some(at)
}

/// The first index in lo..hi where `pred` holds (it must hold from some index on).
fn first_true(mut lo: usize, mut hi: usize, pred: impl Fn(usize) -> bool) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// Hits are ranked by one u64: class, level, fuzzy score (higher first), name length in
/// chars, entry (entries are in code order, so the entry breaks ties as the code does).
const SCORE_BITS: u32 = 19;
const SCORE_MAX: i64 = (1 << SCORE_BITS) - 1;

fn rank_key(class: Class, level: u8, score: i64, name_chars: u8, k: usize) -> u64 {
    let s = if class == Class::Fuzzy {
        (SCORE_MAX - score.clamp(0, SCORE_MAX)) as u64
    } else {
        0
    };
    (class as u64) << 62
        | (u64::from(level) & 7) << 59
        | s << 40
        | u64::from(name_chars) << 32
        | (k as u64 & 0xffff_ffff)
}

fn key_entry(key: u64) -> usize {
    (key & 0xffff_ffff) as usize
}

fn key_class(key: u64) -> Class {
    match key >> 62 {
        0 => Class::Exact,
        1 => Class::Prefix,
        2 => Class::Contains,
        _ => Class::Fuzzy,
    }
}

fn key_score(key: u64) -> i64 {
    SCORE_MAX - ((key >> 40) & SCORE_MAX as u64) as i64
}

/// The `k` smallest keys pushed, without keeping them all.
struct TopK {
    k: usize,
    buf: Vec<u64>,
    cut: u64,
}

impl TopK {
    fn new(k: usize) -> TopK {
        TopK {
            k: k.max(1),
            buf: Vec::new(),
            cut: u64::MAX,
        }
    }

    fn push(&mut self, key: u64) {
        if key < self.cut {
            self.buf.push(key);
            if self.buf.len() >= 2 * self.k + 64 {
                self.buf.select_nth_unstable(self.k - 1);
                self.buf.truncate(self.k);
                self.cut = self.buf.iter().copied().max().unwrap_or(u64::MAX);
            }
        }
    }

    fn finish(mut self) -> Vec<u64> {
        self.buf.sort_unstable();
        self.buf.truncate(self.k);
        self.buf
    }
}

/// Longest key `plain_score` takes.
const PLAIN_CAP: usize = 128;

/// SkimMatcherV2's score of a pattern of `m` characters in a key of `plain_char`s of `n`
/// characters, given `rows(j)`: the pattern positions (bit i for position i) whose
/// character is the key's character j. Leaves in `s.prev` the (column, score) where the
/// last pattern character can be; none when the pattern is no subsequence of the key.
///
/// On such keys the matcher gives each matched character 16; the first one 15 more when it
/// is the key's first character, 1 less otherwise (a leading gap costs 1); each character
/// matched right after the previous one `cons` more (4); and takes 3 plus one per character
/// for a gap between two. Its score is the best alignment's, computed here, or a value its
/// two-row table leaks from a path that skips two pattern characters, which scores at most
/// `skipped_bound`. So the result is the matcher's score when at least that bound, an upper
/// bound of it otherwise. With `cons` 16 it bounds the score of patterns that repeat a
/// character, where the matcher can carry a larger bonus over from an earlier call.
fn plain_score(n: usize, rows: impl Fn(usize) -> u64, m: usize, cons: i32, s: &mut Scratch) {
    const NEG: i32 = i32::MIN / 4;
    // The key's columns (1-based) of each pattern position, position by position.
    s.start.clear();
    s.start.resize(m + 1, 0);
    for j in 0..n {
        let mut r = rows(j);
        while r != 0 {
            s.start[r.trailing_zeros() as usize + 1] += 1;
            r &= r - 1;
        }
    }
    for i in 0..m {
        s.start[i + 1] += s.start[i];
    }
    s.cols.clear();
    s.cols.resize(s.start[m], 0);
    s.fill.clear();
    s.fill.extend_from_slice(&s.start);
    for j in 0..n {
        let mut r = rows(j);
        while r != 0 {
            let i = r.trailing_zeros() as usize;
            s.cols[s.fill[i]] = (j + 1) as u32;
            s.fill[i] += 1;
            r &= r - 1;
        }
    }
    s.prev.clear();
    s.prev.extend(
        s.cols[s.start[0]..s.start[1]]
            .iter()
            .map(|&c| (c, if c == 1 { 31 } else { 15 })),
    );
    for i in 1..m {
        s.cur.clear();
        let (mut gi, mut di, mut gap) = (0, 0, NEG);
        for &j in &s.cols[s.start[i]..s.start[i + 1]] {
            // gap: the best previous score plus its column, over columns up to j - 2.
            while gi < s.prev.len() && s.prev[gi].0 + 2 <= j {
                gap = gap.max(s.prev[gi].1 + s.prev[gi].0 as i32);
                gi += 1;
            }
            while di < s.prev.len() && s.prev[di].0 + 1 < j {
                di += 1;
            }
            let direct = match s.prev.get(di) {
                Some(&(c, v)) if c + 1 == j => v + cons,
                _ => NEG,
            };
            let v = direct.max(gap - 2 - j as i32);
            if v > NEG / 2 {
                s.cur.push((j, 16 + v));
            }
        }
        std::mem::swap(&mut s.prev, &mut s.cur);
    }
}

/// The most a path `plain_score` does not follow can score (see there).
fn skipped_bound(m: usize, cons: i32) -> i32 {
    if m >= 3 {
        31 + (16 + cons) * (m as i32 - 3)
    } else {
        i32::MIN / 4
    }
}

/// Reused buffers of `plain_score`.
#[derive(Default)]
struct Scratch {
    start: Vec<usize>,
    fill: Vec<usize>,
    cols: Vec<u32>,
    prev: Vec<(u32, i32)>,
    cur: Vec<(u32, i32)>,
    rows: Vec<u64>,
}

/// A normalized query: lowercase, no whitespace.
struct Query {
    text: String,
    chars: Vec<char>,
    ascii: bool,
    /// Whether two adjacent characters are the same.
    repeats: bool,
    /// For ASCII queries of at most 64 bytes: per byte value, the positions holding it.
    rows: Option<Box<[u64; 256]>>,
}

impl Query {
    fn new(text: String) -> Query {
        let chars: Vec<char> = text.chars().collect();
        let ascii = text.is_ascii();
        let rows = (ascii && text.len() <= 64).then(|| {
            let mut rows = Box::new([0u64; 256]);
            for (i, &b) in text.as_bytes().iter().enumerate() {
                rows[usize::from(b)] |= 1 << i;
            }
            rows
        });
        Query {
            repeats: chars.windows(2).any(|w| w[0] == w[1]),
            chars,
            ascii,
            rows,
            text,
        }
    }

    fn bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    /// `plain_score` of the query in a key of plain characters; None if it cannot tell.
    fn plain_score(&self, key: &[u8], cons: i32, s: &mut Scratch) -> Option<Option<i32>> {
        let m = self.chars.len();
        if self.ascii {
            let table = self.rows.as_ref()?;
            if key.len() > PLAIN_CAP {
                return None;
            }
            plain_score(key.len(), |j| table[usize::from(key[j])], m, cons, s);
        } else {
            if m > 64 {
                return None;
            }
            let mut rows = std::mem::take(&mut s.rows);
            rows.clear();
            for c in std::str::from_utf8(key).ok()?.chars() {
                let r = self.chars.iter().enumerate().filter(|&(_, &p)| p == c);
                rows.push(r.fold(0, |r, (i, _)| r | 1 << i));
            }
            if rows.len() <= PLAIN_CAP {
                plain_score(rows.len(), |j| rows[j], m, cons, s);
            }
            let long = rows.len() > PLAIN_CAP;
            s.rows = rows;
            if long {
                return None;
            }
        }
        Some(s.prev.iter().map(|&(_, v)| v).max())
    }
}

/// An entry's keys: the pinyin (`main`) and initials for ASCII queries, the name (`main`)
/// otherwise.
struct Keys<'a> {
    k: usize,
    main: &'a [u8],
    initials: &'a [u8],
}

/// Whether the entry's main key holds the query as a subsequence (every hit's does).
fn holds(keys: &Keys, q: &Query) -> bool {
    main_end(keys.main, q).is_some()
}

/// `subsequence_end` of the query in a main key.
fn main_end(main: &[u8], q: &Query) -> Option<usize> {
    if q.ascii {
        subsequence_end_bytes(main, q.bytes())
    } else {
        subsequence_end(std::str::from_utf8(main).unwrap_or(""), &q.chars)
    }
}

fn holds_substring(keys: &Keys, q: &Query) -> bool {
    contains_bytes(keys.main, q.bytes()) || (q.ascii && contains_bytes(keys.initials, q.bytes()))
}

/// The class of an entry; exact and prefix hits, counted already, come back as Prefix.
/// (A stem is a prefix of its key, so it starts with the query only if the key does, and
/// pinyin initials are a subsequence of the pinyin.)
fn class_of(keys: &Keys, q: &Query) -> Option<Class> {
    let qb = q.bytes();
    if keys.main.starts_with(qb) || (q.ascii && keys.initials.starts_with(qb)) {
        Some(Class::Prefix)
    } else if holds_substring(keys, q) {
        Some(Class::Contains)
    } else {
        holds(keys, q).then_some(Class::Fuzzy)
    }
}

/// Entries with their keys copied side by side (pinyin and initials, or the name) and their
/// class, so that narrowing them for the next keystroke reads memory in order.
#[derive(Default)]
struct List {
    ids: Vec<u32>,
    class: Vec<Class>,
    attrs: Vec<Attrs>,
    text: Vec<u8>,
    ends: Vec<u32>,
}

impl List {
    fn len(&self) -> usize {
        self.ids.len()
    }

    fn push(&mut self, keys: &Keys, class: Class, attrs: Attrs) {
        self.ids.push(keys.k as u32);
        self.class.push(class);
        self.attrs.push(attrs);
        self.text.extend_from_slice(keys.main);
        self.ends.push(self.text.len() as u32);
        self.text.extend_from_slice(keys.initials);
        self.ends.push(self.text.len() as u32);
    }

    fn keys(&self, i: usize, ascii: bool) -> Keys<'_> {
        let start = if i == 0 {
            0
        } else {
            self.ends[2 * i - 1] as usize
        };
        let (mid, end) = (self.ends[2 * i] as usize, self.ends[2 * i + 1] as usize);
        Keys {
            k: self.ids[i] as usize,
            main: &self.text[start..mid],
            initials: if ascii { &self.text[mid..end] } else { &[] },
        }
    }
}

/// What `best_fuzzy` needs of a list entry without reading its keys again.
#[derive(Clone, Copy)]
struct Attrs {
    name_chars: u8,
    /// The keys are plain (S_PLAIN).
    plain: bool,
    /// For a fuzzy entry: where the query taken as early as possible ends in the main key
    /// and in the initials (0 if they do not hold it), saturating.
    end: u8,
    initials_end: u8,
}

impl Attrs {
    fn new(name_chars: u8, plain: bool, keys: &Keys, class: Class, q: &Query) -> Attrs {
        let fuzzy = class == Class::Fuzzy && plain;
        let sat = |e: Option<usize>| e.map_or(0, |e| e.min(255) as u8);
        Attrs {
            name_chars,
            plain,
            end: if fuzzy {
                sat(main_end(keys.main, q))
            } else {
                0
            },
            initials_end: if fuzzy && q.ascii {
                sat(subsequence_end_bytes(keys.initials, q.bytes()))
            } else {
                0
            },
        }
    }
}

/// What a query that extends this one may start from: per level, every entry at that level
/// whose main key (pinyin for ASCII queries, the name otherwise) holds the query as a
/// subsequence, when that level was searched in full.
struct Narrow {
    q: String,
    ascii: bool,
    levels: [Option<List>; LEVELS],
}

/// Candidate sets of one query, made when first needed.
#[derive(Default)]
struct Sources {
    letters: Option<Vec<u64>>,
    pairs: Option<Vec<u64>>,
    posting: Option<Vec<u32>>,
}

/// The search keys of every division with what finds them fast: per key kind the entries
/// sorted by key (exact and prefix hits are a range), per-character and pair bitsets that
/// cut the candidates for substring and fuzzy hits, and the entries of each Hanzi.
pub struct Index {
    buf: Vec<u8>,
    sec: [(usize, usize); SECTIONS],
    n: usize,
    /// u64 words per bitset.
    words: usize,
    /// Pair buckets of the initials and pinyin maps.
    buckets: [usize; 2],
    /// The pinyin of each suffix type from 1 on.
    suffixes: Vec<Vec<u8>>,
    matcher: SkimMatcherV2,
    last: Option<Narrow>,
    scratch: std::cell::RefCell<Scratch>,
}

fn u32_bytes(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn u64_bytes(v: &[u64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn set_bit(words: &mut [u64], k: usize) {
    words[k / 64] |= 1 << (k % 64);
}

/// Pairs of adjacent characters of a key, as symbol pairs, each once.
fn pairs_of(key: &[u8], out: &mut Vec<usize>) {
    out.clear();
    out.extend(
        key.windows(2)
            .map(|w| symbol(w[0]) * SYMBOLS + symbol(w[1])),
    );
    out.sort_unstable();
    out.dedup();
}

impl Index {
    /// Build from divisions in code order (a tree's nodes, or rows read from the store).
    pub fn build_from<'a>(
        rows: impl Iterator<Item = (u64, Level, &'a str)>,
        readings: &Readings,
    ) -> Index {
        let mut names = Vec::new();
        let mut name_offs = vec![0u32];
        let mut records = Vec::new();
        let mut record_offs = vec![0u32];
        // Per entry: bytes the stem leaves off the name, pinyin and initials.
        let mut suffix: [Vec<u8>; KINDS] = Default::default();
        let mut stem_pinyin = Vec::new();
        let mut codes = Vec::new();
        let mut levels = Vec::new();
        let mut namelen = Vec::new();
        for (code, level, name) in rows {
            let syl = readings.syllables(name);
            let stem = strip_suffix(name);
            let stem_syl = readings.syllables(stem).len().min(syl.len());
            let pinyin = syl.concat();
            let mut initials: String = syl.iter().filter_map(|x| x.chars().next()).collect();
            // More initials than a record holds (no real name has) are cut.
            while initials.len() > MAX_INITIALS {
                initials.pop();
            }
            let stem_py: usize = syl[..stem_syl].iter().map(|s| s.len()).sum();
            let stem_ini: usize = syl[..stem_syl]
                .iter()
                .filter_map(|x| x.chars().next())
                .map(char::len_utf8)
                .sum::<usize>()
                .min(initials.len());
            names.extend_from_slice(name.as_bytes());
            name_offs.push(names.len() as u32);
            let il = initials.len();
            if il < 0x80 {
                records.push(il as u8);
            } else {
                records.extend_from_slice(&[(il & 0x7f) as u8 | 0x80, (il >> 7) as u8]);
            }
            records.extend_from_slice(initials.as_bytes());
            records.extend_from_slice(pinyin.as_bytes());
            record_offs.push(records.len() as u32);
            for (kind, len, stem_len) in [
                (NAME, name.len(), stem.len()),
                (PINYIN, pinyin.len(), stem_py),
                (INITIALS, initials.len(), stem_ini),
            ] {
                // A suffix longer than 255 bytes (no built-in one is) counts as none.
                suffix[kind].push(u8::try_from(len - stem_len.min(len)).unwrap_or(0));
            }
            stem_pinyin.push(stem_py);
            codes.push(code);
            levels.push(level.index());
            namelen.push(name.chars().count().min(255) as u8);
        }
        let n = codes.len();
        let words = n.div_ceil(64);
        let key = |kind: usize, k: usize| -> &[u8] {
            if kind == NAME {
                return &names[name_offs[k] as usize..name_offs[k + 1] as usize];
            }
            let rec = &records[record_offs[k] as usize..record_offs[k + 1] as usize];
            let (initials, pinyin) = split_record(rec).unwrap_or_default();
            if kind == PINYIN {
                pinyin
            } else {
                initials
            }
        };

        let mut perms = Vec::new();
        let mut infos = Vec::new();
        for (kind, suffix) in suffix.iter().enumerate() {
            let mut perm: Vec<u32> = (0..n as u32).collect();
            perm.sort_by(|&a, &b| key(kind, a as usize).cmp(key(kind, b as usize)));
            let info: Vec<u32> = perm
                .iter()
                .map(|&k| {
                    let k = k as usize;
                    u32::from(levels[k]) << 24
                        | u32::from(namelen[k]) << 16
                        | (key(kind, k).len().min(255) as u32) << 8
                        | u32::from(suffix[k])
                })
                .collect();
            perms.push(u32_bytes(&perm));
            infos.push(u32_bytes(&info));
        }

        // Suffix types: the commonest pinyin suffixes.
        let mut counts: HashMap<&[u8], usize> = HashMap::new();
        for (k, &s) in stem_pinyin.iter().enumerate() {
            let py = key(PINYIN, k);
            if s < py.len() {
                *counts.entry(&py[s..]).or_default() += 1;
            }
        }
        let mut common: Vec<(&[u8], usize)> = counts.into_iter().collect();
        common.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        common.truncate(SUFFIX_TYPES);
        let type_of: HashMap<&[u8], usize> = common
            .iter()
            .enumerate()
            .map(|(t, &(s, _))| (s, t + 1))
            .collect();
        let mut suffix_table = Vec::new();
        for &(s, _) in &common {
            suffix_table.extend_from_slice(&(s.len() as u32).to_le_bytes());
            suffix_table.extend_from_slice(s);
        }

        let mut plain = vec![0u64; 2 * words];
        let mut level_sets = vec![0u64; LEVELS * words];
        let mut suffix_sets = vec![0u64; (SUFFIX_TYPES + 1) * words];
        let mut letters = vec![0u64; SYMBOLS * words];
        for k in 0..n {
            let name_plain =
                std::str::from_utf8(key(NAME, k)).is_ok_and(|s| s.chars().all(plain_char));
            if name_plain {
                set_bit(&mut plain[..words], k);
            }
            let rec = [key(PINYIN, k), key(INITIALS, k)];
            if rec.iter().all(|r| {
                r.iter()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            }) {
                set_bit(&mut plain[words..], k);
            }
            let l = usize::from(levels[k]).min(LEVELS - 1);
            set_bit(&mut level_sets[l * words..(l + 1) * words], k);
            let py = key(PINYIN, k);
            let t = py
                .get(stem_pinyin[k]..)
                .and_then(|s| type_of.get(s))
                .copied()
                .unwrap_or(0);
            set_bit(&mut suffix_sets[t * words..(t + 1) * words], k);
            let stem = if t == 0 { py } else { &py[..stem_pinyin[k]] };
            let mut seen = 0u64;
            for &b in stem {
                seen |= 1 << symbol(b);
            }
            while seen != 0 {
                let s = seen.trailing_zeros() as usize;
                set_bit(&mut letters[s * words..(s + 1) * words], k);
                seen &= seen - 1;
            }
        }

        // Pairs of adjacent characters, per family: the commonest get buckets of their own,
        // the rest share, each going to the bucket holding the fewest entries so far.
        let mut maps = vec![NO_BUCKET; 2 * PAIRS];
        let mut pair_sets = Vec::new();
        let mut scratch = Vec::new();
        for (f, kind) in [INITIALS, PINYIN].into_iter().enumerate() {
            let mut count = vec![0usize; PAIRS];
            for k in 0..n {
                pairs_of(key(kind, k), &mut scratch);
                for &p in &scratch {
                    count[p] += 1;
                }
            }
            let mut order: Vec<usize> = (0..PAIRS).filter(|&p| count[p] > 0).collect();
            order.sort_by(|&a, &b| count[b].cmp(&count[a]).then(a.cmp(&b)));
            let mut load = [0usize; PAIR_BUCKETS];
            for p in order {
                let b = (0..PAIR_BUCKETS).min_by_key(|&b| (load[b], b)).unwrap_or(0);
                load[b] += count[p];
                maps[f * PAIRS + p] = b as u8;
            }
            let mut sets = vec![0u64; PAIR_BUCKETS * words];
            for k in 0..n {
                pairs_of(key(kind, k), &mut scratch);
                for &p in &scratch {
                    let b = usize::from(maps[f * PAIRS + p]);
                    set_bit(&mut sets[b * words..(b + 1) * words], k);
                }
            }
            pair_sets.push(u64_bytes(&sets));
        }

        let mut posting: HashMap<char, Vec<u32>> = HashMap::new();
        let mut chars = Vec::new();
        for k in 0..n {
            chars.clear();
            chars.extend(std::str::from_utf8(key(NAME, k)).unwrap_or("").chars());
            chars.sort_unstable();
            chars.dedup();
            for &c in &chars {
                posting.entry(c).or_default().push(k as u32);
            }
        }
        let mut table: Vec<(char, Vec<u32>)> = posting.into_iter().collect();
        table.sort_unstable_by_key(|(c, _)| *c);
        let mut char_table = Vec::with_capacity(table.len() * 12);
        let mut postings = Vec::new();
        for (c, ids) in table {
            char_table.extend_from_slice(&(c as u32).to_le_bytes());
            char_table.extend_from_slice(&(postings.len() as u32).to_le_bytes());
            char_table.extend_from_slice(&(ids.len() as u32).to_le_bytes());
            let mut prev = 0u32;
            for id in ids {
                let mut gap = id - prev;
                prev = id;
                while gap >= 0x80 {
                    postings.push((gap & 0x7f) as u8 | 0x80);
                    gap >>= 7;
                }
                postings.push(gap as u8);
            }
        }

        let [name_suffix, _, _] = suffix;
        let mut perms = perms.into_iter();
        let mut infos = infos.into_iter();
        let mut pair_sets = pair_sets.into_iter();
        let mut sections: Vec<Vec<u8>> = vec![
            names,
            u32_bytes(&name_offs),
            records,
            u32_bytes(&record_offs),
        ];
        sections.extend(perms.by_ref());
        sections.extend(infos.by_ref());
        sections.extend([
            u64_bytes(&codes),
            levels,
            namelen,
            name_suffix,
            u64_bytes(&plain),
            u64_bytes(&level_sets),
            suffix_table,
            u64_bytes(&suffix_sets),
            u64_bytes(&letters),
            maps,
        ]);
        sections.extend(pair_sets.by_ref());
        sections.extend([char_table, postings]);
        let header = 16 + 8 * SECTIONS;
        let total = header + sections.iter().map(|s| s.len() + 7).sum::<usize>();
        let mut buf = Vec::with_capacity(total);
        buf.extend_from_slice(MAGIC);
        buf.extend_from_slice(&(n as u64).to_le_bytes());
        for s in &sections {
            buf.extend_from_slice(&(s.len() as u64).to_le_bytes());
        }
        for s in sections {
            buf.resize(buf.len().next_multiple_of(8), 0);
            buf.extend_from_slice(&s);
        }
        Index::from_vec(buf).unwrap_or_else(Index::empty)
    }

    fn empty() -> Index {
        Index {
            buf: Vec::new(),
            sec: [(0, 0); SECTIONS],
            n: 0,
            words: 0,
            buckets: [0; 2],
            suffixes: Vec::new(),
            matcher: SkimMatcherV2::default(),
            last: None,
            scratch: Default::default(),
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
        self.n
    }
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    fn sec(&self, s: usize) -> &[u8] {
        let (a, l) = self.sec[s];
        &self.buf[a..a + l]
    }

    /// An entry's (initials, pinyin).
    fn record(&self, k: usize) -> (&[u8], &[u8]) {
        let offs = self.sec(S_RECORD_OFFS);
        let rec = &self.sec(S_RECORDS)[le32(offs, k) as usize..le32(offs, k + 1) as usize];
        split_record(rec).unwrap_or_default()
    }

    fn key(&self, kind: usize, k: usize) -> &[u8] {
        match kind {
            NAME => {
                let offs = self.sec(S_NAME_OFFS);
                &self.sec(S_NAMES)[le32(offs, k) as usize..le32(offs, k + 1) as usize]
            }
            PINYIN => self.record(k).1,
            _ => self.record(k).0,
        }
    }

    fn key_str(&self, kind: usize, k: usize) -> &str {
        std::str::from_utf8(self.key(kind, k)).unwrap_or("")
    }

    /// Bitset `b` of section `s`, as bytes.
    fn set(&self, s: usize, b: usize) -> &[u8] {
        let w = self.words * 8;
        &self.sec(s)[b * w..(b + 1) * w]
    }

    fn bit(&self, s: usize, b: usize, k: usize) -> bool {
        self.set(s, b)[k / 8] >> (k % 8) & 1 == 1
    }

    fn level(&self, k: usize) -> u8 {
        self.sec(S_LEVELS)[k]
    }

    fn name_chars(&self, k: usize) -> u8 {
        self.sec(S_NAMELEN)[k]
    }

    pub fn name_of(&self, k: u32) -> &str {
        self.key_str(NAME, k as usize)
    }
    pub fn level_of(&self, k: u32) -> Level {
        Level::from_index(self.level(k as usize)).unwrap_or(Level::Village)
    }
    pub fn code_of(&self, k: u32) -> String {
        crate::domain::division::code_string(le64(self.sec(S_CODES), k as usize), self.level_of(k))
    }
    pub fn pinyin_of(&self, k: u32) -> Option<(&str, &str)> {
        ((k as usize) < self.len()).then(|| {
            (
                self.key_str(PINYIN, k as usize),
                self.key_str(INITIALS, k as usize),
            )
        })
    }

    /// The entry of a code, by binary search (entries are in code order).
    pub fn find(&self, code: &str) -> Option<u32> {
        let (c, l) = crate::domain::division::parse_code(code)?;
        let key = crate::domain::division::sort_key(c, l);
        let codes = self.sec(S_CODES);
        let keys =
            |k: usize| crate::domain::division::sort_key(le64(codes, k), self.level_of(k as u32));
        let lo = first_true(0, self.len(), |k| keys(k) >= key);
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

    /// All hits for `q`, best first. Reuses the previous work when `q` extends the last query.
    pub fn search(&mut self, _tree: &Tree, query: &str, limit: usize) -> Vec<Hit> {
        self.query(query, limit)
    }

    /// The same search without a tree (for `sgz find`, straight from the saved index).
    pub fn query(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        let text: String = query
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if text.is_empty() {
            self.last = None;
            return Vec::new();
        }
        if limit == 0 || self.is_empty() {
            return Vec::new();
        }
        let q = Query::new(text);
        let prev = self
            .last
            .take()
            .filter(|p| p.ascii == q.ascii && q.text.starts_with(p.q.as_str()));
        let mut next = Narrow {
            q: q.text.clone(),
            ascii: q.ascii,
            levels: Default::default(),
        };
        let mut keys = self.exact_and_prefix(&q, limit);
        if keys.len() < limit {
            let more = self.wider(&q, limit - keys.len(), prev.as_ref(), &mut next);
            keys.extend(more);
            keys.sort_unstable();
        }
        keys.truncate(limit);
        self.last = Some(next);
        keys.into_iter()
            .map(|key| {
                let class = key_class(key);
                Hit {
                    node: key_entry(key) as u32,
                    class,
                    score: if class == Class::Fuzzy {
                        key_score(key)
                    } else {
                        0
                    },
                }
            })
            .collect()
    }

    /// The positions lo..hi in a kind's sorted entries whose key starts with `q`.
    fn prefix_range(&self, kind: usize, q: &[u8]) -> (usize, usize) {
        let perm = self.sec(S_PERM + kind);
        let at = |i: usize| self.key(kind, le32(perm, i) as usize);
        let lo = first_true(0, self.n, |i| at(i) >= q);
        let hi = first_true(lo, self.n, |i| !at(i).starts_with(q));
        (lo, hi)
    }

    /// The best `limit` exact and prefix hits, ranked, one per entry; fewer only when that
    /// is all of them. Pinyin queries look at the initials and the pinyin (the stems are
    /// prefixes of these), others at the name.
    fn exact_and_prefix(&self, q: &Query, limit: usize) -> Vec<u64> {
        // For one letter the ranges are the same, and an exact pinyin (stem) is an exact
        // initial (stem) too.
        let kinds: &[usize] = match (q.ascii, q.text.len()) {
            (true, 1) => &[INITIALS],
            (true, _) => &[INITIALS, PINYIN],
            _ => &[NAME],
        };
        let qlen = q.text.len();
        // An entry can be in both ranges: keep twice as many, so that `limit` distinct
        // entries remain.
        let mut top = TopK::new(2 * limit);
        for &kind in kinds {
            let (lo, hi) = self.prefix_range(kind, q.bytes());
            let perm = &self.sec(S_PERM + kind)[lo * 4..hi * 4];
            let info = &self.sec(S_INFO + kind)[lo * 4..hi * 4];
            for (k, inf) in perm.chunks_exact(4).zip(info.chunks_exact(4)) {
                let k = le32(k, 0) as usize;
                let inf = le32(inf, 0);
                let len = match (inf >> 8) & 0xff {
                    255 => self.key(kind, k).len(),
                    l => l as usize,
                };
                let cut = (inf & 0xff) as usize;
                let exact = len == qlen || (cut > 0 && len.checked_sub(cut) == Some(qlen));
                let class = if exact { Class::Exact } else { Class::Prefix };
                top.push(rank_key(
                    class,
                    (inf >> 24) as u8 & 7,
                    0,
                    (inf >> 16) as u8,
                    k,
                ));
            }
        }
        let mut seen = std::collections::HashSet::new();
        let mut keys = top.finish();
        keys.retain(|&key| seen.insert(key_entry(key)));
        keys
    }

    /// Substring hits, then fuzzy hits, ranked: the best `need` of them.
    fn wider(&self, q: &Query, need: usize, prev: Option<&Narrow>, next: &mut Narrow) -> Vec<u64> {
        let mut src = Sources::default();
        let mut contains = TopK::new(need);
        let mut found = 0usize;
        // Substring hits rank by level first: stop after the level that makes enough.
        for level in 0..LEVELS {
            if found >= need {
                break;
            }
            let list = match prev.and_then(|p| p.levels[level].as_ref()) {
                Some(l) => Some(self.narrow(l, q)),
                // One ASCII character is in a key exactly when it is in the pinyin.
                None if !q.ascii || q.text.len() == 1 => Some(self.level_list(q, level, &mut src)),
                None => None,
            };
            if let Some(list) = list {
                for (&k, &class) in list.ids.iter().zip(&list.class) {
                    if class == Class::Contains {
                        found += 1;
                        contains.push(self.contains_key(k as usize, level));
                    }
                }
                next.levels[level] = Some(list);
            } else {
                let pairs = src.pairs.get_or_insert_with(|| self.pair_candidates(q));
                self.each_keys(
                    &self.at_level(pairs, level),
                    q.ascii,
                    |_| true,
                    |keys| {
                        if class_of(&keys, q) == Some(Class::Contains) {
                            found += 1;
                            contains.push(self.contains_key(keys.k, level));
                        }
                    },
                );
            }
        }
        let mut out = contains.finish();
        if found >= need {
            return out;
        }
        // Fuzzy hits rank by level, then score: score a level only while hits are missing.
        let mut missing = need - found;
        for level in 0..LEVELS {
            if missing == 0 {
                break;
            }
            if next.levels[level].is_none() {
                next.levels[level] = Some(match prev.and_then(|p| p.levels[level].as_ref()) {
                    Some(l) => self.narrow(l, q),
                    None => self.level_list(q, level, &mut src),
                });
            }
            let Some(list) = next.levels[level].as_ref() else {
                continue;
            };
            let best = self.best_fuzzy(list, level as u8, q, missing);
            missing -= best.len();
            out.extend(best);
        }
        out
    }

    fn contains_key(&self, k: usize, level: usize) -> u64 {
        rank_key(Class::Contains, level as u8, 0, self.name_chars(k), k)
    }

    /// The entries of a previous list that still hold the (longer) query as a subsequence.
    /// A longer query matches no better: a fuzzy entry can only stay fuzzy, a substring one
    /// become fuzzy.
    fn narrow(&self, list: &List, q: &Query) -> List {
        let mut out = List::default();
        for i in 0..list.len() {
            let keys = list.keys(i, q.ascii);
            let class = match list.class[i] {
                Class::Fuzzy => holds(&keys, q).then_some(Class::Fuzzy),
                Class::Contains if holds_substring(&keys, q) => Some(Class::Contains),
                Class::Contains => holds(&keys, q).then_some(Class::Fuzzy),
                _ => class_of(&keys, q),
            };
            if let Some(class) = class {
                let a = list.attrs[i];
                out.push(
                    &keys,
                    class,
                    Attrs::new(a.name_chars, a.plain, &keys, class, q),
                );
            }
        }
        out
    }

    /// Calls `f` with the keys of each entry whose main key passes `pre`, reading them in
    /// batches so that the memory reads of a batch overlap.
    fn each_keys<'a>(
        &'a self,
        ids: &[u32],
        ascii: bool,
        pre: impl Fn(&[u8]) -> bool,
        mut f: impl FnMut(Keys<'a>),
    ) {
        const BATCH: usize = 32;
        let (offs, text) = if ascii {
            (self.sec(S_RECORD_OFFS), self.sec(S_RECORDS))
        } else {
            (self.sec(S_NAME_OFFS), self.sec(S_NAMES))
        };
        for chunk in ids.chunks(BATCH) {
            let mut spans = [(0usize, 0usize); BATCH];
            for (s, &k) in spans.iter_mut().zip(chunk) {
                let k = k as usize;
                *s = (le32(offs, k) as usize, le32(offs, k + 1) as usize);
            }
            // Touch the first byte of every key before looking at any.
            let touch = spans[..chunk.len()]
                .iter()
                .fold(0u8, |t, s| t ^ text.get(s.0).copied().unwrap_or(0));
            std::hint::black_box(touch);
            for (s, &k) in spans.iter().zip(chunk) {
                let k = k as usize;
                let rec = &text[s.0..s.1];
                let (main, initials) = if ascii {
                    let (initials, pinyin) = split_record(rec).unwrap_or_default();
                    (pinyin, initials)
                } else {
                    (rec, &[] as &[u8])
                };
                if pre(main) {
                    f(Keys { k, main, initials });
                }
            }
        }
    }

    /// Every entry at `level` whose main key holds the query as a subsequence.
    fn level_list(&self, q: &Query, level: usize, src: &mut Sources) -> List {
        let ids = if q.ascii {
            let letters = src.letters.get_or_insert_with(|| self.letter_candidates(q));
            self.at_level(letters, level)
        } else {
            let posting = src.posting.get_or_insert_with(|| self.rarest_posting(q));
            posting
                .iter()
                .copied()
                .filter(|&k| usize::from(self.level(k as usize)) == level)
                .collect()
        };
        let mut out = List::default();
        let main_holds = |key: &[u8]| {
            holds(
                &Keys {
                    k: 0,
                    main: key,
                    initials: &[],
                },
                q,
            )
        };
        // An entry outside the pair candidates holds no substring (nor prefix) of the query.
        let pairs = (q.ascii && q.text.len() > 1)
            .then(|| &*src.pairs.get_or_insert_with(|| self.pair_candidates(q)));
        self.each_keys(&ids, q.ascii, main_holds, |keys| {
            let k = keys.k;
            let class = match pairs {
                Some(p) if p[k / 64] >> (k % 64) & 1 == 0 => Some(Class::Fuzzy),
                _ => class_of(&keys, q),
            };
            if let Some(class) = class {
                let plain = self.bit(S_PLAIN, usize::from(q.ascii), k);
                let attrs = Attrs::new(self.name_chars(k), plain, &keys, class, q);
                out.push(&keys, class, attrs);
            }
        });
        out
    }

    /// The members of a bitset that are at `level`.
    fn at_level(&self, words: &[u64], level: usize) -> Vec<u32> {
        let set = self.set(S_LEVEL_SETS, level);
        let mut out = Vec::new();
        for (i, (&w, c)) in words.iter().zip(set.chunks_exact(8)).enumerate() {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            let mut w = w & u64::from_le_bytes(a);
            while w != 0 {
                out.push((i * 64) as u32 + w.trailing_zeros());
                w &= w - 1;
            }
        }
        out
    }

    /// Entries whose pinyin can hold the query as a subsequence: for each suffix type, the
    /// query's longest tail that is a subsequence of the suffix can match there, and the
    /// stem must hold every character of the rest.
    fn letter_candidates(&self, q: &Query) -> Vec<u64> {
        let qb = q.bytes();
        // Per tail length, the entries of the types whose tail is that long.
        let mut by_tail: Vec<Option<Vec<u64>>> = vec![None; qb.len() + 1];
        let types = std::iter::once((0, &[][..])).chain(
            self.suffixes
                .iter()
                .enumerate()
                .map(|(t, s)| (t + 1, s.as_slice())),
        );
        for (t, suffix) in types {
            let tail = if t == 0 {
                0
            } else {
                (0..=qb.len())
                    .rev()
                    .find(|&n| subsequence_bytes(suffix, &qb[qb.len() - n..]))
                    .unwrap_or(0)
            };
            let acc = by_tail[tail].get_or_insert_with(|| vec![0u64; self.words]);
            or_into(acc, self.set(S_SUFFIX_SETS, t));
        }
        // The stem must hold every character before the tail: going from the longest tail
        // to none, one more character each step.
        let mut out = vec![0u64; self.words];
        let mut stem = vec![u64::MAX; self.words];
        let mut seen = 0u64;
        for tail in (0..=qb.len()).rev() {
            if tail < qb.len() {
                let s = symbol(qb[qb.len() - tail - 1]);
                if seen & 1 << s == 0 {
                    seen |= 1 << s;
                    and_into(&mut stem, self.set(S_STEM_LETTERS, s));
                }
            }
            if let Some(acc) = &by_tail[tail] {
                for ((o, a), s) in out.iter_mut().zip(acc).zip(&stem) {
                    *o |= a & s;
                }
            }
        }
        out
    }

    /// Entries whose initials or pinyin hold every adjacent pair of the query (a superset of
    /// those holding the query as a substring).
    fn pair_candidates(&self, q: &Query) -> Vec<u64> {
        let mut out = vec![0u64; self.words];
        let maps = self.sec(S_PAIR_MAP);
        for f in 0..2 {
            let mut acc = vec![u64::MAX; self.words];
            let mut possible = true;
            for w in q.bytes().windows(2) {
                let b = maps[f * PAIRS + symbol(w[0]) * SYMBOLS + symbol(w[1])];
                if b == NO_BUCKET || usize::from(b) >= self.buckets[f] {
                    possible = false;
                    break;
                }
                and_into(&mut acc, self.set(S_PAIRS + f, usize::from(b)));
            }
            if possible {
                for (o, a) in out.iter_mut().zip(&acc) {
                    *o |= a;
                }
            }
        }
        out
    }

    /// The entries whose name holds the query's rarest character (every substring or
    /// subsequence hit holds all of them).
    fn rarest_posting(&self, q: &Query) -> Vec<u32> {
        let table = self.sec(S_CHARS);
        let rows = table.len() / 12;
        let mut best: Option<(usize, usize)> = None;
        for &c in &q.chars {
            let i = first_true(0, rows, |i| le32(table, 3 * i) >= c as u32);
            if i >= rows || le32(table, 3 * i) != c as u32 {
                return Vec::new();
            }
            let (at, count) = (
                le32(table, 3 * i + 1) as usize,
                le32(table, 3 * i + 2) as usize,
            );
            if best.is_none_or(|(_, c)| count < c) {
                best = Some((at, count));
            }
        }
        let Some((at, count)) = best else {
            return Vec::new();
        };
        let bytes = self.sec(S_POSTINGS);
        let mut out = Vec::with_capacity(count.min(self.n));
        let (mut i, mut prev) = (at, 0u64);
        while out.len() < count && i < bytes.len() {
            let (mut gap, mut shift) = (0u64, 0);
            while i < bytes.len() && shift < 35 {
                let b = bytes[i];
                i += 1;
                gap |= u64::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            prev += gap;
            if prev >= self.n as u64 {
                break;
            }
            out.push(prev as u32);
        }
        out
    }

    /// The fuzzy score of a candidate (the better of initials and full pinyin, or name and
    /// stem).
    fn fuzzy_score(&self, keys: &Keys, q: &Query) -> i64 {
        let text = |b| std::str::from_utf8(b).unwrap_or("");
        let pair = if q.ascii {
            [text(keys.initials), text(keys.main)]
        } else {
            let name = text(keys.main);
            let cut = name
                .len()
                .saturating_sub(usize::from(self.sec(S_NAME_SUFFIX)[keys.k]));
            [name, name.get(..cut).unwrap_or(name)]
        };
        pair.iter()
            .filter_map(|key| self.matcher.fuzzy_match(key, &q.text))
            .max()
            .unwrap_or(0)
    }

    /// `fuzzy_score` of an entry of the fuzzy class from `plain_score` where that gives it,
    /// else an upper bound of it: (value, whether exact).
    fn fuzzy_eval(&self, keys: &Keys, q: &Query, cons: i32) -> (i64, bool) {
        let floor = skipped_bound(q.chars.len(), cons);
        let mut best: Option<i32> = None;
        let mut exact = !q.repeats;
        let mut scratch = self.scratch.borrow_mut();
        let mut take = |s: Option<Option<i32>>| -> bool {
            match s {
                None => false,
                Some(None) => true,
                Some(Some(s)) => {
                    exact &= s >= floor;
                    best = Some(best.unwrap_or(i32::MIN).max(s.max(floor)));
                    true
                }
            }
        };
        let plain = if q.ascii {
            self.bit(S_PLAIN, 1, keys.k)
                && take(q.plain_score(keys.initials, cons, &mut scratch))
                && take(q.plain_score(keys.main, cons, &mut scratch))
        } else {
            // The stem is a prefix of the name: its alignments are among the name's.
            self.bit(S_PLAIN, 0, keys.k) && take(q.plain_score(keys.main, cons, &mut scratch))
        };
        if !plain {
            return (SCORE_MAX, false);
        }
        best.map_or((0, true), |s| (i64::from(s), exact))
    }

    /// The best `need` fuzzy hits among the fuzzy entries of a list (all at one level).
    /// Candidates are taken best-first by the best rank they could have, bounded ever more
    /// tightly (by where the query can end in the keys, then by the adjacent pairs the keys
    /// lack, then by `fuzzy_eval`, which mostly gives the score itself) before the matcher
    /// runs: a candidate is looked at further only while it could still make the cut.
    fn best_fuzzy(&self, list: &List, level: u8, q: &Query, need: usize) -> Vec<u64> {
        use std::cmp::Reverse;
        if need == 0 {
            return Vec::new();
        }
        let m = q.chars.len() as i64;
        let cons = if q.repeats { 16 } else { 4 };
        let skipped = i64::from(skipped_bound(q.chars.len(), cons));
        // A plain key's alignment with g >= 1 gaps (a fuzzy hit is no substring, and each
        // adjacent pair of the query the key lacks forces one) scores 16 per character,
        // less 1, `cons` per directly following match, less 3 plus the skipped characters
        // per gap; starting at the first column it gains 16, and its skipped characters
        // are its last column less m. So it scores at most this, given the first column
        // its query can end at.
        let key_bound = |first: bool, gaps: usize, end: u8| -> i64 {
            if end == 0 {
                return i64::MIN;
            }
            let g = gaps.max(1) as i64;
            let later = 16 * m - 1 + i64::from(cons) * (m - 1 - g) - 4 * g;
            let at_first = 17 * m + 15 + i64::from(cons) * (m - 1 - g) - 3 * g - i64::from(end);
            if first {
                later.max(at_first)
            } else {
                later
            }
        };
        let key_of = |i: usize, score: i64| {
            let k = list.ids[i] as usize;
            rank_key(Class::Fuzzy, level, score, list.attrs[i].name_chars, k)
        };
        let first = |i: usize| {
            let keys = list.keys(i, q.ascii);
            if q.ascii {
                keys.main.first() == q.bytes().first()
            } else {
                std::str::from_utf8(keys.main)
                    .ok()
                    .and_then(|s| s.chars().next())
                    == q.chars.first().copied()
            }
        };
        let bound = |i: usize, gaps: [usize; 2]| {
            let (a, f) = (list.attrs[i], first(i));
            key_bound(f, gaps[1], a.end)
                .max(key_bound(f, gaps[0], a.initials_end))
                .max(skipped)
        };
        // The pair buckets of the query per family (initials, pinyin); None for a pair no
        // key holds.
        let maps = self.sec(S_PAIR_MAP);
        let pair_buckets: Vec<Vec<Option<usize>>> = (0..2)
            .map(|f| {
                q.bytes()
                    .windows(2)
                    .map(|w| {
                        let b = maps[f * PAIRS + symbol(w[0]) * SYMBOLS + symbol(w[1])];
                        (b != NO_BUCKET && usize::from(b) < self.buckets[f])
                            .then_some(usize::from(b))
                    })
                    .collect()
            })
            .collect();
        let missing_pairs = |f: usize, k: usize| {
            pair_buckets[f]
                .iter()
                .filter(|b| b.is_none_or(|b| !self.bit(S_PAIRS + f, b, k)))
                .count()
        };
        // (best rank, stage, position). Stage 0 is bounded by where the query ends, 1 by
        // the missing pairs too (pinyin queries), 2 by `fuzzy_eval`; 3 is scored. Keys that
        // are not plain go to the matcher straight away.
        let mut heap: std::collections::BinaryHeap<Reverse<(u64, u8, u32)>> = (0..list.len())
            .filter(|&i| list.class[i] == Class::Fuzzy)
            .map(|i| {
                let (b, stage) = if list.attrs[i].plain {
                    (bound(i, [0, 0]), 0)
                } else {
                    (SCORE_MAX, 2)
                };
                Reverse((key_of(i, b), stage, i as u32))
            })
            .collect();
        let mut out = Vec::new();
        while out.len() < need {
            let Some(Reverse((key, stage, i))) = heap.pop() else {
                break;
            };
            let iu = i as usize;
            let (score, stage) = match stage {
                0 if q.ascii => {
                    let k = list.ids[iu] as usize;
                    (bound(iu, [missing_pairs(0, k), missing_pairs(1, k)]), 1)
                }
                0 | 1 => {
                    let (score, exact) = self.fuzzy_eval(&list.keys(iu, q.ascii), q, cons);
                    (score, if exact { 3 } else { 2 })
                }
                2 => (self.fuzzy_score(&list.keys(iu, q.ascii), q), 3),
                _ => {
                    out.push(key);
                    continue;
                }
            };
            // A subsequence the matcher does not score is no match.
            if score > 0 {
                heap.push(Reverse((key_of(iu, score), stage, i)));
            }
        }
        out
    }

    /// The index as bytes, for saving in the database.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.buf.clone()
    }

    /// The index as saved, without a copy.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// Read an index saved by `to_bytes`; None if the bytes are not one (an index saved in
    /// an older format included: build a new one).
    pub fn from_bytes(b: &[u8]) -> Option<Index> {
        if !b.starts_with(MAGIC) {
            return None;
        }
        Index::from_vec(b.to_vec())
    }

    /// `from_bytes` that keeps the buffer as the index itself, without a copy.
    pub fn from_vec(buf: Vec<u8>) -> Option<Index> {
        if !buf.starts_with(MAGIC) || buf.len() < 16 + 8 * SECTIONS {
            return None;
        }
        let n = usize::try_from(le64(&buf, 1)).ok()?;
        if n >= u32::MAX as usize {
            return None;
        }
        let words = n.div_ceil(64);
        let mut sec = [(0usize, 0usize); SECTIONS];
        let mut at = 16 + 8 * SECTIONS;
        for (s, slot) in sec.iter_mut().enumerate() {
            let len = usize::try_from(le64(&buf, 2 + s)).ok()?;
            at = at.checked_next_multiple_of(8)?;
            let end = at.checked_add(len)?;
            if end > buf.len() {
                return None;
            }
            *slot = (at, len);
            at = end;
        }
        if at != buf.len() {
            return None;
        }
        let len = |s: usize| sec[s].1;
        let set_bytes = words * 8;
        let fixed = [
            (S_NAME_OFFS, (n + 1) * 4),
            (S_RECORD_OFFS, (n + 1) * 4),
            (S_PERM, n * 4),
            (S_PERM + 1, n * 4),
            (S_PERM + 2, n * 4),
            (S_INFO, n * 4),
            (S_INFO + 1, n * 4),
            (S_INFO + 2, n * 4),
            (S_CODES, n * 8),
            (S_LEVELS, n),
            (S_NAMELEN, n),
            (S_NAME_SUFFIX, n),
            (S_PLAIN, 2 * set_bytes),
            (S_LEVEL_SETS, LEVELS * set_bytes),
            (S_SUFFIX_SETS, (SUFFIX_TYPES + 1) * set_bytes),
            (S_STEM_LETTERS, SYMBOLS * set_bytes),
            (S_PAIR_MAP, 2 * PAIRS),
        ];
        if fixed.iter().any(|&(s, l)| len(s) != l) || len(S_CHARS) % 12 != 0 {
            return None;
        }
        let mut buckets = [0usize; 2];
        for (f, b) in buckets.iter_mut().enumerate() {
            let l = len(S_PAIRS + f);
            *b = l.checked_div(set_bytes).unwrap_or(0);
            if *b * set_bytes != l || *b >= usize::from(NO_BUCKET) {
                return None;
            }
        }
        let mut suffixes = Vec::new();
        let (table_at, table_len) = sec[S_SUFFIXES];
        let mut table = &buf[table_at..table_at + table_len];
        while !table.is_empty() {
            let l = le32(table.get(..4)?, 0) as usize;
            suffixes.push(table.get(4..4 + l)?.to_vec());
            table = &table[4 + l..];
        }
        if suffixes.len() > SUFFIX_TYPES {
            return None;
        }
        let idx = Index {
            buf,
            sec,
            n,
            words,
            buckets,
            suffixes,
            matcher: SkimMatcherV2::default(),
            last: None,
            scratch: Default::default(),
        };
        // Offsets must rise from 0 to the end of their text, records hold their initials,
        // sorted entries, levels and pair buckets must be in range. Text is checked as
        // UTF-8 where it is read.
        for (offs, text) in [(S_NAME_OFFS, S_NAMES), (S_RECORD_OFFS, S_RECORDS)] {
            let offs = idx.sec(offs);
            let mut last = 0u32;
            for i in 0..=n {
                let o = le32(offs, i);
                if o < last || (i == 0 && o != 0) {
                    return None;
                }
                last = o;
            }
            if last as usize != idx.sec(text).len() {
                return None;
            }
        }
        let (offs, records) = (idx.sec(S_RECORD_OFFS), idx.sec(S_RECORDS));
        let whole = |k: usize| {
            split_record(&records[le32(offs, k) as usize..le32(offs, k + 1) as usize]).is_some()
        };
        if !(0..n).all(whole) {
            return None;
        }
        for kind in 0..KINDS {
            let perm = idx.sec(S_PERM + kind);
            if (0..n).any(|i| le32(perm, i) as usize >= n) {
                return None;
            }
        }
        let maps = idx.sec(S_PAIR_MAP);
        let maps_ok = (0..2).all(|f| {
            maps[f * PAIRS..(f + 1) * PAIRS]
                .iter()
                .all(|&b| b == NO_BUCKET || usize::from(b) < idx.buckets[f])
        });
        let ok = maps_ok && idx.sec(S_LEVELS).iter().all(|&l| usize::from(l) < LEVELS);
        ok.then_some(idx)
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

    /// A small deterministic generator (no dependency).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) % n as u64) as usize
        }
        fn word(&mut self, alphabet: &[u8], max: usize) -> String {
            let len = 1 + self.next(max);
            (0..len)
                .map(|_| alphabet[self.next(alphabet.len())] as char)
                .collect()
        }
    }

    fn plain_ascii(key: &str, q: &str, cons: i32) -> Option<i32> {
        let query = Query::new(q.to_string());
        let mut s = Scratch::default();
        query.plain_score(key.as_bytes(), cons, &mut s).flatten()
    }

    #[test]
    fn plain_score_is_the_matchers_score_or_above_it_below_the_skipped_bound() {
        let matcher = SkimMatcherV2::default();
        let mut rng = Lcg(7);
        let (mut exact, mut total) = (0, 0);
        for _ in 0..20_000 {
            let key = rng.word(b"abcqx1", 30);
            let q = rng.word(b"abcqx1", 6);
            let repeats = q.as_bytes().windows(2).any(|w| w[0] == w[1]);
            let cons = if repeats { 16 } else { 4 };
            let ours = plain_ascii(&key, &q, cons);
            let theirs = matcher.fuzzy_match(&key, &q);
            assert_eq!(ours.is_some(), theirs.is_some(), "{key} {q}");
            let (Some(ours), Some(theirs)) = (ours, theirs) else {
                continue;
            };
            let theirs = theirs as i32;
            total += 1;
            assert!(
                ours.max(skipped_bound(q.len(), cons)) >= theirs,
                "{key} {q}"
            );
            if !repeats && ours >= skipped_bound(q.len(), cons) {
                assert_eq!(ours, theirs, "{key} {q}");
                exact += 1;
            }
        }
        assert!(exact * 2 > total, "{exact} of {total}");
        // Hanzi keys are plain too.
        let q = Query::new("兴区".to_string());
        let mut s = Scratch::default();
        let ours = q.plain_score("兴庆区".as_bytes(), 4, &mut s).flatten();
        assert_eq!(ours.map(i64::from), matcher.fuzzy_match("兴庆区", "兴区"));
    }

    /// Search as the index did before it was built for speed: classify every entry, score
    /// every fuzzy one, sort.
    fn reference(
        rows: &[(u64, Level, String)],
        keys: &[[String; 6]],
        q: &str,
        limit: usize,
    ) -> Vec<Hit> {
        let matcher = SkimMatcherV2::default();
        let q: String = q
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let ascii = q.is_ascii();
        let qc: Vec<char> = q.chars().collect();
        let mut hits = Vec::new();
        for (k, [name, stem, py, stem_py, ini, stem_ini]) in keys.iter().enumerate() {
            let keys = if ascii {
                [ini, py, stem_py]
            } else {
                [name, stem, name]
            };
            let class = if keys.iter().any(|key| **key == q) || (ascii && *stem_ini == q) {
                Class::Exact
            } else if keys.iter().any(|key| key.starts_with(&q)) {
                Class::Prefix
            } else if keys[..2].iter().any(|key| key.contains(&q)) {
                Class::Contains
            } else if keys[..2]
                .iter()
                .any(|key| subsequence_end(key, &qc).is_some())
            {
                Class::Fuzzy
            } else {
                continue;
            };
            let score = if class == Class::Fuzzy {
                keys[..2]
                    .iter()
                    .filter_map(|key| matcher.fuzzy_match(key, &q))
                    .max()
                    .unwrap_or(0)
            } else {
                0
            };
            if class != Class::Fuzzy || score > 0 {
                hits.push((k, class, score));
            }
        }
        hits.sort_by_key(|&(k, class, score)| {
            let (code, level, name) = &rows[k];
            (
                class,
                level.index(),
                std::cmp::Reverse(score),
                name.chars().count(),
                *code,
            )
        });
        hits.truncate(limit);
        hits.into_iter()
            .map(|(k, class, score)| Hit {
                node: k as u32,
                class,
                score,
            })
            .collect()
    }

    #[test]
    fn answers_as_a_full_scan_would_typed_or_fresh() {
        let divisions = crate::io::divisions::read_texts(&crate::seed::DIVISION_TEXTS).unwrap();
        let tree = crate::commands::tree_of(&divisions);
        let readings = Readings::embedded();
        let rows: Vec<(u64, Level, String)> = tree
            .nodes()
            .iter()
            .map(|n| (n.code(), n.level, n.name.to_string()))
            .collect();
        let keys: Vec<[String; 6]> = rows
            .iter()
            .map(|(_, _, name)| {
                let syl = readings.syllables(name);
                let stem = strip_suffix(name);
                let sl = readings.syllables(stem).len().min(syl.len());
                let initials = |s: &[String]| -> String {
                    s.iter().filter_map(|x| x.chars().next()).collect()
                };
                [
                    name.clone(),
                    stem.to_string(),
                    syl.concat(),
                    syl[..sl].concat(),
                    initials(&syl),
                    initials(&syl[..sl]),
                ]
            })
            .collect();
        // Queries of every class: names and their pieces, pinyin, its prefixes and every
        // other letter of it, initials, and a few typed by hand.
        let mut queries: Vec<String> = ["xq", "jhq", "xingqing", "yinchuan", "ycs", "qu", "cun"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for k in (0..keys.len()).step_by(997) {
            let [name, stem, py, _, ini, _] = &keys[k];
            let chars: Vec<char> = name.chars().collect();
            queries.push(name.clone());
            queries.push(stem.clone());
            queries.push(chars.iter().step_by(2).collect());
            queries.push(chars.iter().skip(1).take(2).collect());
            queries.push(py.clone());
            queries.push(py.chars().take(4).collect());
            queries.push(py.chars().step_by(2).collect());
            queries.push(py.chars().skip(3).take(5).collect());
            queries.push(ini.clone());
        }
        // Fuzzy scores are the matcher's, which can differ by call order when the query
        // repeats a character: leave those out.
        queries.retain(|q| {
            let c: Vec<char> = q.chars().collect();
            !q.is_empty() && !c.windows(2).any(|w| w[0] == w[1])
        });
        let mut typed = Index::build(&tree, &readings);
        let mut fresh = Index::from_bytes(typed.as_bytes()).unwrap();
        for q in &queries {
            typed.query("", 1);
            let mut prefix = String::new();
            for c in q.chars() {
                prefix.push(c);
                let want = reference(&rows, &keys, &prefix, 200);
                assert_eq!(typed.query(&prefix, 200), want, "typed {prefix}");
            }
            fresh.query("", 1);
            assert_eq!(
                fresh.query(q, 7),
                reference(&rows, &keys, q, 7),
                "fresh {q}"
            );
        }
    }
}
