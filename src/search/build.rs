//! Building the index from divisions: every entry's keys, their sorted orders, and the
//! bitsets and postings that cut the candidates of a query, laid out as format.rs says.

use std::collections::HashMap;

use super::format::{
    self, pair_slot, push_gaps, push_record, split_record, symbol, u32_bytes, u64_bytes, INITIALS,
    KINDS, LEVELS, MAX_INITIALS, NAME, NO_BUCKET, PAIRS, PAIR_BUCKETS, PINYIN, SUFFIX_TYPES,
    SYMBOLS,
};
use super::readings::{strip_suffix, Readings};
use super::score::plain_char;
use super::Index;
use crate::domain::division::{Level, Tree};

/// The entries' keys and per-entry values, in code order, before they are indexed.
#[derive(Default)]
struct Entries {
    names: Vec<u8>,
    name_offs: Vec<u32>,
    records: Vec<u8>,
    record_offs: Vec<u32>,
    /// Per entry: bytes the stem leaves off the name, pinyin and initials.
    suffix: [Vec<u8>; KINDS],
    /// Per entry: bytes of the pinyin that are the stem's.
    stem_pinyin: Vec<usize>,
    codes: Vec<u64>,
    levels: Vec<u8>,
    namelen: Vec<u8>,
}

impl Entries {
    fn read<'a>(rows: impl Iterator<Item = (u64, Level, &'a str)>, readings: &Readings) -> Self {
        let mut e = Entries {
            name_offs: vec![0],
            record_offs: vec![0],
            ..Entries::default()
        };
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
            e.names.extend_from_slice(name.as_bytes());
            e.name_offs.push(e.names.len() as u32);
            push_record(&mut e.records, initials.as_bytes(), pinyin.as_bytes());
            e.record_offs.push(e.records.len() as u32);
            for (kind, len, stem_len) in [
                (NAME, name.len(), stem.len()),
                (PINYIN, pinyin.len(), stem_py),
                (INITIALS, initials.len(), stem_ini),
            ] {
                // A suffix longer than 255 bytes (no built-in one is) counts as none.
                e.suffix[kind].push(u8::try_from(len - stem_len.min(len)).unwrap_or(0));
            }
            e.stem_pinyin.push(stem_py);
            e.codes.push(code);
            e.levels.push(level.index());
            e.namelen.push(name.chars().count().min(255) as u8);
        }
        e
    }

    fn len(&self) -> usize {
        self.codes.len()
    }

    fn key(&self, kind: usize, k: usize) -> &[u8] {
        if kind == NAME {
            return &self.names[self.name_offs[k] as usize..self.name_offs[k + 1] as usize];
        }
        let rec = &self.records[self.record_offs[k] as usize..self.record_offs[k + 1] as usize];
        let (initials, pinyin) = split_record(rec).unwrap_or_default();
        if kind == PINYIN {
            pinyin
        } else {
            initials
        }
    }

    /// Per key kind, the entries sorted by key (S_PERM) and what is known of each without
    /// reading the key (S_INFO).
    fn sorted(&self) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
        let mut perms = Vec::new();
        let mut infos = Vec::new();
        for (kind, suffix) in self.suffix.iter().enumerate() {
            let mut perm: Vec<u32> = (0..self.len() as u32).collect();
            perm.sort_by(|&a, &b| self.key(kind, a as usize).cmp(self.key(kind, b as usize)));
            let info: Vec<u32> = perm
                .iter()
                .map(|&k| {
                    let k = k as usize;
                    u32::from(self.levels[k]) << 24
                        | u32::from(self.namelen[k]) << 16
                        | (self.key(kind, k).len().min(255) as u32) << 8
                        | u32::from(suffix[k])
                })
                .collect();
            perms.push(u32_bytes(&perm));
            infos.push(u32_bytes(&info));
        }
        (perms, infos)
    }

    /// The commonest pinyin suffixes as S_SUFFIXES holds them, and each entry's suffix type.
    fn suffix_types(&self) -> (Vec<u8>, Vec<usize>) {
        let mut counts: HashMap<&[u8], usize> = HashMap::new();
        for (k, &s) in self.stem_pinyin.iter().enumerate() {
            let py = self.key(PINYIN, k);
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
        let mut table = Vec::new();
        for &(s, _) in &common {
            table.extend_from_slice(&(s.len() as u32).to_le_bytes());
            table.extend_from_slice(s);
        }
        let types = (0..self.len())
            .map(|k| {
                self.key(PINYIN, k)
                    .get(self.stem_pinyin[k]..)
                    .and_then(|s| type_of.get(s))
                    .copied()
                    .unwrap_or(0)
            })
            .collect();
        (table, types)
    }

    /// S_PLAIN, S_LEVEL_SETS, S_SUFFIX_SETS and S_STEM_LETTERS, given the suffix types.
    fn bitsets(&self, types: &[usize]) -> [Vec<u8>; 4] {
        let words = self.len().div_ceil(64);
        let mut plain = vec![0u64; 2 * words];
        let mut level_sets = vec![0u64; LEVELS * words];
        let mut suffix_sets = vec![0u64; (SUFFIX_TYPES + 1) * words];
        let mut letters = vec![0u64; SYMBOLS * words];
        for (k, &t) in types.iter().enumerate() {
            let name_plain =
                std::str::from_utf8(self.key(NAME, k)).is_ok_and(|s| s.chars().all(plain_char));
            if name_plain {
                set_bit(&mut plain, words, 0, k);
            }
            let rec = [self.key(PINYIN, k), self.key(INITIALS, k)];
            if rec.iter().all(|r| {
                r.iter()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            }) {
                set_bit(&mut plain, words, 1, k);
            }
            let l = usize::from(self.levels[k]).min(LEVELS - 1);
            set_bit(&mut level_sets, words, l, k);
            set_bit(&mut suffix_sets, words, t, k);
            let py = self.key(PINYIN, k);
            let stem = if t == 0 {
                py
            } else {
                &py[..self.stem_pinyin[k]]
            };
            let mut seen = 0u64;
            for &b in stem {
                seen |= 1 << symbol(b);
            }
            while seen != 0 {
                set_bit(&mut letters, words, seen.trailing_zeros() as usize, k);
                seen &= seen - 1;
            }
        }
        [plain, level_sets, suffix_sets, letters].map(|s| u64_bytes(&s))
    }

    /// S_PAIR_MAP and the two S_PAIRS sections. Pairs of adjacent characters, per family:
    /// the commonest get buckets of their own, the rest share, each going to the bucket
    /// holding the fewest entries so far.
    fn pairs(&self) -> (Vec<u8>, [Vec<u8>; 2]) {
        let (n, words) = (self.len(), self.len().div_ceil(64));
        let mut maps = vec![NO_BUCKET; 2 * PAIRS];
        let mut pair_sets: [Vec<u8>; 2] = Default::default();
        let mut scratch = Vec::new();
        for (f, kind) in [INITIALS, PINYIN].into_iter().enumerate() {
            let mut count = vec![0usize; PAIRS];
            for k in 0..n {
                pairs_of(self.key(kind, k), &mut scratch);
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
                pairs_of(self.key(kind, k), &mut scratch);
                for &p in &scratch {
                    set_bit(&mut sets, words, usize::from(maps[f * PAIRS + p]), k);
                }
            }
            pair_sets[f] = u64_bytes(&sets);
        }
        (maps, pair_sets)
    }

    /// S_CHARS and S_POSTINGS: per character of any name, the entries whose name holds it.
    fn postings(&self) -> (Vec<u8>, Vec<u8>) {
        let mut posting: HashMap<char, Vec<u32>> = HashMap::new();
        let mut chars = Vec::new();
        for k in 0..self.len() {
            chars.clear();
            chars.extend(std::str::from_utf8(self.key(NAME, k)).unwrap_or("").chars());
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
            push_gaps(&mut postings, &ids);
        }
        (char_table, postings)
    }
}

