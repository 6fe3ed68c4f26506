//! Printers of a [`Graph`]: GEXF and GraphML for Gephi, yEd and Cytoscape, the
//! nodes and edges tables Gephi imports, JSON for scripts, and the strongest pairs
//! for a terminal.

use std::io::{self, Write};

use anyhow::Result;
use quick_xml::escape::escape;

use crate::sanitize::for_terminal;
use crate::search::graph::{Graph, NodeKind};

/// Text as XML 1.0 may hold it: escaped, and without the control characters it
/// forbids (a document's name is the document's, not ours).
fn xml(text: &str) -> String {
    let allowed: String = text
        .chars()
        .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    escape(allowed.as_str()).into_owned()
}

/// What the network is, for the files' descriptions.
fn described(graph: &Graph) -> String {
    let what = if graph.directed {
        "cables citing cables: the documents matching"
    } else {
        "actors named together in the documents matching"
    };
    format!("{what} {}", graph.query)
}

/// `directed` or `undirected`, as GEXF and GraphML write it.
fn edge_type(graph: &Graph) -> &'static str {
    if graph.directed {
        "directed"
    } else {
        "undirected"
    }
}

/// Node ids by position: `n0`, `n1`, ... in [`Graph::nodes`] order.
fn ids(graph: &Graph) -> std::collections::HashMap<&str, usize> {
    graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.name.as_str(), i))
        .collect()
}

