//! Loading a rule file: YAML → schema → validated [`RuleSet`], following `extends:`.
//! Every error names the file and, when it can, the line and column of the culprit.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use regex::Regex;

use super::schema::{RuleDef, RuleFile, SCHEMA_VERSION};
use super::taxonomy::{Taxonomy, TaxonomyError};
use super::topics::{Topic, TopicIndex};
use super::{
    BUILTIN_MTUS, BUILTIN_MTUS_JSON, BUILTIN_NAME, Negation, PhraseSet, Phrases, Rule,
    RuleFileError, RuleSet, RuleSource,
};
use crate::diagnostic::Severity;
use crate::letter::GuidelineSource;

/// A definition and the file it came from.
struct Defined<T> {
    value: T,
    file: usize,
}

/// The merged, not yet compiled contents of a rule file and what it extends.
#[derive(Default)]
struct Merged {
    name: Option<String>,
    phrases: Option<(super::schema::Phrases, usize)>,
    negation: Option<(super::schema::Negation, usize)>,
    classes: Vec<Defined<super::schema::ClassDef>>,
    drugs: Vec<Defined<super::schema::DrugDef>>,
    topics: Vec<Defined<super::schema::TopicDef>>,
    med: Option<super::schema::MedDef>,
    rules: Vec<Defined<RuleDef>>,
}

pub fn load_path(path: &Path) -> Result<RuleSet, RuleFileError> {
    let name = path.display().to_string();
    if RuleSet::is_builtin_name(path) {
        let text = builtin(&name).map_err(|msg| RuleFileError::whole(&name, msg))?;
        return load_text(&name, text, None);
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        let error = RuleFileError::whole(&name, format!("cannot read rule file: {e}"));
        if e.kind() == std::io::ErrorKind::NotFound {
            error.with_help(GET_A_RULE_FILE)
        } else {
            error
        }
    })?;
    load_text(&name, &text, Some(path))
}

/// What to do when a named rule file does not exist.
const GET_A_RULE_FILE: &str = "the MTUS rule set is built in: omit `--rules` to use it, or name it
`--rules builtin:mtus` (`rules = \"builtin:mtus\"` in imr-lint.toml); `imr-lint init` writes
mtus.yaml, a rule file that extends it, for local changes (`--full`: the whole set, to fork)";

/// The text of a built-in rule set, by its `builtin:` name.
fn builtin(name: &str) -> Result<&'static str, String> {
    if name == BUILTIN_NAME {
        Ok(BUILTIN_MTUS)
    } else {
        Err(format!(
            "unknown built-in rule set '{name}' (the built-in set is {BUILTIN_NAME})"
        ))
    }
}

pub fn load_text(name: &str, text: &str, path: Option<&Path>) -> Result<RuleSet, RuleFileError> {
    let mut files = Vec::new();
    let mut merged = Merged::default();
    let mut seen = HashSet::new();
    read(
        name,
        text.to_string(),
        path.map(Path::to_path_buf),
        &mut files,
        &mut merged,
        &mut seen,
    )?;
    compile(name, merged, &files)
}

/// Parses a rule file and checks its schema version. The embedded rule set, given
/// unchanged, is read from its JSON form (`build.rs`).
fn parse(file: &RuleSource) -> Result<RuleFile, RuleFileError> {
    let rf: RuleFile = if file.text == BUILTIN_MTUS {
        serde_json::from_str(BUILTIN_MTUS_JSON)
            .map_err(|e| RuleFileError::whole(&file.name, format!("embedded rule set: {e}")))?
    } else {
        serde_yaml::from_str(&file.text).map_err(|e| {
            let offset = e.location().map_or(0, |l| l.index());
            let message = e.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            RuleFileError::at(&file.name, &file.text, offset, 1, message)
        })?
    };
    if rf.schema != SCHEMA_VERSION {
        let (at, len) = locate(&file.text, "schema", &rf.schema.to_string(), 0).unwrap_or((0, 0));
        return Err(RuleFileError::at(
            &file.name,
            &file.text,
            at,
            len,
            format!(
                "unsupported schema version {} (this imr-lint reads version {SCHEMA_VERSION})",
                rf.schema
            ),
        ));
    }
    Ok(rf)
}

