//! The fuzzy score of a query in a key, and the bounds that let the index skip computing it.
//!
//! `SkimV2` is skim's V2 algorithm as fuzzy-matcher 0.3.7 implements it (`SkimMatcherV2`
//! with its defaults, the score without match positions; src/skim.rs of
//! github.com/lotabout/fuzzy-matcher, MIT licence, notice below), ported step for step.
//! It is owned here, not depended on, because fuzzy-matcher has had no release since 2020
//! and because the index relies on its exact arithmetic: `plain_score`, `skipped_bound`
//! and `key_bound` bound its score before it runs, and the ranking depends on its values.
//! nucleo-matcher, the maintained matcher (helix, television), scores differently: on the
//! pinyin of the embedded divisions it gave no (key, query) pair the same score and
//! reordered the ten best of a third of the queries, so the ranking would change and these
//! bounds would have to be derived anew.
//!
//! The port keeps what the original's two-row table does, quirks included, since they
//! decide scores: a row's cells left of where its pattern character can first match are
//! not cleared, so its first cell and the last row's maximum can hold a value from two
//! pattern characters back (a path that skips pattern characters: `skipped_bound`); and
//! the consecutive bonus is read from cells of earlier rows, with the table kept from call
//! to call as the original keeps it (per thread there, per index here), so a pattern that
//! repeats a character can score by what was scored before. The tests hold the port to
//! fuzzy-matcher itself, call for call.
//
// fuzzy-matcher's notice (for `SkimV2`, `char_type` and `in_place_bonus`):
//
// The MIT License (MIT)
//
// Copyright (c) 2019 Jinzhou Zhang
//
// Permission is hereby granted, free of charge, to any person obtaining a copy
// of this software and associated documentation files (the "Software"), to deal
// in the Software without restriction, including without limitation the rights
// to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
// copies of the Software, and to permit persons to whom the Software is
// furnished to do so, subject to the following conditions:
//
// The above copyright notice and this permission notice shall be included in all
// copies or substantial portions of the Software.
//
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
// IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
// FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
// AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
// LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
// OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
// SOFTWARE.

use super::query::Query;

// SkimScoreConfig::default().
const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const PENALTY_CASE_MISMATCH: i32 = GAP_EXTENSION * 2;

/// A cell's "minus infinity" (the original's `MATRIX_CELL_NEG_INFINITY`).
const NEG_INFINITY: i32 = i16::MIN as i32;

/// One cell of the table: the best score of an alignment ending in a match at this cell
/// (`m`) and in a skip (`p`), and the consecutive bonus left here.
#[derive(Clone, Copy)]
struct Cell {
    m: i32,
    p: i32,
    bonus: i32,
}

