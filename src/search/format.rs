//! The index on disk and in memory: one buffer of sections, saved as is and used in place
//! once read. This file says what the sections hold, writes and checks the buffer, and
//! reads entries out of it.
//!
//! Keys: the name (UTF-8), and per entry a record of its pinyin followed by its initials.
//! The stems (the name without 村民委员会, 街道 and the like, and its pinyin and initials)
//! are prefixes of these, kept as lengths.

use super::Index;
use crate::domain::division::{self, Level};

pub(super) const NAME: usize = 0;
pub(super) const PINYIN: usize = 1;
pub(super) const INITIALS: usize = 2;
pub(super) const KINDS: usize = 3;

const MAGIC: &[u8; 8] = b"SGZIDX5\0";

// Sections, in order; each starts 8-byte aligned. Bitsets are u64 words, one bit per entry.
/// The names, back to back.
pub(super) const S_NAMES: usize = 0;
/// n + 1 u32 offsets into S_NAMES.
pub(super) const S_NAME_OFFS: usize = 1;
/// Per entry a record (`push_record`): the length of its initials (one byte below 128,
/// else two: the low seven bits with the top bit set, then the rest), the initials, the
/// pinyin.
pub(super) const S_RECORDS: usize = 2;
/// n + 1 u32 offsets into S_RECORDS.
pub(super) const S_RECORD_OFFS: usize = 3;
/// n u32 entries sorted by name, pinyin and initials (+ kind), ties by entry.
pub(super) const S_PERM: usize = 4;
/// n u32 beside each S_PERM slot: level << 24 | name chars << 16 | key bytes << 8 | bytes the
/// stem leaves off (lengths saturate at 255).
pub(super) const S_INFO: usize = 7;
/// n u64 codes.
pub(super) const S_CODES: usize = 10;
/// n u8 levels.
pub(super) const S_LEVELS: usize = 11;
/// n u8 name lengths in chars (saturating).
pub(super) const S_NAMELEN: usize = 12;
/// n u8: bytes of the name the stem leaves off.
pub(super) const S_NAME_SUFFIX: usize = 13;
/// Two bitsets: the name is plain (`plain_char`); the pinyin and initials are.
pub(super) const S_PLAIN: usize = 14;
/// A bitset per level.
pub(super) const S_LEVEL_SETS: usize = 15;
/// The commonest pinyin suffixes (what the stem leaves off), each as a u32 length and the
/// bytes; suffix type t (1-based) is the t-th, type 0 is any other or none.
pub(super) const S_SUFFIXES: usize = 16;
/// A bitset per suffix type.
pub(super) const S_SUFFIX_SETS: usize = 17;
/// A bitset per symbol (`symbol`): the stem's pinyin holds that character (the whole
/// pinyin for suffix type 0).
pub(super) const S_STEM_LETTERS: usize = 18;
/// Two maps (initials, pinyin) of SYMBOLS² u8: the bucket of a pair of adjacent characters,
/// NO_BUCKET when no key holds the pair.
pub(super) const S_PAIR_MAP: usize = 19;
/// Bitsets per bucket: the initials (+ 0) or pinyin (+ 1) hold a pair of that bucket.
pub(super) const S_PAIRS: usize = 20;
/// (char, byte offset into S_POSTINGS, count) as 3 u32, sorted by char.
pub(super) const S_CHARS: usize = 22;
/// Per char of any name, the entries whose name holds it, as LEB128 gaps.
pub(super) const S_POSTINGS: usize = 23;
pub(super) const SECTIONS: usize = 24;

pub(super) const LEVELS: usize = 5;
/// a-z, 0-9 and one for everything else.
pub(super) const SYMBOLS: usize = 37;
pub(super) const PAIRS: usize = SYMBOLS * SYMBOLS;
pub(super) const PAIR_BUCKETS: usize = 64;
pub(super) const NO_BUCKET: u8 = u8::MAX;
pub(super) const SUFFIX_TYPES: usize = 10;

/// Longest initials a record holds.
pub(super) const MAX_INITIALS: usize = (1 << 15) - 1;

/// Bytes before the first section: MAGIC, n, and the length of each section, as u64.
const HEADER: usize = 16 + 8 * SECTIONS;

pub(super) fn symbol(b: u8) -> usize {
    match b {
        b'a'..=b'z' => (b - b'a') as usize,
        b'0'..=b'9' => 26 + (b - b'0') as usize,
        _ => SYMBOLS - 1,
    }
}

/// Where the pair of adjacent characters `w` sits in a pair map (S_PAIR_MAP).
pub(super) fn pair_slot(family: usize, w: &[u8]) -> usize {
    family * PAIRS + symbol(w[0]) * SYMBOLS + symbol(w[1])
}