/// Reads one file, first merging what it extends.
fn read(
    name: &str,
    text: String,
    path: Option<PathBuf>,
    files: &mut Vec<Arc<RuleSource>>,
    merged: &mut Merged,
    seen: &mut HashSet<String>,
) -> Result<(), RuleFileError> {
    let key = path
        .as_ref()
        .and_then(|p| p.canonicalize().ok())
        .map_or_else(|| name.to_string(), |p| p.display().to_string());
    seen.insert(key);
    files.push(Arc::new(RuleSource {
        name: name.to_string(),
        text,
    }));
    let index = files.len() - 1;
    let rf = parse(&files[index])?;
    let err_at = |files: &[Arc<RuleSource>], key: &str, value: &str, msg: String| {
        let f = &files[index];
        let (at, len) = locate(&f.text, key, value, 0).unwrap_or((0, 0));
        RuleFileError::at(&f.name, &f.text, at, len, msg)
    };
    if let Some(base) = &rf.extends {
        let (base_name, base_text, base_path) = if RuleSet::is_builtin_name(Path::new(base)) {
            let text = builtin(base).map_err(|msg| err_at(files, "extends", base, msg))?;
            (base.clone(), text.to_string(), None)
        } else {
            let dir = path
                .as_deref()
                .and_then(Path::parent)
                .unwrap_or(Path::new("."));
            let p = dir.join(base);
            let t = std::fs::read_to_string(&p).map_err(|e| {
                let error = err_at(
                    files,
                    "extends",
                    base,
                    format!("cannot read extended rule file {}: {e}", p.display()),
                );
                if e.kind() == std::io::ErrorKind::NotFound {
                    error.with_help(format!(
                        "`extends:` takes a path relative to this file, or {BUILTIN_NAME} \
                         (the built-in set)"
                    ))
                } else {
                    error
                }
            })?;
            (p.display().to_string(), t, Some(p))
        };
        let base_key = base_path
            .as_ref()
            .and_then(|p| p.canonicalize().ok())
            .map_or_else(|| base_name.clone(), |p| p.display().to_string());
        if seen.contains(&base_key) {
            return Err(err_at(
                files,
                "extends",
                base,
                format!("extends cycle: {base_name} is already being loaded"),
            )
            .with_help("a rule file may not extend itself, directly or through another file"));
        }
        read(&base_name, base_text, base_path, files, merged, seen)?;
    }
    let f = &files[index];
    let mut ids = HashSet::new();
    for r in &rf.rules {
        if !ids.insert(r.id.clone()) {
            let (at, len) = locate(&f.text, "id", &r.id, 1).unwrap_or((0, 0));
            return Err(RuleFileError::at(
                &f.name,
                &f.text,
                at,
                len,
                format!("duplicate rule id '{}'", r.id),
            ));
        }
    }
    for (id, o) in &rf.overrides {
        let Some(rule) = merged.rules.iter_mut().find(|r| &r.value.id == id) else {
            let at = f.text.find(&format!("{id}:")).unwrap_or(0);
            return Err(RuleFileError::at(
                &f.name,
                &f.text,
                at,
                id.len(),
                format!("override of unknown rule '{id}'"),
            ));
        };
        if let Some(s) = &o.severity {
            rule.value.severity = s.clone();
            rule.file = index;
        }
        if let Some(e) = o.enabled {
            rule.value.enabled = Some(e);
        }
    }
    for id in &rf.disable {
        let Some(rule) = merged.rules.iter_mut().find(|r| &r.value.id == id) else {
            let at = f.text.find(id.as_str()).unwrap_or(0);
            return Err(RuleFileError::at(
                &f.name,
                &f.text,
                at,
                id.len(),
                format!("cannot disable unknown rule '{id}'"),
            ));
        };
        rule.value.enabled = Some(false);
    }
    merged.name = rf.name.or(merged.name.take());
    if let Some(p) = rf.phrases {
        merged.phrases = Some((p, index));
    }
    if let Some(n) = rf.negation {
        merged.negation = Some((n, index));
    }
    if rf.med.is_some() {
        merged.med = rf.med;
    }
    let defined = |v| Defined {
        value: v,
        file: index,
    };
    merged.classes.extend(rf.classes.into_iter().map(defined));
    merged.drugs.extend(rf.drugs.into_iter().map(|v| Defined {
        value: v,
        file: index,
    }));
    merged.topics.extend(rf.topics.into_iter().map(|v| Defined {
        value: v,
        file: index,
    }));
    for r in rf.rules {
        merged.rules.retain(|old| old.value.id != r.id);
        merged.rules.push(Defined {
            value: r,
            file: index,
        });
    }
    Ok(())
}

