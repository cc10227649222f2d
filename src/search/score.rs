//! The fuzzy score's fast path: what SkimMatcherV2 scores a query in a key of plain
//! characters, and the bounds that let the index skip running the matcher.

use super::query::Query;

/// Characters the fuzzy matcher gives no bonus beyond the first position: lowercase ASCII
/// letters, digits, and every non-ASCII character (see `plain_score`).
pub(super) fn plain_char(c: char) -> bool {
    !c.is_ascii() || c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// Longest key `plain_score` takes.
pub(super) const PLAIN_CAP: usize = 128;

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
pub(super) fn plain_score(
    n: usize,
    rows: impl Fn(usize) -> u64,
    m: usize,
    cons: i32,
    s: &mut Scratch,
) {
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
pub(super) fn skipped_bound(m: usize, cons: i32) -> i32 {
    if m >= 3 {
        31 + (16 + cons) * (m as i32 - 3)
    } else {
        i32::MIN / 4
    }
}

/// Reused buffers of `plain_score`.
#[derive(Default)]
pub(super) struct Scratch {
    start: Vec<usize>,
    fill: Vec<usize>,
    cols: Vec<u32>,
    prev: Vec<(u32, i32)>,
    cur: Vec<(u32, i32)>,
    rows: Vec<u64>,
}

impl Query {
    /// `plain_score` of the query in a key of plain characters; None if it cannot tell.
    pub(super) fn plain_score(
        &self,
        key: &[u8],
        cons: i32,
        s: &mut Scratch,
    ) -> Option<Option<i32>> {
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

/// The most a plain key can score for a query of `m` characters whose first `first`
/// matches the key's (or not), with `gaps` adjacent pairs of the query the key lacks,
/// when the query taken as early as possible ends at column `end` (0: it is not there).
///
/// A plain key's alignment with g >= 1 gaps (a fuzzy hit is no substring, and each
/// adjacent pair of the query the key lacks forces one) scores 16 per character, less 1,
/// `cons` per directly following match, less 3 plus the skipped characters per gap;
/// starting at the first column it gains 16, and its skipped characters are its last
/// column less m. So it scores at most this, given the first column its query can end at.
pub(super) fn key_bound(m: usize, cons: i32, first: bool, gaps: usize, end: u8) -> i64 {
    if end == 0 {
        return i64::MIN;
    }
    let m = m as i64;
    let g = gaps.max(1) as i64;
    let later = 16 * m - 1 + i64::from(cons) * (m - 1 - g) - 4 * g;
    let at_first = 17 * m + 15 + i64::from(cons) * (m - 1 - g) - 3 * g - i64::from(end);
    if first {
        later.max(at_first)
    } else {
        later
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use fuzzy_matcher::FuzzyMatcher;

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
}
