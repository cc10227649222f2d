//! Divisions (NBS codes) and the hierarchy as a flat preorder array.
//!
//! NBS codes nest by prefix (64 > 6401 > 640104 > 640104001 > 640104001001), so sorting by
//! code puts every subtree in one contiguous run: a node's subtree is `index..end`. The
//! national list of 665k divisions then needs no pointers, and subtree sums are range scans.

use serde::Serialize;

/// The five administrative levels an NBS code can name, top down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 省: two digits.
    Province,
    /// 地 (prefecture-level city): four digits.
    City,
    /// 县 (county, district): six digits.
    County,
    /// 乡 (township, town, street): nine digits.
    Township,
    /// 村 (village, community): twelve digits.
    Village,
}

impl Level {
    /// Every level, top down.
    pub const ALL: [Level; 5] = [
        Level::Province,
        Level::City,
        Level::County,
        Level::Township,
        Level::Village,
    ];

    /// How many digits a code of this level has.
    pub fn digits(self) -> usize {
        match self {
            Level::Province => 2,
            Level::City => 4,
            Level::County => 6,
            Level::Township => 9,
            Level::Village => 12,
        }
    }

    /// The level whose codes have `n` digits.
    pub fn from_digits(n: usize) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.digits() == n)
    }

    /// 0 for province up to 4 for village.
    pub fn index(self) -> u8 {
        self as u8
    }

    /// The level with that `index`.
    pub fn from_index(i: u8) -> Option<Level> {
        Level::ALL.get(i as usize).copied()
    }

    /// The level one below; None under village.
    pub fn child(self) -> Option<Level> {
        Level::from_index(self.index() + 1)
    }
}

/// Urban (街道, 社区, 居委会) or rural (镇, 乡, 村) by the name's suffix; some rules depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urbanity {
    /// A street office or residents' community.
    Urban,
    /// A town, township or village.
    Rural,
    /// The name does not say.
    Other,
}

impl Urbanity {
    /// Classify by the name's suffix.
    pub fn from_name(name: &str) -> Urbanity {
        let n = name.trim();
        const URBAN: [&str; 5] = ["街道", "街道办事处", "社区居委会", "居委会", "社区"];
        const RURAL: [&str; 5] = ["村委会", "村民委员会", "镇", "乡", "村"];
        if URBAN.iter().any(|s| n.ends_with(s)) {
            Urbanity::Urban
        } else if RURAL.iter().any(|s| n.ends_with(s)) || n.ends_with("苏木") {
            Urbanity::Rural
        } else {
            Urbanity::Other
        }
    }
}

/// Parse a code string into (numeric code, level). Rejects anything but 2/4/6/9/12 digits.
pub fn parse_code(s: &str) -> Option<(u64, Level)> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let level = Level::from_digits(s.len())?;
    s.parse().ok().map(|c| (c, level))
}

/// Sort key: the code padded to 12 digits, times 8, plus the level, so a parent sorts right
/// before its children even when the child's extra digits are zeros.
pub fn sort_key(code: u64, level: Level) -> u64 {
    let pad = 10u64.pow((12 - level.digits()) as u32);
    (code * pad) * 8 + level.index() as u64
}

/// The code zero-padded to its level's digits.
pub fn code_string(code: u64, level: Level) -> String {
    format!("{:0width$}", code, width = level.digits())
}

/// Whether `anc` is a proper prefix of `code` in NBS terms.
pub fn is_code_prefix(anc: u64, anc_level: Level, code: u64, level: Level) -> bool {
    level > anc_level && code / 10u64.pow((level.digits() - anc_level.digits()) as u32) == anc
}

/// One division as read from a file or the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Division {
    /// The NBS code.
    pub code: String,
    /// The official name.
    pub name: String,
    /// The level its code length gives.
    pub level: Level,
    /// The parent's code; None for a province.
    pub parent: Option<String>,
}

