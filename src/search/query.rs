//! Answering a query: exact and prefix hits from the sorted keys, substring and fuzzy hits
//! from candidates the bitsets leave, scored best-first, and the narrowing that lets a
//! query extending the previous one search only the previous hits.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

use super::candidates::Sources;
use super::format::{
    first_true, le32, split_record, INITIALS, LEVELS, NAME, PINYIN, S_INFO, S_NAMES, S_NAME_OFFS,
    S_PAIRS, S_PERM, S_PLAIN, S_RECORDS, S_RECORD_OFFS,
};
use super::score::{key_bound, skipped_bound};
use super::{Class, Hit, Index};
use crate::domain::division::Tree;

fn contains_bytes(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    hay.len() >= needle.len()
        && (0..=hay.len() - needle.len())
            .any(|i| hay[i] == first && hay[i + 1..i + needle.len()] == *rest)
}

/// Whether the bytes of `q` appear in `key` in order.
pub(super) fn subsequence_bytes(key: &[u8], q: &[u8]) -> bool {
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

/// What is searched for: the query lowercased, without whitespace or syllable apostrophes
/// (`dong'e`), with ü spelled as the keys spell it (`readings::spell_u`): `v` as every
/// Chinese input method types it, `ü` and `u:` as written, and `yu` where only ü can be
/// meant (`lyu`, as passports spell 吕, and `nyu` at the start: no syllable ends in l, and
/// only at the start can n not be the end of one, as in lianyungang).
pub(super) fn normalize(query: &str) -> String {
    let mut s: String = query
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\'' | '’'))
        .collect();
    if s.contains(['ü', ':', 'y']) {
        s = s.replace('ü', "v").replace("u:", "v").replace("lyu", "lv");
        if let Some(rest) = s.strip_prefix("nyu") {
            s = format!("nv{rest}");
        }
    }
    s
}

/// A normalized query (`normalize`).
pub(super) struct Query {
    pub(super) text: String,
    pub(super) chars: Vec<char>,
    pub(super) ascii: bool,
    /// Whether two adjacent characters are the same.
    pub(super) repeats: bool,
    /// For ASCII queries of at most 64 bytes: per byte value, the positions holding it.
    pub(super) rows: Option<Box<[u64; 256]>>,
}

impl Query {
    pub(super) fn new(text: String) -> Query {
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

    pub(super) fn bytes(&self) -> &[u8] {
        self.text.as_bytes()
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

/// Whether the main key starts with the query's first character.
fn starts_alike(keys: &Keys, q: &Query) -> bool {
    if q.ascii {
        keys.main.first() == q.bytes().first()
    } else {
        std::str::from_utf8(keys.main)
            .ok()
            .and_then(|s| s.chars().next())
            == q.chars.first().copied()
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
pub(super) struct Narrow {
    q: String,
    ascii: bool,
    levels: [Option<List>; LEVELS],
}

impl Index {
    /// All hits for `q`, best first. Reuses the previous work when `q` extends the last query.
    pub fn search(&mut self, _tree: &Tree, query: &str, limit: usize) -> Vec<Hit> {
        self.query(query, limit)
    }

    /// The same search without a tree (for `sgz find`, straight from the saved index).
    pub fn query(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        let text = normalize(query);
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
        let mut seen = HashSet::new();
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

    /// The fuzzy score of a candidate (the better of initials and full pinyin, or name and
    /// stem).
    fn fuzzy_score(&self, keys: &Keys, q: &Query) -> i64 {
        let text = |b| std::str::from_utf8(b).unwrap_or("");
        let pair = if q.ascii {
            [text(keys.initials), text(keys.main)]
        } else {
            let name = text(keys.main);
            let cut = name.len().saturating_sub(self.name_suffix(keys.k));
            [name, name.get(..cut).unwrap_or(name)]
        };
        let mut matcher = self.matcher.borrow_mut();
        pair.iter()
            .filter_map(|key| matcher.score(key, &q.text))
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
        if need == 0 {
            return Vec::new();
        }
        let m = q.chars.len();
        let cons = if q.repeats { 16 } else { 4 };
        let skipped = i64::from(skipped_bound(m, cons));
        let key_of = |i: usize, score: i64| {
            let k = list.ids[i] as usize;
            rank_key(Class::Fuzzy, level, score, list.attrs[i].name_chars, k)
        };
        let bound = |i: usize, gaps: [usize; 2]| {
            let (a, f) = (list.attrs[i], starts_alike(&list.keys(i, q.ascii), q));
            key_bound(m, cons, f, gaps[1], a.end)
                .max(key_bound(m, cons, f, gaps[0], a.initials_end))
                .max(skipped)
        };
        let pair_buckets = [self.query_buckets(q, 0), self.query_buckets(q, 1)];
        let missing_pairs = |f: usize, k: usize| {
            pair_buckets[f]
                .iter()
                .filter(|b| b.is_none_or(|b| !self.bit(S_PAIRS + f, b, k)))
                .count()
        };
        // (best rank, stage, position). Stage 0 is bounded by where the query ends, 1 by
        // the missing pairs too (pinyin queries), 2 by `fuzzy_eval`; 3 is scored. Keys that
        // are not plain go to the matcher straight away.
        let mut heap: BinaryHeap<Reverse<(u64, u8, u32)>> = (0..list.len())
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
}

#[cfg(test)]
mod tests {
    use super::super::readings::{strip_suffix, Readings};
    use super::*;
    use crate::domain::division::Level;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use fuzzy_matcher::FuzzyMatcher;

    /// Search as the index did before it was built for speed: classify every entry, score
    /// every fuzzy one, sort.
    fn reference(
        rows: &[(u64, Level, String)],
        keys: &[[String; 6]],
        q: &str,
        limit: usize,
    ) -> Vec<Hit> {
        let matcher = SkimMatcherV2::default();
        let q = normalize(q);
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
        let tree = crate::domain::division::Tree::from_divisions(&divisions);
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