/// The byte offset and length of the `occurrence`-th (0-based) `key: value` in a file.
fn locate(text: &str, key: &str, value: &str, occurrence: usize) -> Option<(usize, usize)> {
    let re = Regex::new(&format!(
        r#"(?m)^[ \t-]*{}:[ \t]*['"]?({})['"]?[ \t]*(?:#.*)?$"#,
        regex::escape(key),
        regex::escape(value)
    ))
    .ok()?;
    let m = re.captures_iter(text).nth(occurrence)?.get(1)?;
    Some((m.start(), m.len()))
}

/// The place of `key:`'s value (or of the key, when the value is on later lines) within
/// the rule whose id is `id`.
pub(super) fn locate_in_rule(text: &str, id: &str, key: &str) -> (usize, usize) {
    let Some((start, len)) = locate(text, "id", id, 0) else {
        return (0, 0);
    };
    let rest = &text[start..];
    let end = rest
        .find("\n  - id:")
        .or_else(|| rest.find("\n- id:"))
        .unwrap_or(rest.len());
    let needle = format!("{key}:");
    let Some(at) = rest[..end].find(&needle) else {
        return (start, len);
    };
    let key_at = start + at;
    let after = &text[key_at + needle.len()..];
    let line = after.split('\n').next().unwrap_or("");
    let value = line.trim();
    if value.is_empty() {
        return (key_at, key.len());
    }
    let lead = line.len() - line.trim_start().len();
    (key_at + needle.len() + lead, value.len())
}