impl Division {
    /// Urban or rural by the name.
    pub fn urbanity(&self) -> Urbanity {
        Urbanity::from_name(&self.name)
    }
}

/// No node: marks a missing parent or site.
pub const NONE: u32 = u32::MAX;

const TREE_MAGIC: &[u8; 8] = b"SGZTREE1";

/// One division in the tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// `sort_key` of its code and level; the tree is sorted by it.
    pub key: u64,
    /// The official name.
    pub name: compact_str::CompactString,
    /// Index of the parent node, or NONE.
    pub parent: u32,
    /// One past the last index of this node's subtree.
    pub end: u32,
    /// The level.
    pub level: Level,
    /// Urban or rural by the name.
    pub urbanity: Urbanity,
}

impl Node {
    /// The numeric NBS code.
    pub fn code(&self) -> u64 {
        let pad = 10u64.pow((12 - self.level.digits()) as u32);
        (self.key / 8) / pad
    }
    /// The NBS code as text, zero-padded.
    pub fn code_str(&self) -> String {
        code_string(self.code(), self.level)
    }
}

/// The whole hierarchy in preorder. Indices are stable for the life of the tree.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    nodes: Vec<Node>,
}

/// A division left out of the tree because its parent is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Orphan {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
}

impl Tree {
    /// The tree of a division list (codes that do not parse are left out).
    pub fn from_divisions(divisions: &[Division]) -> Tree {
        let (tree, _) = Tree::build(divisions.iter().filter_map(|d| {
            parse_code(&d.code).map(|(c, l)| (c, l, d.name.clone().into_boxed_str()))
        }));
        tree
    }
}

impl Tree {
    /// Build from divisions in any order. Divisions whose parent is missing are returned as
    /// orphans and left out, so a subtree is always whole.
    pub fn build(
        divisions: impl IntoIterator<Item = (u64, Level, Box<str>)>,
    ) -> (Tree, Vec<Orphan>) {
        let mut nodes: Vec<Node> = divisions
            .into_iter()
            .map(|(code, level, name)| Node {
                key: sort_key(code, level),
                urbanity: Urbanity::from_name(&name),
                name: name.into(),
                parent: NONE,
                end: 0,
                level,
            })
            .collect();
        nodes.sort_unstable_by_key(|n| n.key);
        nodes.dedup_by_key(|n| n.key);
        // Walk in preorder with a stack of open ancestors.
        let mut stack: Vec<u32> = Vec::new();
        let mut keep = vec![true; nodes.len()];
        let mut orphans = Vec::new();
        for i in 0..nodes.len() {
            let (code, level) = (nodes[i].code(), nodes[i].level);
            while let Some(&top) = stack.last() {
                let t = &nodes[top as usize];
                if is_code_prefix(t.code(), t.level, code, level) {
                    break;
                }
                stack.pop();
            }
            let expected_parent_level = nodes[i].level.index().checked_sub(1);
            match (stack.last(), expected_parent_level) {
                (None, None) => {}
                (Some(&p), Some(pl)) if nodes[p as usize].level.index() == pl => {
                    nodes[i].parent = p;
                }
                _ => {
                    keep[i] = false;
                    orphans.push(Orphan {
                        code: code_string(code, level),
                        name: nodes[i].name.to_string(),
                    });
                    continue;
                }
            }
            stack.push(i as u32);
        }
        if !orphans.is_empty() {
            // Drop orphans (and anything under them, which also has no kept parent) and rebuild.
            let kept: Vec<(u64, Level, Box<str>)> = nodes
                .into_iter()
                .zip(keep)
                .filter(|(_, k)| *k)
                .map(|(n, _)| (n.code(), n.level, Box::<str>::from(n.name.as_str())))
                .collect();
            let (tree, mut more) = Tree::build(kept);
            orphans.append(&mut more);
            return (tree, orphans);
        }
        // Subtree ends: a node's subtree ends where the next node that is not its descendant
        // begins. Process in reverse, extending parents.
        let n = nodes.len();
        for i in (0..n).rev() {
            if nodes[i].end == 0 {
                nodes[i].end = i as u32 + 1;
            }
            let p = nodes[i].parent;
            if p != NONE {
                let e = nodes[i].end;
                if nodes[p as usize].end < e {
                    nodes[p as usize].end = e;
                }
            }
        }
        (Tree { nodes }, orphans)
    }

