//! JSON for scripts: DESIGN's `search --json` object, NDJSON hits, facet lists.

use std::io::{self, Write};

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{json, Value};

use crate::search::citations::Citation;
use crate::search::engine::Shown;
use crate::search::facets::FacetValue;
use crate::search::hit::Hit;
use crate::search::Response;

/// `{"query","total","took_ms","hits","facets"}`, plus `explain` when asked for; the
/// hits of `response`, then those of `more` (the rest of a large page, read a batch
/// at a time), so a page of any size is written without holding it.
/// Serialised straight from the response: building a `serde_json::Value` tree of
/// thousands of facet values first was a sixth of a search.
pub fn write_response(
    out: &mut impl Write,
    response: &Response,
    more: impl Iterator<Item = anyhow::Result<Vec<Hit>>>,
    explain: bool,
) -> anyhow::Result<()> {
    out.write_all(b"{\"query\":")?;
    serde_json::to_writer(&mut *out, &response.query)?;
    write!(
        out,
        ",\"total\":{},\"took_ms\":{},\"hits\":[",
        response.total, response.took_ms
    )?;
    let mut first = true;
    let mut write_hits = |out: &mut dyn Write, hits: &[Hit]| -> anyhow::Result<()> {
        for hit in hits {
            if !std::mem::take(&mut first) {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, hit)?;
        }
        Ok(())
    };
    write_hits(out, &response.hits)?;
    for batch in more {
        write_hits(out, &batch?)?;
    }
    out.write_all(b"],\"facets\":")?;
    serde_json::to_writer(&mut *out, &FacetsJson(&response.facets))?;
    if explain {
        out.write_all(b",\"explain\":")?;
        serde_json::to_writer(&mut *out, &response.explain)?;
    }
    out.write_all(b"}\n")?;
    Ok(())
}

/// The facets as one object, in the order they were asked for.
struct FacetsJson<'a>(&'a [(String, Vec<FacetValue>)]);

impl Serialize for FacetsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, values) in self.0 {
            map.serialize_entry(name, values)?;
        }
        map.end()
    }
}

/// One hit object per line, as in `hits` of the JSON response, batch after batch.
pub fn write_ndjson(
    out: &mut impl Write,
    batches: impl Iterator<Item = anyhow::Result<Vec<Hit>>>,
) -> anyhow::Result<()> {
    for batch in batches {
        for hit in &batch? {
            serde_json::to_writer(&mut *out, hit)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// `[{"value","count"}]`.
pub fn write_facet(out: &mut impl Write, values: &[FacetValue]) -> io::Result<()> {
    serde_json::to_writer(&mut *out, values)?;
    out.write_all(b"\n")
}

/// `dossier show --json`: the record with its body and the body marked up.
pub fn write_shown(out: &mut impl Write, shown: &Shown) -> io::Result<()> {
    let mut value = shown.record.summary_json();
    if let Value::Object(map) = &mut value {
        map.insert("body".into(), json!(shown.body.text));
        map.insert("html".into(), json!(shown.body.html()));
        map.insert("copies".into(), json!(shown.copies));
        if shown.record.cable.is_some() {
            map.insert("cites".into(), citations_json(&shown.cites));
            map.insert("cited_by".into(), citations_json(&shown.cited_by));
        }
    }
    serde_json::to_writer(&mut *out, &value)?;
    out.write_all(b"\n")
}

/// `[{"id","title","date","indexed"}]`: one end of each citation of a cable.
fn citations_json(citations: &[Citation]) -> Value {
    citations
        .iter()
        .map(|c| json!({"id": c.id, "title": c.title, "date": c.date, "indexed": c.indexed}))
        .collect()
}