fn compile(name: &str, m: Merged, files: &[Arc<RuleSource>]) -> Result<RuleSet, RuleFileError> {
    let top = &files[0];
    let at_file = |file: usize, offset: usize, len: usize, msg: String| {
        let f = &files[file];
        RuleFileError::at(&f.name, &f.text, offset, len, msg)
    };
    let (phrases_def, pfile) = m.phrases.ok_or_else(|| {
        RuleFileError::whole(
            &top.name,
            "no `phrases:` section (in this file or one it extends)",
        )
    })?;
    let (negation_def, nfile) = m.negation.ok_or_else(|| {
        RuleFileError::whole(
            &top.name,
            "no `negation:` section (in this file or one it extends)",
        )
    })?;
    let set = |list: &[String], anchored: bool, file: usize, key: &str| {
        PhraseSet::new(list, anchored).map_err(|e| {
            let at = files[file].text.find(&format!("{key}:")).unwrap_or(0);
            at_file(
                file,
                at,
                key.len(),
                format!("invalid phrase list '{key}': {e}"),
            )
        })
    };
    let p = &phrases_def;
    let phrases = Phrases {
        determination: set(&p.determination, false, pfile, "determination")?,
        argument: set(&p.argument, false, pfile, "argument")?,
        verdict: set(&p.verdict, false, pfile, "verdict")?,
        conclusion: set(&p.conclusion, false, pfile, "conclusion")?,
        request_cue: set(&p.request_cue, false, pfile, "request_cue")?,
        modification: set(&p.modification, false, pfile, "modification")?,
        copula: set(&p.copula, false, pfile, "copula")?,
        uncertain: set(&p.uncertain, false, pfile, "uncertain")?,
        boilerplate: set(&p.boilerplate, false, pfile, "boilerplate")?,
        concession: set(&p.concession, true, pfile, "concession")?,
        attribution: set(&p.attribution, true, pfile, "attribution")?,
        request_intro: set(&p.request_intro, false, pfile, "request_intro")?,
        topical: set(&p.topical, false, pfile, "topical")?,
        mojibake: PhraseSet::substrings(&p.mojibake).map_err(|e| {
            let at = files[pfile].text.find("mojibake:").unwrap_or(0);
            at_file(pfile, at, 8, format!("invalid phrase list 'mojibake': {e}"))
        })?,
    };
    let n = &negation_def;
    let negation = Negation {
        scope: n.scope,
        forward: set(&n.forward, false, nfile, "forward")?,
        backward: set(&n.backward, false, nfile, "backward")?,
        pseudo: set(&n.pseudo, false, nfile, "pseudo")?,
        terminators: set(&n.terminators, false, nfile, "terminators")?,
        post_scope: n.post_scope.unwrap_or(n.scope),
        nominal: set(&n.nominal, false, nfile, "nominal")?,
        copula: phrases.copula.clone(),
        post: set(&n.post, false, nfile, "post")?,
        clause_forward: set(&n.clause_forward, false, nfile, "clause_forward")?,
        hypothetical: set(&n.hypothetical, false, nfile, "hypothetical")?,
        historical: set(&n.historical, false, nfile, "historical")?,
        conditional: set(&n.conditional, false, nfile, "conditional")?,
        guideline: set(&n.guideline, false, nfile, "guideline")?,
        record: set(&n.record, false, nfile, "record")?,
        cues: set(
            &[
                n.forward.as_slice(),
                &n.backward,
                &n.post,
                &n.clause_forward,
                &n.nominal,
                &n.hypothetical,
                &n.historical,
                &n.guideline,
            ]
            .concat(),
            false,
            nfile,
            "negation",
        )?,
    };
    let classes: Vec<_> = m.classes.iter().map(|d| d.value.clone()).collect();
    let drugs: Vec<_> = m.drugs.iter().map(|d| d.value.clone()).collect();
    let taxonomy = Taxonomy::build(&classes, &drugs).map_err(|e| {
        let (name, value, key) = match &e {
            TaxonomyError::UnknownParent { child, parent } => (child.clone(), parent.clone(), "is"),
            TaxonomyError::Cycle { name } => (name.clone(), name.clone(), "name"),
            TaxonomyError::Duplicate { name } => (name.clone(), name.clone(), "name"),
        };
        let file = m
            .classes
            .iter()
            .map(|d| (&d.value.name, d.file))
            .chain(m.drugs.iter().map(|d| (&d.value.name, d.file)))
            .find(|(n, _)| **n == name)
            .map_or(0, |(_, f)| f);
        let text = &files[file].text;
        let (at, len) = match key {
            "is" => {
                let (start, _) = locate(text, "name", &name, 0).unwrap_or((0, 0));
                text[start..]
                    .find(value.as_str())
                    .map_or((start, name.len()), |i| (start + i, value.len()))
            }
            _ => locate(
                text,
                "name",
                &name,
                usize::from(matches!(e, TaxonomyError::Duplicate { .. })),
            )
            .unwrap_or((0, 0)),
        };
        let msg = match e {
            TaxonomyError::UnknownParent { child, parent } => {
                format!("'{child}' is listed under '{parent}', which is neither a class nor a drug")
            }
            TaxonomyError::Cycle { name } => format!("the taxonomy has a cycle through '{name}'"),
            TaxonomyError::Duplicate { name } => {
                format!("'{name}' is defined twice in the taxonomy")
            }
        };
        at_file(file, at, len, msg)
    })?;
    let mut topics = Vec::new();
    for d in &m.topics {
        let t = &d.value;
        let text = &files[d.file].text;
        let topic_error = |what: String| {
            let (at, len) = locate(text, "name", &t.name, 0).unwrap_or((0, 0));
            at_file(d.file, at, len, format!("topic '{}': {what}", t.name))
        };
        let guideline = guideline(&t.guideline).ok_or_else(|| {
            topic_error(format!(
                "unknown guideline '{}' (chronic-pain, acoem-N, non-mtus)",
                t.guideline
            ))
        })?;
        let pages = t
            .pages
            .iter()
            .map(page_range)
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| topic_error("pages must be numbers or ranges like \"63-66\"".into()))?;
        if let Some(c) = t.classes.iter().find(|c| taxonomy.get(c).is_none()) {
            return Err(topic_error(format!("unknown class '{c}'")));
        }
        topics.push(Topic::new(
            t.name.clone(),
            guideline,
            &t.aliases,
            pages,
            t.classes.clone(),
        ));
    }
    let mut rules = Vec::new();
    for d in &m.rules {
        let r = &d.value;
        let text = &files[d.file].text;
        let err = |key: &str, msg: String| {
            let (at, len) = locate_in_rule(text, &r.id, key);
            at_file(d.file, at, len, format!("rule '{}': {msg}", r.id))
        };
        let severity = Severity::parse(&r.severity).ok_or_else(|| {
            err(
                "severity",
                format!("unknown severity '{}' (error, warning, info)", r.severity),
            )
        })?;
        rules.push(Rule {
            id: r.id.clone(),
            kind: r.kind.clone(),
            params: r
                .params
                .clone()
                .unwrap_or(serde_yaml::Value::Mapping(Default::default())),
            severity,
            enabled: r.enabled.unwrap_or(true),
            message: r.message.trim().to_string(),
            help: r.help.trim().to_string(),
            citation: r.citation.trim().to_string(),
            category: r
                .category
                .clone()
                .unwrap_or_else(|| r.id.split('/').next().unwrap_or(&r.id).to_string()),
            flag: r.examples.flag.clone(),
            pass: r.examples.pass.clone(),
            source: Arc::clone(&files[d.file]),
        });
    }
    Ok(RuleSet {
        name: m.name.unwrap_or_else(|| name.to_string()),
        origin: name.to_string(),
        rules,
        phrases,
        negation,
        taxonomy,
        topics: TopicIndex::new(topics)
            .map_err(|e| RuleFileError::whole(&top.name, format!("topic names: {e}")))?,
        assumed_supply_days: m.med.map_or(30.0, |d| d.assumed_supply_days),
    })
}