    /// The tree as bytes, for the store's cache: reading it back skips parsing 665k codes
    /// and names row by row and rebuilding the preorder (the TUI's first frame waits on it).
    pub fn to_bytes(&self) -> Vec<u8> {
        let names: usize = self.nodes.iter().map(|n| n.name.len()).sum();
        let mut out = Vec::with_capacity(24 + names + self.nodes.len() * 22);
        out.extend_from_slice(TREE_MAGIC);
        out.extend_from_slice(&(self.nodes.len() as u64).to_le_bytes());
        out.extend_from_slice(&(names as u64).to_le_bytes());
        for n in &self.nodes {
            out.extend_from_slice(n.name.as_bytes());
        }
        for n in &self.nodes {
            out.extend_from_slice(&n.key.to_le_bytes());
            out.extend_from_slice(&n.parent.to_le_bytes());
            out.extend_from_slice(&n.end.to_le_bytes());
            out.extend_from_slice(&(n.name.len() as u32).to_le_bytes());
            out.push(n.level.index());
            out.push(match n.urbanity {
                Urbanity::Urban => 0,
                Urbanity::Rural => 1,
                Urbanity::Other => 2,
            });
        }
        out
    }

    /// Read a tree saved by `to_bytes`; None unless the bytes are one, whole and consistent
    /// (keys rising, parents before children, subtrees inside the array).
    pub fn from_bytes(b: &[u8]) -> Option<Tree> {
        let rest = b.strip_prefix(TREE_MAGIC)?;
        let u64_at = |at: usize| -> Option<u64> {
            rest.get(at..at + 8)?
                .try_into()
                .ok()
                .map(u64::from_le_bytes)
        };
        let n = usize::try_from(u64_at(0)?).ok()?;
        let names_len = usize::try_from(u64_at(8)?).ok()?;
        let names = std::str::from_utf8(rest.get(16..16usize.checked_add(names_len)?)?).ok()?;
        let recs = rest.get(16 + names_len..)?;
        if recs.len() != n.checked_mul(22)? {
            return None;
        }
        let mut nodes = Vec::with_capacity(n);
        let mut at = 0usize;
        for (i, r) in recs.chunks_exact(22).enumerate() {
            let u32_at = |o: usize| r[o..o + 4].try_into().ok().map(u32::from_le_bytes);
            let key = u64::from_le_bytes(r[0..8].try_into().ok()?);
            let (parent, end, len) = (u32_at(8)?, u32_at(12)?, u32_at(16)? as usize);
            let level = Level::from_index(r[20])?;
            let urbanity = match r[21] {
                0 => Urbanity::Urban,
                1 => Urbanity::Rural,
                2 => Urbanity::Other,
                _ => return None,
            };
            let name = names.get(at..at.checked_add(len)?)?;
            at += len;
            let ok = (end as usize) > i
                && (end as usize) <= n
                && (parent == NONE || (parent as usize) < i)
                && nodes.last().is_none_or(|p: &Node| p.key < key);
            if !ok {
                return None;
            }
            nodes.push(Node {
                key,
                name: name.into(),
                parent,
                end,
                level,
                urbanity,
            });
        }
        (at == names_len).then_some(Tree { nodes })
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }
    /// True for a tree with no divisions.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
    /// The node at an index (panics outside the tree).
    pub fn node(&self, i: u32) -> &Node {
        &self.nodes[i as usize]
    }
    /// All nodes in preorder.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The index of the division with this code.
    pub fn find(&self, code: &str) -> Option<u32> {
        let (c, l) = parse_code(code)?;
        let key = sort_key(c, l);
        self.nodes
            .binary_search_by_key(&key, |n| n.key)
            .ok()
            .map(|i| i as u32)
    }

