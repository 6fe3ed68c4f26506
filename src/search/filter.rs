//! Filters from the command line (`--outlet`, `--actor`, `--since`, ...), resolved to
//! queries grouped by the facet they constrain.
//!
//! Repeated flags of one field are OR, different fields AND. The grouping is what
//! multi-select facet counts need: counting `outlet` leaves out the `outlet` group.

use anyhow::Result;
use tantivy::query::{BooleanQuery, Occur, Query};

use super::date::period;
use super::plan::{date_range, facet_query};
use super::resolve::Resolver;
use crate::index::Fields;

/// The filters as given, before resolution.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub outlet: Vec<String>,
    pub actor: Vec<String>,
    pub classification: Vec<String>,
    pub caveat: Vec<String>,
    pub tag: Vec<String>,
    pub place: Vec<String>,
    pub kind: Vec<String>,
    pub cites: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
}

impl Filters {
    /// The values given for the facet `name`, for callers holding filters as
    /// `(facet, value)` pairs (the web page's URL); `None` for facets that are not
    /// filters.
    pub fn values_mut(&mut self, name: &str) -> Option<&mut Vec<String>> {
        Some(match name {
            "outlet" => &mut self.outlet,
            "actor" => &mut self.actor,
            "classification" => &mut self.classification,
            "caveat" => &mut self.caveat,
            "tag" => &mut self.tag,
            "place" => &mut self.place,
            "kind" => &mut self.kind,
            "cites" => &mut self.cites,
            _ => return None,
        })
    }
}

/// The resolved filters of one facet (or `date`), ORed into one query.
pub struct FilterGroup {
    pub facet: &'static str,
    pub query: Box<dyn Query>,
    /// For `--explain`: what the values resolved to.
    pub description: String,
}

impl Filters {
    /// Resolves every value against the index; an unknown value is an error that
    /// names the nearest known ones.
    pub fn resolve(&self, fields: &Fields, resolver: &Resolver) -> Result<Vec<FilterGroup>> {
        let mut groups = Vec::new();
        // `09 DAMASCUS 192` is written `09DAMASCUS192` in reference ids.
        let cites: Vec<String> = self
            .cites
            .iter()
            .map(|r| r.split_whitespace().collect())
            .collect();
        let plain: [(&'static str, &Vec<String>); 7] = [
            ("outlet", &self.outlet),
            ("actor", &self.actor),
            ("caveat", &self.caveat),
            ("tag", &self.tag),
            ("place", &self.place),
            ("kind", &self.kind),
            ("cites", &cites),
        ];
        for (facet, inputs) in plain {
            if inputs.is_empty() {
                continue;
            }
            let field = fields
                .facet(facet)
                .ok_or_else(|| anyhow::anyhow!("the index has no {facet} field"))?;
            let mut values = Vec::new();
            for input in inputs {
                values.extend(resolver.resolve(facet, field, input)?);
            }
            values.sort();
            values.dedup();
            groups.push(FilterGroup {
                facet,
                query: facet_query(field, &values),
                description: format!("--{facet}: {}", quoted(&values)),
            });
        }
        if !self.classification.is_empty() {
            groups.push(self.markings(fields, resolver)?);
        }
        if self.since.is_some() || self.until.is_some() {
            groups.push(self.dates(fields)?);
        }
        Ok(groups)
    }

    /// `--classification SECRET//NOFORN`: the level and every caveat of the marking.
    fn markings(&self, fields: &Fields, resolver: &Resolver) -> Result<FilterGroup> {
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut described = Vec::new();
        for marking in &self.classification {
            let mut parts = marking.split("//").map(str::trim).filter(|p| !p.is_empty());
            let level = parts.next().unwrap_or("");
            let levels = resolver.resolve("classification", fields.classification, level)?;
            let mut all: Vec<(Occur, Box<dyn Query>)> =
                vec![(Occur::Must, facet_query(fields.classification, &levels))];
            let mut text = quoted(&levels);
            for caveat in parts {
                let caveats = resolver.resolve("caveat", fields.caveat, caveat)?;
                text.push_str(&format!(" + caveat {}", quoted(&caveats)));
                all.push((Occur::Must, facet_query(fields.caveat, &caveats)));
            }
            described.push(text);
            alternatives.push((Occur::Should, Box::new(BooleanQuery::new(all))));
        }
        Ok(FilterGroup {
            facet: "classification",
            query: Box::new(BooleanQuery::new(alternatives)),
            description: format!("--classification: {}", described.join(" OR ")),
        })
    }

    fn dates(&self, fields: &Fields) -> Result<FilterGroup> {
        use std::ops::Bound;
        let since = match &self.since {
            Some(text) => Bound::Included(
                period(text)
                    .map_err(|e| anyhow::anyhow!("--since: {e}"))?
                    .start,
            ),
            None => Bound::Unbounded,
        };
        let until = match &self.until {
            Some(text) => Bound::Excluded(
                period(text)
                    .map_err(|e| anyhow::anyhow!("--until: {e}"))?
                    .end,
            ),
            None => Bound::Unbounded,
        };
        let description = format!(
            "date: {} to {} (inclusive)",
            self.since.as_deref().unwrap_or("*"),
            self.until.as_deref().unwrap_or("*")
        );
        Ok(FilterGroup {
            facet: "date",
            query: date_range(fields.date, since, until),
            description,
        })
    }
}

fn quoted(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("{v:?}"))
        .collect::<Vec<_>>()
        .join(" OR ")
}
