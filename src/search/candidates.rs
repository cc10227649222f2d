//! Candidates of a query: the entries that can hold it, from the bitsets and postings of
//! the index, before any key is read.

use super::format::{
    and_into, first_true, le32, or_into, pair_slot, read_gaps, symbol, words, NO_BUCKET, S_CHARS,
    S_LEVEL_SETS, S_PAIRS, S_PAIR_MAP, S_POSTINGS, S_STEM_LETTERS, S_SUFFIX_SETS,
};
use super::query::{subsequence_bytes, Query};
use super::Index;

/// Candidate sets of one query, made when first needed.
#[derive(Default)]
pub(super) struct Sources {
    pub(super) letters: Option<Vec<u64>>,
    pub(super) pairs: Option<Vec<u64>>,
    pub(super) posting: Option<Vec<u32>>,
}

impl Index {
    /// The members of a bitset that are at `level`.
    pub(super) fn at_level(&self, members: &[u64], level: usize) -> Vec<u32> {
        let set = self.set(S_LEVEL_SETS, level);
        let mut out = Vec::new();
        for (i, (&w, s)) in members.iter().zip(words(set)).enumerate() {
            let mut w = w & s;
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
    pub(super) fn letter_candidates(&self, q: &Query) -> Vec<u64> {
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

    /// The pair bucket of each adjacent pair of the query in family `f` (initials 0,
    /// pinyin 1); None for a pair no key holds.
    pub(super) fn query_buckets(&self, q: &Query, f: usize) -> Vec<Option<usize>> {
        let maps = self.sec(S_PAIR_MAP);
        q.bytes()
            .windows(2)
            .map(|w| {
                let b = maps[pair_slot(f, w)];
                (b != NO_BUCKET && usize::from(b) < self.buckets[f]).then_some(usize::from(b))
            })
            .collect()
    }

    /// Entries whose initials or pinyin hold every adjacent pair of the query (a superset of
    /// those holding the query as a substring).
    pub(super) fn pair_candidates(&self, q: &Query) -> Vec<u64> {
        let mut out = vec![0u64; self.words];
        for f in 0..2 {
            let Some(buckets) = self
                .query_buckets(q, f)
                .into_iter()
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            let mut acc = vec![u64::MAX; self.words];
            for b in buckets {
                and_into(&mut acc, self.set(S_PAIRS + f, b));
            }
            for (o, a) in out.iter_mut().zip(&acc) {
                *o |= a;
            }
        }
        out
    }

    /// The entries whose name holds the query's rarest character (every substring or
    /// subsequence hit holds all of them).
    pub(super) fn rarest_posting(&self, q: &Query) -> Vec<u32> {
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
        read_gaps(self.sec(S_POSTINGS), at, count, self.n)
    }
}