/// GEXF 1.3 (gexf.net): a static graph (directed for citations), nodes with their
/// type and documents, edges with weight and first and last dates.
pub fn write_gexf(out: &mut impl Write, graph: &Graph) -> io::Result<()> {
    let ids = ids(graph);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(
        out,
        "  <meta><creator>dossier</creator><description>{}</description></meta>",
        xml(&described(graph))
    )?;
    writeln!(
        out,
        r#"  <graph mode="static" defaultedgetype="{}">"#,
        edge_type(graph)
    )?;
    writeln!(out, r#"    <attributes class="node">"#)?;
    writeln!(
        out,
        r#"      <attribute id="type" title="type" type="string"/>"#
    )?;
    writeln!(
        out,
        r#"      <attribute id="documents" title="documents" type="integer"/>"#
    )?;
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge">"#)?;
    writeln!(
        out,
        r#"      <attribute id="first" title="first" type="string"/>"#
    )?;
    writeln!(
        out,
        r#"      <attribute id="last" title="last" type="string"/>"#
    )?;
    writeln!(out, "    </attributes>")?;
    writeln!(out, "    <nodes>")?;
    for (i, node) in graph.nodes.iter().enumerate() {
        writeln!(
            out,
            r#"      <node id="n{i}" label="{}"><attvalues><attvalue for="type" value="{}"/><attvalue for="documents" value="{}"/></attvalues></node>"#,
            xml(&node.name),
            node.kind.as_str(),
            node.documents
        )?;
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, "    <edges>")?;
    for (i, edge) in graph.edges.iter().enumerate() {
        let (Some(s), Some(t)) = (ids.get(edge.source.as_str()), ids.get(edge.target.as_str()))
        else {
            continue;
        };
        write!(
            out,
            r#"      <edge id="e{i}" source="n{s}" target="n{t}" weight="{}">"#,
            edge.weight
        )?;
        if let (Some(first), Some(last)) = (&edge.first, &edge.last) {
            write!(
                out,
                r#"<attvalues><attvalue for="first" value="{first}"/><attvalue for="last" value="{last}"/></attvalues>"#
            )?;
        }
        writeln!(out, "</edge>")?;
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")
}

/// GraphML (graphdrawing.org): keys for label, type and documents of a node and
/// weight, first and last of an edge.
pub fn write_graphml(out: &mut impl Write, graph: &Graph) -> io::Result<()> {
    let ids = ids(graph);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, domain, kind) in [
        ("label", "node", "string"),
        ("type", "node", "string"),
        ("documents", "node", "int"),
        ("weight", "edge", "int"),
        ("first", "edge", "string"),
        ("last", "edge", "string"),
    ] {
        writeln!(
            out,
            r#"  <key id="{id}" for="{domain}" attr.name="{id}" attr.type="{kind}"/>"#
        )?;
    }
    writeln!(
        out,
        r#"  <graph id="{}" edgedefault="{}">"#,
        if graph.directed { "cables" } else { "actors" },
        edge_type(graph)
    )?;
    for (i, node) in graph.nodes.iter().enumerate() {
        writeln!(
            out,
            r#"    <node id="n{i}"><data key="label">{}</data><data key="type">{}</data><data key="documents">{}</data></node>"#,
            xml(&node.name),
            node.kind.as_str(),
            node.documents
        )?;
    }
    for edge in &graph.edges {
        let (Some(s), Some(t)) = (ids.get(edge.source.as_str()), ids.get(edge.target.as_str()))
        else {
            continue;
        };
        write!(
            out,
            r#"    <edge source="n{s}" target="n{t}"><data key="weight">{}</data>"#,
            edge.weight
        )?;
        if let (Some(first), Some(last)) = (&edge.first, &edge.last) {
            write!(
                out,
                r#"<data key="first">{first}</data><data key="last">{last}</data>"#
            )?;
        }
        writeln!(out, "</edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

/// Gephi's spreadsheet import: a nodes table (`Id,Label,Type,Documents`).
pub fn write_nodes_csv(out: &mut impl Write, graph: &Graph) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["Id", "Label", "Type", "Documents"])?;
    for (i, node) in graph.nodes.iter().enumerate() {
        writer.write_record([
            format!("n{i}").as_str(),
            node.name.as_str(),
            node.kind.as_str(),
            &node.documents.to_string(),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

/// Gephi's spreadsheet import: an edges table (`Source,Target,Type,Weight,First,Last`).
pub fn write_edges_csv(out: &mut impl Write, graph: &Graph) -> Result<()> {
    let ids = ids(graph);
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["Source", "Target", "Type", "Weight", "First", "Last"])?;
    for edge in &graph.edges {
        let (Some(s), Some(t)) = (ids.get(edge.source.as_str()), ids.get(edge.target.as_str()))
        else {
            continue;
        };
        writer.write_record([
            format!("n{s}").as_str(),
            format!("n{t}").as_str(),
            if graph.directed {
                "Directed"
            } else {
                "Undirected"
            },
            &edge.weight.to_string(),
            edge.first.as_deref().unwrap_or(""),
            edge.last.as_deref().unwrap_or(""),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

/// The graph as one JSON object (the shape is in the README).
pub fn write_json(out: &mut impl Write, graph: &Graph) -> io::Result<()> {
    serde_json::to_writer(&mut *out, graph)?;
    writeln!(out)
}

/// The most cited cables, one a line: citations, id, and whether it is indexed.
pub fn write_most_cited(out: &mut impl Write, graph: &Graph, limit: usize) -> io::Result<()> {
    let cited: Vec<_> = graph.nodes.iter().filter(|n| n.documents > 0).collect();
    let digits = cited.first().map_or(1, |n| n.documents.to_string().len());
    for node in cited.iter().take(limit) {
        let note = if node.kind == NodeKind::Cited {
            "  (not indexed)"
        } else {
            ""
        };
        writeln!(
            out,
            "{:>digits$}  {}{note}",
            node.documents,
            for_terminal(&node.name, false)
        )?;
    }
    writeln!(
        out,
        "{} of {} cited cables; {} citations by {} matching documents",
        cited.len().min(limit),
        cited.len(),
        graph.edges.len(),
        graph.total
    )
}

/// The strongest pairs, one a line: weight, the two names, their dates.
pub fn write_pairs(out: &mut impl Write, graph: &Graph, limit: usize) -> io::Result<()> {
    let digits = graph
        .edges
        .first()
        .map_or(1, |e| e.weight.to_string().len());
    for edge in graph.edges.iter().take(limit) {
        let dates = match (&edge.first, &edge.last) {
            (Some(f), Some(l)) if f == l => format!("  ({f})"),
            (Some(f), Some(l)) => format!("  ({f} to {l})"),
            _ => String::new(),
        };
        writeln!(
            out,
            "{:>digits$}  {} — {}{dates}",
            edge.weight,
            for_terminal(&edge.source, false),
            for_terminal(&edge.target, false)
        )?;
    }
    let shown = graph.edges.len().min(limit);
    writeln!(
        out,
        "{shown} of {} pairs among {} actors of {} documents",
        graph.edges.len(),
        graph.nodes.len(),
        graph.total
    )
}
