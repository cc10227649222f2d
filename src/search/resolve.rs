//! A scope given by name or code: the division it means, or near matches as hints.

use super::{Class, Index, Readings};
use crate::domain::division::Tree;
use crate::error::{Error, Result};

/// Resolve a scope given as a code or a name; unknown names get near matches as hints.
pub fn resolve_scope(tree: &Tree, query: &str) -> Result<u32> {
    let q = query.trim();
    if let Some(i) = tree.find(q) {
        return Ok(i);
    }
    let mut idx = Index::build(tree, &Readings::embedded());
    let code = resolve_in_index(&mut idx, q)?;
    tree.find(&code).ok_or(Error::UnknownScope {
        query: q.to_string(),
        hints: vec![],
    })
}

/// The code of the best non-fuzzy match for a name (or the code itself).
pub fn resolve_in_index(idx: &mut Index, query: &str) -> Result<String> {
    let q = query.trim();
    if let Some(k) = idx.find(q) {
        return Ok(idx.code_of(k));
    }
    if !q.is_empty() && !q.bytes().all(|b| b.is_ascii_digit()) {
        let hits = idx.query(q, 5);
        if let Some(h) = hits.first() {
            if h.class != Class::Fuzzy {
                return Ok(idx.code_of(h.node));
            }
        }
        return Err(Error::UnknownScope {
            query: q.to_string(),
            hints: hits
                .iter()
                .map(|h| format!("{} {}", idx.name_of(h.node), idx.code_of(h.node)))
                .collect(),
        });
    }
    Err(Error::UnknownScope {
        query: q.to_string(),
        hints: vec![],
    })
}
