//! The drug taxonomy: a directed acyclic graph (petgraph) from drugs to the classes they
//! belong to (Norco → hydrocodone/acetaminophen → short-acting opioid → opioid). Class
//! membership is reachability, worked out for every node when the taxonomy is built.
//! Names, brands, aliases and misspellings resolve to a drug.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use petgraph::algo::toposort;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::Dfs;

use super::PhraseSet;
use super::schema::{ClassDef, DrugDef, DrugMed};

/// A taxonomy node: a class or a drug.
#[derive(Debug, Clone)]
pub struct Node {
    pub name: String,
    pub drug: Option<DrugDef>,
}

/// An identified drug.
pub type DrugId = NodeIndex;

#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    graph: DiGraph<Node, ()>,
    by_name: Names,
    /// For each node, the nodes it reaches (itself included): one bit each.
    reach: Vec<Vec<u64>>,
    /// Every spelling of every drug, lowercase, with its drug.
    spellings: Vec<(String, NodeIndex)>,
    /// The first drug of each spelling in `spellings` (longest first), for lookups.
    by_spelling: Names,
    /// Matches any spelling in prose.
    matcher: Option<PhraseSet>,
    /// Whether each spelling in `spellings` is a known misspelling (of any drug).
    misspelled: Vec<bool>,
}

/// Nodes by a lowercase name, hashed with FNV-1a: the keys are the rule set's own names, and
/// the maps are read for every item of every letter, with names of a few bytes that
/// SipHash's rounds would cost more than.
type Names = HashMap<String, NodeIndex, BuildHasherDefault<Fnv>>;

#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A drug named in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub drug: DrugId,
    pub span: std::ops::Range<usize>,
    /// The name was a known misspelling.
    pub misspelled: bool,
}

/// A taxonomy that cannot be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaxonomyError {
    /// `child` names a parent that is neither a class nor a drug.
    UnknownParent { child: String, parent: String },
    /// The `is:` links of these names form a cycle.
    Cycle { name: String },
    /// Two nodes share a name.
    Duplicate { name: String },
}

impl Taxonomy {
    pub fn build(classes: &[ClassDef], drugs: &[DrugDef]) -> Result<Taxonomy, TaxonomyError> {
        let mut t = Taxonomy::default();
        let nodes = classes
            .iter()
            .map(|c| (c.name.clone(), None, c.is.clone()))
            .chain(
                drugs
                    .iter()
                    .map(|d| (d.name.clone(), Some(d.clone()), d.is.clone())),
            );
        let mut edges = Vec::new();
        let mut misspelled = std::collections::HashSet::new();
        for (name, drug, parents) in nodes {
            let key = name.to_lowercase();
            if t.by_name.contains_key(&key) {
                return Err(TaxonomyError::Duplicate { name });
            }
            let i = t.graph.add_node(Node {
                name: name.clone(),
                drug: drug.clone(),
            });
            t.by_name.insert(key, i);
            if let Some(d) = &drug {
                for spelling in std::iter::once(&d.name).chain(&d.brands).chain(&d.aliases) {
                    t.spellings.push((spelling.to_lowercase(), i));
                }
                for m in &d.misspellings {
                    misspelled.insert(m.to_lowercase());
                    t.spellings.push((m.to_lowercase(), i));
                }
            }
            edges.extend(parents.into_iter().map(|p| (i, name.clone(), p)));
        }
        for (child, child_name, parent) in edges {
            let Some(&p) = t.by_name.get(&parent.to_lowercase()) else {
                return Err(TaxonomyError::UnknownParent {
                    child: child_name,
                    parent,
                });
            };
            t.graph.add_edge(child, p, ());
        }
        if let Err(cycle) = toposort(&t.graph, None) {
            return Err(TaxonomyError::Cycle {
                name: t.graph[cycle.node_id()].name.clone(),
            });
        }
        let words = t.graph.node_count().div_ceil(64);
        t.reach = t
            .graph
            .node_indices()
            .map(|start| {
                let mut bits = vec![0u64; words];
                let mut dfs = Dfs::new(&t.graph, start);
                while let Some(n) = dfs.next(&t.graph) {
                    bits[n.index() / 64] |= 1 << (n.index() % 64);
                }
                bits
            })
            .collect();
        t.spellings.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        t.misspelled = t
            .spellings
            .iter()
            .map(|(s, _)| misspelled.contains(s))
            .collect();
        for (s, d) in &t.spellings {
            t.by_spelling.entry(s.clone()).or_insert(*d);
        }
        let all: Vec<String> = t.spellings.iter().map(|(s, _)| s.clone()).collect();
        t.matcher = PhraseSet::new(&all, false).ok();
        Ok(t)
    }

    /// Builds the mention matcher now rather than at first use.
    pub fn warm(&self) {
        self.matcher.iter().for_each(PhraseSet::warm);
    }

    pub fn node(&self, id: DrugId) -> &Node {
        &self.graph[id]
    }