/// Appends a record (S_RECORDS). `initials` must not be longer than MAX_INITIALS.
pub(super) fn push_record(records: &mut Vec<u8>, initials: &[u8], pinyin: &[u8]) {
    let il = initials.len();
    if il < 0x80 {
        records.push(il as u8);
    } else {
        records.extend_from_slice(&[(il & 0x7f) as u8 | 0x80, (il >> 7) as u8]);
    }
    records.extend_from_slice(initials);
    records.extend_from_slice(pinyin);
}

/// A record's (initials, pinyin); None if it is cut short.
pub(super) fn split_record(rec: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&b0, rest) = rec.split_first()?;
    let (len, rest) = if b0 < 0x80 {
        (usize::from(b0), rest)
    } else {
        let (&b1, rest) = rest.split_first()?;
        (usize::from(b0 & 0x7f) | usize::from(b1) << 7, rest)
    };
    (len <= rest.len()).then(|| rest.split_at(len))
}

/// Appends rising entries as LEB128 gaps (S_POSTINGS).
pub(super) fn push_gaps(out: &mut Vec<u8>, ids: &[u32]) {
    let mut prev = 0u32;
    for &id in ids {
        let mut gap = id - prev;
        prev = id;
        while gap >= 0x80 {
            out.push((gap & 0x7f) as u8 | 0x80);
            gap >>= 7;
        }
        out.push(gap as u8);
    }
}

/// Up to `count` entries below `n` written by `push_gaps` from byte `at` on.
pub(super) fn read_gaps(bytes: &[u8], at: usize, count: usize, n: usize) -> Vec<u32> {
    let mut out = Vec::with_capacity(count.min(n));
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
        if prev >= n as u64 {
            break;
        }
        out.push(prev as u32);
    }
    out
}

pub(super) fn le32(b: &[u8], i: usize) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[i * 4..i * 4 + 4]);
    u32::from_le_bytes(a)
}

pub(super) fn le64(b: &[u8], i: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[i * 8..i * 8 + 8]);
    u64::from_le_bytes(a)
}