    /// Top-level nodes (provinces, or whatever has no parent).
    pub fn roots(&self) -> ChildIter<'_> {
        ChildIter {
            tree: self,
            next: 0,
            end: self.nodes.len() as u32,
        }
    }

    /// The direct children of a node.
    pub fn children(&self, i: u32) -> ChildIter<'_> {
        let end = self.nodes[i as usize].end;
        ChildIter {
            tree: self,
            next: i + 1,
            end,
        }
    }

    /// The parent of a node; None for a root.
    pub fn parent(&self, i: u32) -> Option<u32> {
        let p = self.nodes[i as usize].parent;
        (p != NONE).then_some(p)
    }

    /// The root (province) above `i`, or `i` itself.
    pub fn root_of(&self, i: u32) -> u32 {
        let mut cur = i;
        while let Some(p) = self.parent(cur) {
            cur = p;
        }
        cur
    }

    /// Ancestors from the root down to and including `i`.
    pub fn path(&self, i: u32) -> Vec<u32> {
        let mut v = vec![i];
        let mut cur = i;
        while let Some(p) = self.parent(cur) {
            v.push(p);
            cur = p;
        }
        v.reverse();
        v
    }

    /// The names from the root down to the node, joined by `sep`.
    pub fn path_names(&self, i: u32, sep: &str) -> String {
        self.path(i)
            .into_iter()
            .map(|j| self.node(j).name.as_ref())
            .collect::<Vec<_>>()
            .join(sep)
    }

    /// The indices of a node and everything under it.
    pub fn subtree(&self, i: u32) -> std::ops::Range<u32> {
        i..self.nodes[i as usize].end
    }

    /// Whether `i` is `anc` or lies under it.
    pub fn is_ancestor_or_self(&self, anc: u32, i: u32) -> bool {
        i >= anc && i < self.nodes[anc as usize].end
    }

    /// Whether the node has any children.
    pub fn has_children(&self, i: u32) -> bool {
        self.nodes[i as usize].end > i + 1
    }

    /// Count of descendants at `level` under `i` (or `i` itself if it is at that level).
    pub fn count_level(&self, i: u32, level: Level) -> usize {
        self.subtree(i)
            .filter(|&j| self.nodes[j as usize].level == level)
            .count()
    }
}

/// Iterator over sibling nodes, skipping each one's subtree.
pub struct ChildIter<'a> {
    tree: &'a Tree,
    next: u32,
    end: u32,
}

impl Iterator for ChildIter<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.next >= self.end {
            return None;
        }
        let i = self.next;
        self.next = self.tree.nodes[i as usize].end;
        Some(i)
    }
}

/// Which nodes are open and which rows are visible: the tree view's model, with no UI.
#[derive(Debug, Clone, Default)]
pub struct Expansion {
    open: std::collections::HashSet<u32>,
}

impl Expansion {
    /// Whether the node is expanded.
    pub fn is_open(&self, i: u32) -> bool {
        self.open.contains(&i)
    }
    /// Expand the node.
    pub fn open(&mut self, i: u32) {
        self.open.insert(i);
    }
    /// Collapse the node.
    pub fn close(&mut self, i: u32) {
        self.open.remove(&i);
    }
    /// Open every ancestor of `i` below `root` so that `i` becomes visible.
    pub fn reveal(&mut self, tree: &Tree, root: u32, i: u32) {
        for a in tree.path(i) {
            if a != i && tree.is_ancestor_or_self(root, a) {
                self.open.insert(a);
            }
        }
    }
    /// Close everything inside `root`'s subtree except `root` itself.
    pub fn collapse_all(&mut self) {
        self.open.clear();
    }