/// Sets entry `k` in bitset `b` of `sets` (bitsets of `words` u64 each, back to back).
fn set_bit(sets: &mut [u64], words: usize, b: usize, k: usize) {
    sets[b * words + k / 64] |= 1 << (k % 64);
}

/// Pairs of adjacent characters of a key, as symbol pairs, each once.
fn pairs_of(key: &[u8], out: &mut Vec<usize>) {
    out.clear();
    out.extend(key.windows(2).map(|w| pair_slot(0, w)));
    out.sort_unstable();
    out.dedup();
}

impl Index {
    /// Build from divisions in code order (a tree's nodes, or rows read from the store).
    pub fn build_from<'a>(
        rows: impl Iterator<Item = (u64, Level, &'a str)>,
        readings: &Readings,
    ) -> Index {
        let e = Entries::read(rows, readings);
        let n = e.len();
        let (perms, infos) = e.sorted();
        let (suffix_table, types) = e.suffix_types();
        let [plain, level_sets, suffix_sets, letters] = e.bitsets(&types);
        let (maps, pair_sets) = e.pairs();
        let (char_table, postings) = e.postings();
        let Entries {
            names,
            name_offs,
            records,
            record_offs,
            suffix: [name_suffix, _, _],
            codes,
            levels,
            namelen,
            ..
        } = e;
        let mut sections = vec![
            names,
            u32_bytes(&name_offs),
            records,
            u32_bytes(&record_offs),
        ];
        sections.extend(perms);
        sections.extend(infos);
        sections.extend([
            u64_bytes(&codes),
            levels,
            namelen,
            name_suffix,
            plain,
            level_sets,
            suffix_table,
            suffix_sets,
            letters,
            maps,
        ]);
        sections.extend(pair_sets);
        sections.extend([char_table, postings]);
        Index::from_vec(format::write(n, sections)).unwrap_or_else(Index::empty)
    }

    pub fn build(tree: &Tree, readings: &Readings) -> Index {
        Index::build_from(
            tree.nodes()
                .iter()
                .map(|n| (n.code(), n.level, n.name.as_ref())),
            readings,
        )
    }
}