pub(super) fn u32_bytes(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

pub(super) fn u64_bytes(v: &[u64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// The u64 words of a bitset stored as bytes.
pub(super) fn words(set: &[u8]) -> impl Iterator<Item = u64> + '_ {
    set.chunks_exact(8).map(|c| le64(c, 0))
}

pub(super) fn and_into(acc: &mut [u64], set: &[u8]) {
    for (w, s) in acc.iter_mut().zip(words(set)) {
        *w &= s;
    }
}

pub(super) fn or_into(acc: &mut [u64], set: &[u8]) {
    for (w, s) in acc.iter_mut().zip(words(set)) {
        *w |= s;
    }
}

/// The first index in lo..hi where `pred` holds (it must hold from some index on).
pub(super) fn first_true(mut lo: usize, mut hi: usize, pred: impl Fn(usize) -> bool) -> usize {
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

/// The buffer of `n` entries with these sections (in order), as `Index::from_vec` reads it.
pub(super) fn write(n: usize, sections: Vec<Vec<u8>>) -> Vec<u8> {
    let total = HEADER + sections.iter().map(|s| s.len() + 7).sum::<usize>();
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
    buf
}

/// The number of entries and where each section lies (start, length), from the header;
/// None unless the sections fill the buffer exactly.
fn layout(buf: &[u8]) -> Option<(usize, [(usize, usize); SECTIONS])> {
    if !buf.starts_with(MAGIC) || buf.len() < HEADER {
        return None;
    }
    let n = usize::try_from(le64(buf, 1)).ok()?;
    if n >= u32::MAX as usize {
        return None;
    }
    let mut sec = [(0usize, 0usize); SECTIONS];
    let mut at = HEADER;
    for (s, slot) in sec.iter_mut().enumerate() {
        let len = usize::try_from(le64(buf, 2 + s)).ok()?;
        at = at.checked_next_multiple_of(8)?;
        let end = at.checked_add(len)?;
        if end > buf.len() {
            return None;
        }
        *slot = (at, len);
        at = end;
    }
    (at == buf.len()).then_some((n, sec))
}

/// Whether the sections whose size follows from `n` have that size.
fn sizes_fit(n: usize, sec: &[(usize, usize); SECTIONS]) -> bool {
    let set_bytes = n.div_ceil(64) * 8;
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
    fixed.iter().all(|&(s, l)| sec[s].1 == l) && sec[S_CHARS].1.is_multiple_of(12)
}

/// The pair buckets of the initials and pinyin (S_PAIRS), from the sections' lengths.
fn pair_buckets(n: usize, sec: &[(usize, usize); SECTIONS]) -> Option<[usize; 2]> {
    let set_bytes = n.div_ceil(64) * 8;
    let mut buckets = [0usize; 2];
    for (f, b) in buckets.iter_mut().enumerate() {
        let l = sec[S_PAIRS + f].1;
        *b = l.checked_div(set_bytes).unwrap_or(0);
        if *b * set_bytes != l || *b >= usize::from(NO_BUCKET) {
            return None;
        }
    }
    Some(buckets)
}

/// The pinyin suffixes of S_SUFFIXES.
fn suffix_table(mut table: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut suffixes = Vec::new();
    while !table.is_empty() {
        let l = le32(table.get(..4)?, 0) as usize;
        suffixes.push(table.get(4..4 + l)?.to_vec());
        table = &table[4 + l..];
    }
    (suffixes.len() <= SUFFIX_TYPES).then_some(suffixes)
}

impl Index {
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
        let (n, sec) = layout(&buf)?;
        if !sizes_fit(n, &sec) {
            return None;
        }
        let buckets = pair_buckets(n, &sec)?;
        let (at, len) = sec[S_SUFFIXES];
        let suffixes = suffix_table(&buf[at..at + len])?;
        let idx = Index::new(buf, sec, n, buckets, suffixes);
        idx.is_sound().then_some(idx)
    }

    /// Offsets rise from 0 to the end of their text, records hold their initials, sorted
    /// entries, levels and pair buckets are in range. (Text is checked as UTF-8 where it is
    /// read.)
    fn is_sound(&self) -> bool {
        let n = self.n;
        for (offs, text) in [(S_NAME_OFFS, S_NAMES), (S_RECORD_OFFS, S_RECORDS)] {
            let offs = self.sec(offs);
            let mut last = 0u32;
            for i in 0..=n {
                let o = le32(offs, i);
                if o < last || (i == 0 && o != 0) {
                    return false;
                }
                last = o;
            }
            if last as usize != self.sec(text).len() {
                return false;
            }
        }
        let (offs, records) = (self.sec(S_RECORD_OFFS), self.sec(S_RECORDS));
        let whole = |k: usize| {
            split_record(&records[le32(offs, k) as usize..le32(offs, k + 1) as usize]).is_some()
        };
        if !(0..n).all(whole) {
            return false;
        }
        for kind in 0..KINDS {
            let perm = self.sec(S_PERM + kind);
            if (0..n).any(|i| le32(perm, i) as usize >= n) {
                return false;
            }
        }
        let maps = self.sec(S_PAIR_MAP);
        let maps_ok = (0..2).all(|f| {
            maps[f * PAIRS..(f + 1) * PAIRS]
                .iter()
                .all(|&b| b == NO_BUCKET || usize::from(b) < self.buckets[f])
        });
        maps_ok && self.sec(S_LEVELS).iter().all(|&l| usize::from(l) < LEVELS)
    }

    pub fn len(&self) -> usize {
        self.n
    }
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    pub(super) fn sec(&self, s: usize) -> &[u8] {
        let (a, l) = self.sec[s];
        &self.buf[a..a + l]
    }

    /// An entry's (initials, pinyin).
    fn record(&self, k: usize) -> (&[u8], &[u8]) {
        let offs = self.sec(S_RECORD_OFFS);
        let rec = &self.sec(S_RECORDS)[le32(offs, k) as usize..le32(offs, k + 1) as usize];
        split_record(rec).unwrap_or_default()
    }

    pub(super) fn key(&self, kind: usize, k: usize) -> &[u8] {
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
    pub(super) fn set(&self, s: usize, b: usize) -> &[u8] {
        let w = self.words * 8;
        &self.sec(s)[b * w..(b + 1) * w]
    }

    pub(super) fn bit(&self, s: usize, b: usize, k: usize) -> bool {
        self.set(s, b)[k / 8] >> (k % 8) & 1 == 1
    }

    pub(super) fn level(&self, k: usize) -> u8 {
        self.sec(S_LEVELS)[k]
    }

    pub(super) fn name_chars(&self, k: usize) -> u8 {
        self.sec(S_NAMELEN)[k]
    }

    /// Bytes of entry `k`'s name that its stem leaves off.
    pub(super) fn name_suffix(&self, k: usize) -> usize {
        usize::from(self.sec(S_NAME_SUFFIX)[k])
    }

    pub fn name_of(&self, k: u32) -> &str {
        self.key_str(NAME, k as usize)
    }
    pub fn level_of(&self, k: u32) -> Level {
        Level::from_index(self.level(k as usize)).unwrap_or(Level::Village)
    }
    pub fn code_of(&self, k: u32) -> String {
        division::code_string(le64(self.sec(S_CODES), k as usize), self.level_of(k))
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
        let (c, l) = division::parse_code(code)?;
        let key = division::sort_key(c, l);
        let codes = self.sec(S_CODES);
        let keys = |k: usize| division::sort_key(le64(codes, k), self.level_of(k as u32));
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
}