const CLEARED: Cell = Cell {
    m: NEG_INFINITY,
    p: NEG_INFINITY,
    bonus: 0,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn char_type(c: char) -> CharType {
    match c {
        '\0' => CharType::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
        '0'..='9' => CharType::Number,
        'A'..='Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

/// The bonus for matching a character of type `cur` after one of type `prev`: the head of
/// a word, after punctuation, a camelCase hump.
fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    use CharType::*;
    match (prev, cur) {
        (Empty | HardSep, _) => BONUS_HEAD,
        (SoftSep, _) => BONUS_BREAK,
        (Lower | Number, Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// skim's V2 score (see the module comment), with the table and buffers it reuses.
#[derive(Default)]
pub(super) struct SkimV2 {
    table: Vec<Cell>,
    choice: Vec<char>,
    pattern: Vec<char>,
    bonus: Vec<i32>,
    first: Vec<usize>,
}

impl SkimV2 {
    /// The score of `pattern` in `choice`; None if it is no subsequence of it. Case counts
    /// only when the pattern holds an ASCII capital ("smart case").
    pub(super) fn score(&mut self, choice: &str, pattern: &str) -> Option<i64> {
        if pattern.is_empty() {
            return Some(0);
        }
        let case_sensitive = pattern.bytes().any(|b| b.is_ascii_uppercase());
        let equal = |c: char, p: char| {
            if case_sensitive {
                c == p
            } else {
                c.eq_ignore_ascii_case(&p)
            }
        };
        self.choice.clear();
        self.choice.extend(choice.chars());
        self.pattern.clear();
        self.pattern.extend(pattern.chars());
        // Where each pattern character first fits, taking them in order.
        self.first.clear();
        for (j, &c) in self.choice.iter().enumerate() {
            match self.pattern.get(self.first.len()) {
                Some(&p) if equal(c, p) => self.first.push(j),
                Some(_) => {}
                None => break,
            }
        }
        if self.first.len() < self.pattern.len() {
            return None;
        }
        let cols = self.choice.len() + 1;
        self.bonus.clear();
        self.bonus.resize(cols, 0);
        let mut prev = CharType::Empty;
        for (j, &c) in self.choice.iter().enumerate() {
            let t = char_type(c);
            self.bonus[j + 1] = in_place_bonus(prev, t);
            prev = t;
        }
        if cols > 1 {
            self.bonus[1] *= BONUS_FIRST_CHAR_MULTIPLIER;
        }
        // Two rows, kept as they are from the last call where not cleared here.
        let t = &mut self.table;
        t.resize(2 * cols, CLEARED);
        t[cols + self.first[0]] = CLEARED;
        for cell in &mut t[..cols] {
            *cell = Cell {
                p: GAP_EXTENSION,
                ..CLEARED
            };
        }
        for (i, &p) in self.pattern.iter().enumerate() {
            let row = ((i + 1) & 1) * cols;
            let prev_row = (i & 1) * cols;
            let skip = self.first[i];
            for (j, &c) in self.choice[skip..].iter().enumerate() {
                let col = skip + j + 1;
                let (cur, last, diag) = (row + col, row + col - 1, prev_row + col - 1);
                if equal(c, p) {
                    let matched = if !case_sensitive && p != c {
                        SCORE_MATCH + PENALTY_CASE_MISMATCH
                    } else {
                        SCORE_MATCH
                    };
                    let in_place = self.bonus[col];
                    let consecutive = t[last].bonus.max(in_place.max(BONUS_CONSECUTIVE));
                    t[last].bonus = consecutive;
                    let from_match = t[diag].m + consecutive;
                    let from_skip = t[diag].p + in_place;
                    t[cur].m = from_match.max(from_skip) + matched;
                } else {
                    t[cur].m = NEG_INFINITY;
                    t[cur].bonus = 0;
                }
                t[cur].p = (GAP_START + GAP_EXTENSION + t[last].m).max(GAP_EXTENSION + t[last].p);
            }
        }
        let row = (self.pattern.len() & 1) * cols;
        let from = self.first[self.pattern.len() - 1];
        t[row + from..row + cols]
            .iter()
            .map(|c| i64::from(c.m))
            .max()
    }
}

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
    use proptest::prelude::*;

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

    #[test]
    fn scores_follow_skims_rules_on_place_name_keys() {
        // 16 a character; the first 15 more at the key's first column, 1 less elsewhere;
        // 4 more for a character right after the previous one; a gap costs 3 and 1 a
        // character; an ASCII capital matched by a small letter 2 less, 6 more after a
        // small letter or a Hanzi (a camelCase hump).
        let table = [
            ("xingqingqu", "xq", Some(31 + 16 - 3 - 3)),
            ("xingqingqu", "xingqing", Some(31 + 7 * (16 + 4))),
            ("xingqingqu", "xqq", Some(31 + 2 * (16 - 3 - 3))),
            ("yinchuanshi", "ycs", Some(31 + (16 - 3 - 2) + (16 - 3 - 4))),
            ("jinfengqu", "jfq", Some(31 + (16 - 3 - 2) + (16 - 3 - 3))),
            ("xingqingqu", "ii", Some(15 + 16 - 3 - 3)),
            ("shishi", "ss", Some(31 + 16 - 3 - 2)),
            ("兴庆区", "兴区", Some(31 + 16 - 3 - 1)),
            ("兴庆区", "庆区", Some(15 + 16 + 4)),
            ("温泉花园A区社区居委会", "a区", Some(-1 + 6 + 14 + 4 + 16)),
            ("温泉花园A区社区居委会", "园a", Some(15 + 6 + 14)),
            ("xingqingqu", "qx", None),
        ];
        let mut port = SkimV2::default();
        for (key, q, want) in table {
            assert_eq!(port.score(key, q), want, "{q} in {key}");
        }
    }

    #[test]
    fn a_repeated_character_can_carry_a_bonus_over_from_the_call_before() {
        // Three in a row: 31, then 4 more than 16 for each following character.
        let mut fresh = SkimV2::default();
        assert_eq!(fresh.score("qqq", "qqq"), Some(31 + 2 * (16 + 4)));
        // The call before leaves the first character's bonus (16) where the second reads
        // its consecutive bonus.
        let mut after = SkimV2::default();
        assert_eq!(after.score("qaaqb", "qqb"), Some(31 + 16 - 3 - 2 + 16 + 4));
        assert_eq!(after.score("qqq", "qqq"), Some(31 + (16 + 16) + (16 + 4)));
    }

    /// The best score over every way of placing `q` in `key`, by the rules `plain_score`
    /// states: 16 a character, the first 15 more at column 1 and 1 less elsewhere, `cons`
    /// for a character right after the previous one, 3 plus the skipped characters a gap.
    fn best_alignment(key: &[char], q: &[char], cons: i32, after: Option<usize>) -> Option<i32> {
        let Some((&c, rest)) = q.split_first() else {
            return Some(0);
        };
        let from = after.map_or(0, |a| a + 1);
        (from..key.len())
            .filter(|&j| key[j] == c)
            .filter_map(|j| {
                let here = match after {
                    None if j == 0 => 16 + 15,
                    None => 16 - 1,
                    Some(a) if j == a + 1 => 16 + cons,
                    Some(a) => 16 - 3 - (j - a - 1) as i32,
                };
                Some(here + best_alignment(key, rest, cons, Some(j))?)
            })
            .max()
    }

    proptest! {
        #[test]
        fn plain_score_is_the_best_alignment_by_its_rules(
            key in "[abq1]{1,12}|[兴庆区]{1,8}",
            q in "[abq1]{1,4}|[兴庆区]{1,3}",
            cons in prop_oneof![Just(4), Just(16)],
        ) {
            let mut s = Scratch::default();
            let ours = Query::new(q.clone()).plain_score(key.as_bytes(), cons, &mut s).flatten();
            let k: Vec<char> = key.chars().collect();
            let p: Vec<char> = q.chars().collect();
            prop_assert_eq!(ours, best_alignment(&k, &p, cons, None));
        }

        #[test]
        fn the_port_scores_as_fuzzy_matcher_does_call_for_call(
            calls in prop_oneof![
                // Capitals, separators, digits and Hanzi: every kind of bonus.
                proptest::collection::vec(("[abqxAB1 /.\\-兴区]{0,14}", "[abqxA兴区.]{1,5}"), 1..24),
                // Few letters, many calls: what one call leaves in the table for the next.
                proptest::collection::vec(("[abq]{1,10}", "[abq]{1,4}"), 1..64),
            ],
        ) {
            // One of each for the whole sequence: both keep their table between calls.
            let theirs = SkimMatcherV2::default();
            let mut ours = SkimV2::default();
            for (key, q) in &calls {
                prop_assert_eq!(ours.score(key, q), theirs.fuzzy_match(key, q), "{} in {}", q, key);
            }
        }
    }
}
