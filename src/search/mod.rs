//! Division search by Chinese name, full pinyin and pinyin initials (`xq`, `xingqing`,
//! `兴庆` all find 兴庆区). Place-name readings come from data/pinyin-overrides.toml, since a
//! per-character lookup reads 乐清 as leqing and 重庆 as zhongqing.
//!
//! Ranking: exact before prefix before substring before fuzzy; ties go to the higher tier,
//! then the shorter name, then the code. A query that extends the previous one searches only
//! the previous hits (every key that matches `jhq` as a subsequence also matches `jh`).
//!
//! The rooms: `readings` (pinyin and overrides), `format` (the saved index and reading it),
//! `build`, `query` (answering a query), `candidates` (the entries a query can match, from
//! the bitsets), `score` (the fuzzy score and its bounds), `resolve` (a scope by name or
//! code), `saved` (the index kept in the database).

mod build;
mod candidates;
mod format;
mod query;
mod readings;
mod resolve;
mod saved;
mod score;

use std::cell::RefCell;
use std::sync::OnceLock;

pub use readings::{Readings, OVERRIDES};
pub use resolve::{resolve_in_index, resolve_scope};
pub use saved::{rebuild_search_index, search_index};

/// Where a name goes in a list sorted by name, as Chinese readers expect: by its pinyin,
/// syllable by syllable (西安 xi an before 先锋 xian feng), with place-name readings (重庆 is
/// chong), then by the characters for names that read alike. Code-point order would put
/// 中 before 东 and scatter the same syllable.
pub fn name_order(name: &str) -> (String, String) {
    static READINGS: OnceLock<Readings> = OnceLock::new();
    let r = READINGS.get_or_init(Readings::embedded);
    (r.syllables(name).join(" "), name.to_string())
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

/// The search keys of every division with what finds them fast: per key kind the entries
/// sorted by key (exact and prefix hits are a range), per-character and pair bitsets that
/// cut the candidates for substring and fuzzy hits, and the entries of each Hanzi.
pub struct Index {
    buf: Vec<u8>,
    sec: [(usize, usize); format::SECTIONS],
    n: usize,
    /// u64 words per bitset.
    words: usize,
    /// Pair buckets of the initials and pinyin maps.
    buckets: [usize; 2],
    /// The pinyin of each suffix type from 1 on.
    suffixes: Vec<Vec<u8>>,
    matcher: RefCell<score::SkimV2>,
    last: Option<query::Narrow>,
    scratch: RefCell<score::Scratch>,
}

impl Index {
    /// An index of `n` entries over a checked buffer whose sections lie at `sec`.
    fn new(
        buf: Vec<u8>,
        sec: [(usize, usize); format::SECTIONS],
        n: usize,
        buckets: [usize; 2],
        suffixes: Vec<Vec<u8>>,
    ) -> Index {
        Index {
            buf,
            sec,
            n,
            words: n.div_ceil(64),
            buckets,
            suffixes,
            matcher: Default::default(),
            last: None,
            scratch: Default::default(),
        }
    }

    fn empty() -> Index {
        Index::new(
            Vec::new(),
            [(0, 0); format::SECTIONS],
            0,
            [0; 2],
            Vec::new(),
        )
    }
}
