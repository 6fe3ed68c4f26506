//! JSON for scripts: DESIGN's `search --json` object, NDJSON hits, facet lists.

use std::io::{self, Write};

use serde_json::{json, Map, Value};

use crate::record::Record;
use crate::search::facets::FacetValue;
use crate::search::hit::Hit;
use crate::search::snippet::Snippet;
use crate::search::Response;

/// `{"query","total","took_ms","hits","facets"}`, plus `explain` when asked for.
pub fn write_response(out: &mut impl Write, response: &Response, explain: bool) -> io::Result<()> {
    let mut facets = Map::new();
    for (name, values) in &response.facets {
        facets.insert(name.clone(), json!(values));
    }
    let mut object = json!({
        "query": response.query,
        "total": response.total,
        "took_ms": response.took_ms,
        "hits": response.hits,
        "facets": facets,
    });
    if explain {
        object["explain"] = json!(response.explain);
    }
    serde_json::to_writer(&mut *out, &object)?;
    out.write_all(b"\n")
}

/// One hit object per line, as in `hits` of the JSON response.
pub fn write_ndjson(out: &mut impl Write, hits: &[Hit]) -> io::Result<()> {
    for hit in hits {
        serde_json::to_writer(&mut *out, hit)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// `[{"value","count"}]`.
pub fn write_facet(out: &mut impl Write, values: &[FacetValue]) -> io::Result<()> {
    serde_json::to_writer(&mut *out, values)?;
    out.write_all(b"\n")
}

/// `dossier show --json`: the record with its body and the body marked up.
pub fn write_shown(out: &mut impl Write, record: &Record, body: &Snippet) -> io::Result<()> {
    let mut value = record.summary_json();
    if let Value::Object(map) = &mut value {
        map.insert("body".into(), json!(body.text));
        map.insert("html".into(), json!(body.html()));
    }
    serde_json::to_writer(&mut *out, &value)?;
    out.write_all(b"\n")
}
