//! Samples on disk (`key<TAB>value` lines, appended by every step of a run) and the few
//! statistics the table needs.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Append one sample to the run's file.
pub fn record(out: &Path, key: &str, value: f64) -> Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(out)
        .with_context(|| format!("cannot append to {}", out.display()))?;
    writeln!(f, "{key}\t{value}")?;
    Ok(())
}

pub fn read(path: &Path) -> Result<BTreeMap<String, Vec<f64>>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read samples from {}", path.display()))?;
    let mut m: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (k, v) = line
            .split_once('\t')
            .with_context(|| format!("{}:{}: expected key<TAB>value", path.display(), n + 1))?;
        let v: f64 = v
            .trim()
            .parse()
            .with_context(|| format!("{}:{}: not a number: {v:?}", path.display(), n + 1))?;
        m.entry(k.to_string()).or_default().push(v);
    }
    Ok(m)
}

/// Nearest-rank percentile (p in 0..=100) of unsorted values; None when empty.
pub fn percentile(values: &[f64], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    Some(v[rank.clamp(1, v.len()) - 1])
}

/// Median, minimum and maximum of one key's samples.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub median: f64,
    pub min: f64,
    pub max: f64,
    pub n: usize,
}

pub fn summary(values: &[f64]) -> Option<Summary> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Some(Summary {
        median,
        min: v[0],
        max: v[n - 1],
        n,
    })
}