    /// The class or drug of that name.
    pub fn get(&self, name: &str) -> Option<NodeIndex> {
        let upper = if name.is_ascii() {
            name.bytes().any(|b| b.is_ascii_uppercase())
        } else {
            name.chars().any(char::is_uppercase)
        };
        if upper {
            self.by_name.get(&name.to_lowercase()).copied()
        } else {
            self.by_name.get(name).copied()
        }
    }

    /// Whether `drug` belongs to `class` (or is it).
    pub fn is_a(&self, drug: DrugId, class: &str) -> bool {
        self.get(class).is_some_and(|c| self.reaches(drug, c))
    }

    fn reaches(&self, from: NodeIndex, to: NodeIndex) -> bool {
        self.reach
            .get(from.index())
            .and_then(|bits| bits.get(to.index() / 64))
            .is_some_and(|w| w >> (to.index() % 64) & 1 == 1)
    }

    /// The broadest classes `drug` belongs to (classes that belong to no other), in the
    /// rule file's order: `opioid` for Norco, `muscle relaxant` for Soma.
    pub fn top_classes(&self, drug: DrugId) -> impl Iterator<Item = &str> {
        self.graph
            .node_indices()
            .filter(move |&c| {
                self.graph[c].drug.is_none()
                    && self.graph.neighbors(c).next().is_none()
                    && self.reaches(drug, c)
            })
            .map(|c| self.graph[c].name.as_str())
    }

    /// Whether `drug` belongs to any of `classes`.
    pub fn is_any(&self, drug: DrugId, classes: &[String]) -> bool {
        classes.iter().any(|c| self.is_a(drug, c))
    }

    /// Every spelling of every drug, longest first.
    pub fn spellings(&self) -> &[(String, DrugId)] {
        &self.spellings
    }

    /// The drug a single word or name spells, if any.
    pub fn lookup(&self, name: &str) -> Option<DrugId> {
        self.by_spelling.get(&name.trim().to_lowercase()).copied()
    }

    /// The drugs named in `span` of `text`, in order.
    pub fn mentions(&self, text: &str, span: &std::ops::Range<usize>) -> Vec<Mention> {
        let Some(m) = &self.matcher else {
            return Vec::new();
        };
        let s = &text[span.clone()];
        m.iter(s)
            .map(|found| Mention {
                drug: self.spellings[found.phrase].1,
                span: span.start + found.range.start..span.start + found.range.end,
                misspelled: self.misspelled[found.phrase],
            })
            .collect()
    }

    /// The conversion data of an opioid.
    pub fn med(&self, drug: DrugId) -> Option<&DrugMed> {
        self.graph[drug].drug.as_ref()?.med.as_ref()
    }

    /// The generic name of a drug.
    pub fn generic(&self, drug: DrugId) -> &str {
        &self.graph[drug].name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(name: &str, is: &[&str]) -> ClassDef {
        ClassDef {
            name: name.into(),
            is: is.iter().map(|s| s.to_string()).collect(),
            description: None,
        }
    }

    fn drug(name: &str, brands: &[&str], is: &[&str]) -> DrugDef {
        DrugDef {
            name: name.into(),
            brands: brands.iter().map(|s| s.to_string()).collect(),
            aliases: vec![],
            misspellings: vec![],
            is: is.iter().map(|s| s.to_string()).collect(),
            med: None,
            doses_per_day: None,
        }
    }

    #[test]
    fn membership_is_reachability() {
        let t = Taxonomy::build(
            &[
                class("opioid", &[]),
                class("short-acting opioid", &["opioid"]),
            ],
            &[drug(
                "hydrocodone/acetaminophen",
                &["Norco"],
                &["short-acting opioid"],
            )],
        )
        .unwrap();
        let norco = t.lookup("NORCO").unwrap();
        assert!(t.is_a(norco, "opioid"));
        assert!(t.is_a(norco, "short-acting opioid"));
        assert!(!t.is_a(norco, "muscle relaxant"));
        assert_eq!(t.generic(norco), "hydrocodone/acetaminophen");
    }

    #[test]
    fn top_classes_are_the_broadest_reached() {
        let t = Taxonomy::build(
            &[
                class("opioid", &[]),
                class("short-acting opioid", &["opioid"]),
                class("analgesic combination", &[]),
                class("muscle relaxant", &[]),
            ],
            &[drug(
                "hydrocodone/acetaminophen",
                &["Norco"],
                &["short-acting opioid", "analgesic combination"],
            )],
        )
        .unwrap();
        let norco = t.lookup("norco").unwrap();
        let top: Vec<&str> = t.top_classes(norco).collect();
        assert_eq!(top, ["opioid", "analgesic combination"]);
    }

    #[test]
    fn cycles_and_unknown_parents_are_errors() {
        let err = Taxonomy::build(&[class("a", &["b"]), class("b", &["a"])], &[]).unwrap_err();
        assert!(matches!(err, TaxonomyError::Cycle { .. }));
        let err = Taxonomy::build(&[class("a", &["nope"])], &[]).unwrap_err();
        assert_eq!(
            err,
            TaxonomyError::UnknownParent {
                child: "a".into(),
                parent: "nope".into()
            }
        );
    }
}
