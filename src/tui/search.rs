//! Search off the UI thread: the index is built and queried in a background worker, so typing stays
//! fluid at national scale. Newer queries supersede older ones still in the queue.

use std::sync::mpsc::{Receiver, Sender};

use super::state::SearchPurpose;
use super::worker::Worker;
use crate::domain::division::Tree;
use crate::search::{Class, Index, Readings};

#[derive(Debug)]
pub struct Request {
    pub query: String,
    pub purpose: SearchPurpose,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub query: String,
    pub purpose: SearchPurpose,
    pub hits: Vec<u32>,
    /// Whether the best hit is better than fuzzy (for `:scope`).
    pub confident: bool,
    pub micros: u128,
}

pub struct SearchWorker(Worker<Request, Reply>);

pub const LIMIT: usize = 200;

/// Where the worker gets the saved index: bytes already read, or the database to read them
/// from (in the worker, so the first frame does not wait for them).
pub enum Saved {
    Bytes(Option<Vec<u8>>),
    Db(std::path::PathBuf),
}

impl Saved {
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Saved::Bytes(b) => b.as_deref(),
            Saved::Db(_) => None,
        }
    }

    fn take(self) -> Option<Vec<u8>> {
        match self {
            Saved::Bytes(b) => b,
            Saved::Db(p) => crate::store::Store::open_read_only(&p)
                .and_then(|s| s.search_index())
                .ok()
                .flatten(),
        }
    }
}

impl SearchWorker {
    /// Start with the saved index (`saved`, from the store) or build one from the tree.
    pub fn start(tree: std::sync::Arc<Tree>, saved: Saved) -> SearchWorker {
        SearchWorker(Worker::start(
            "sgz-search",
            move |rx_req: Receiver<Request>, tx_rep: Sender<Reply>| {
                // Read on the first query, not at start: a session that never searches
                // never holds the index (some 76 MB nationally).
                let mut saved = Some(saved);
                let mut index: Option<Index> = None;
                while let Ok(mut req) = rx_req.recv() {
                    // Only the newest pending query matters.
                    while let Ok(newer) = rx_req.try_recv() {
                        req = newer;
                    }
                    let t = std::time::Instant::now();
                    if let Some(saved) = saved.take() {
                        // The saved bytes become the index itself, without a copy; its
                        // entries follow the tree only if both hold the same divisions.
                        index = saved
                            .take()
                            .and_then(Index::from_vec)
                            .filter(|i| i.len() == tree.len());
                    }
                    let idx =
                        index.get_or_insert_with(|| Index::build(&tree, &Readings::embedded()));
                    let hits = idx.search(&tree, &req.query, LIMIT);
                    let confident = hits.first().is_some_and(|h| h.class != Class::Fuzzy);
                    let reply = Reply {
                        query: req.query,
                        purpose: req.purpose,
                        hits: hits.into_iter().map(|h| h.node).collect(),
                        confident,
                        micros: t.elapsed().as_micros(),
                    };
                    if tx_rep.send(reply).is_err() {
                        break;
                    }
                }
            },
        ))
    }

    pub fn send(&self, query: String, purpose: SearchPurpose) {
        self.0.send(Request { query, purpose });
    }

    pub fn try_recv(&self) -> Option<Reply> {
        self.0.try_recv()
    }

    pub fn recv_timeout(&self, d: std::time::Duration) -> Option<Reply> {
        self.0.recv_timeout(d)
    }
}