    /// Visible rows under `root` (root included), with depth relative to root.
    pub fn visible(&self, tree: &Tree, root: u32) -> Vec<(u32, u16)> {
        let mut out = Vec::new();
        let mut stack: Vec<(u32, u16)> = vec![(root, 0)];
        while let Some((i, d)) = stack.pop() {
            out.push((i, d));
            if self.is_open(i) {
                let kids: Vec<u32> = tree.children(i).collect();
                for k in kids.into_iter().rev() {
                    stack.push((k, d + 1));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Tree {
        let rows = [
            ("64", "宁夏回族自治区"),
            ("6401", "银川市"),
            ("640104", "兴庆区"),
            ("640104001", "凤凰北街街道"),
            ("640104001001", "丽景社区居委会"),
            ("640104100", "掌政镇"),
            ("640104100201", "掌政村委会"),
            ("640105", "西夏区"),
            ("42", "湖北省"),
        ];
        let (tree, orphans) = Tree::build(rows.iter().map(|(c, n)| {
            let (code, level) = parse_code(c).unwrap();
            (code, level, (*n).into())
        }));
        assert!(orphans.is_empty());
        tree
    }

    #[test]
    fn preorder_and_subtrees() {
        let tree = t();
        assert_eq!(tree.node(0).code_str(), "42");
        let nx = tree.find("64").unwrap();
        assert_eq!(tree.subtree(nx).len(), 8);
        let xq = tree.find("640104").unwrap();
        let kids: Vec<String> = tree
            .children(xq)
            .map(|i| tree.node(i).name.to_string())
            .collect();
        assert_eq!(kids, ["凤凰北街街道", "掌政镇"]);
        assert_eq!(
            tree.path_names(tree.find("640104100201").unwrap(), " › "),
            "宁夏回族自治区 › 银川市 › 兴庆区 › 掌政镇 › 掌政村委会"
        );
        assert_eq!(tree.count_level(nx, Level::Township), 2);
        assert_eq!(tree.roots().count(), 2);
    }

    #[test]
    fn urbanity_by_suffix() {
        assert_eq!(Urbanity::from_name("凤凰北街街道"), Urbanity::Urban);
        assert_eq!(Urbanity::from_name("丽景社区居委会"), Urbanity::Urban);
        assert_eq!(Urbanity::from_name("掌政镇"), Urbanity::Rural);
        assert_eq!(Urbanity::from_name("通贵乡"), Urbanity::Rural);
        assert_eq!(Urbanity::from_name("掌政村委会"), Urbanity::Rural);
        assert_eq!(Urbanity::from_name("贺兰山农牧场"), Urbanity::Other);
    }

    #[test]
    fn orphans_are_reported_not_kept() {
        let rows = [("64", "宁夏"), ("640104", "兴庆区")];
        let (tree, orphans) = Tree::build(rows.iter().map(|(c, n)| {
            let (code, level) = parse_code(c).unwrap();
            (code, level, (*n).into())
        }));
        assert_eq!(tree.len(), 1);
        assert_eq!(orphans[0].code, "640104");
    }

    #[test]
    fn expansion_visible_rows() {
        let tree = t();
        let nx = tree.find("64").unwrap();
        let mut e = Expansion::default();
        assert_eq!(e.visible(&tree, nx).len(), 1);
        e.reveal(&tree, nx, tree.find("640104100201").unwrap());
        let v = e.visible(&tree, nx);
        let names: Vec<&str> = v.iter().map(|(i, _)| tree.node(*i).name.as_ref()).collect();
        assert_eq!(
            names,
            [
                "宁夏回族自治区",
                "银川市",
                "兴庆区",
                "凤凰北街街道",
                "掌政镇",
                "掌政村委会",
                "西夏区"
            ]
        );
        assert_eq!(v[5].1, 4);
    }
}