/// `chronic-pain`, `acoem-12`, `acoem`, `non-mtus`.
fn guideline(s: &str) -> Option<GuidelineSource> {
    match s {
        "chronic-pain" => Some(GuidelineSource::ChronicPain),
        "non-mtus" => Some(GuidelineSource::NonMtus),
        "acoem" => Some(GuidelineSource::Acoem(None)),
        _ => s
            .strip_prefix("acoem-")
            .and_then(|n| n.parse().ok())
            .map(|n| GuidelineSource::Acoem(Some(n))),
    }
}

fn page_range(v: &serde_yaml::Value) -> Option<(u32, u32)> {
    if let Some(n) = v.as_u64() {
        let n = u32::try_from(n).ok()?;
        return Some((n, n));
    }
    let s = v.as_str()?;
    let (a, b) = s.split_once('-').unwrap_or((s, s));
    let (a, b): (u32, u32) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a <= b).then_some((a, b))
}

/// The first `{name}` in a template that `known` does not know.
pub(super) fn unknown_placeholder(template: &str, known: impl Fn(&str) -> bool) -> Option<&str> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        let name = &after[..close];
        if !known(name) {
            return Some(name);
        }
        rest = &after[close + 1..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_json_reads_as_the_embedded_yaml() {
        let from_yaml: RuleFile = serde_yaml::from_str(BUILTIN_MTUS).unwrap();
        let from_json: RuleFile = serde_json::from_str(BUILTIN_MTUS_JSON).unwrap();
        assert_eq!(format!("{from_yaml:?}"), format!("{from_json:?}"));
        assert!(format!("{from_json:?}").contains("mtus/med-ceiling"));
    }
}
