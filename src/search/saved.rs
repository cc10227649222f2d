//! The search index and the division tree saved in the database beside the divisions they
//! are built from, rebuilt when stale.

use super::{Index, Readings};
use crate::error::Result;
use crate::store::Store;

/// Build the search index over every division in the store and save it, with the tree.
pub fn rebuild_search_index(store: &mut Store) -> Result<()> {
    let tree = store.load_tree()?;
    // Counted against the divisions table (orphans are left out of the tree).
    let divisions = store.division_count()?;
    store.set_tree_cache(&tree.to_bytes(), divisions)?;
    let idx = Index::build(&tree, &Readings::embedded());
    store.set_search_index(idx.as_bytes(), tree.len() as i64)
}

/// The saved search index, or one built now (and saved when the database is writable), as
/// when the saved one is missing, stale or in an older format.
pub fn search_index(store: &mut Store) -> Result<Index> {
    if let Some(idx) = store.search_index()?.and_then(Index::from_vec) {
        return Ok(idx);
    }
    let tree = store.load_tree()?;
    let idx = Index::build(&tree, &Readings::embedded());
    let _ = store.set_search_index(idx.as_bytes(), tree.len() as i64);
    Ok(idx)
}
