//! The markup of the search and document pages, from what the engine returned.

use maud::{html, Markup};

use super::pages::{marked, shown};
use super::state::{sort_name, SearchState, MAX_OFFSET, PAGE_SIZE};
use super::Failure;
use crate::index::facet;
use crate::search::engine::Shown;
use crate::search::hit::Hit;
use crate::search::timeline::Period;
use crate::search::{Engine, Response, Sort};

/// The facets of the sidebar, in its order.
const SIDEBAR: [&str; 7] = [
    "outlet",
    "actor",
    "classification",
    "kind",
    "year",
    "tag",
    "place",
];
/// Values a facet lists before "more"; and at most, with "more" open.
const SHORT_LIST: usize = 10;
const LONG_LIST: usize = 100;

/// What the search page shows: a page of hits with the sidebar's counts, and the
/// matches per year (per month when they span two years or fewer).
pub(crate) struct Results {
    response: Response,
    strip: Strip,
}

/// The bars over the hits: each period's label (`2009`, `2009-03`) and count, from
/// the first dated match's period to the last one's, and the undated matches.
struct Strip {
    by: Period,
    bars: Vec<(String, u64)>,
    undated: u64,
}

impl Results {
    pub(crate) fn find(engine: &Engine, state: &SearchState) -> Result<Results, Failure> {
        let response = engine
            .search(&state.request(&SIDEBAR))
            .map_err(Failure::bad_request)?;
        let mut strip = Strip::of_years(&response);
        if strip.bars.len() <= 2 && response.total as u64 > strip.undated {
            // A narrow span: by month, which `dossier timeline` counts.
            let (months, _) = engine
                .timeline(state.query(), &state.filters(), Period::Month, None)
                .map_err(Failure::bad_request)?;
            strip = Strip {
                by: Period::Month,
                bars: months
                    .bars
                    .into_iter()
                    .map(|b| (b.period, b.count))
                    .collect(),
                undated: months.undated,
            };
        }
        Ok(Results { response, strip })
    }
}

impl Strip {
    /// The bars by year, from the `year` facet the sidebar counted anyway: a second
    /// pass over every match (as `dossier timeline --by year` makes) was a third of a
    /// page matching most of a collection.
    fn of_years(response: &Response) -> Strip {
        let mut years: Vec<(i32, u64)> = response
            .facets
            .iter()
            .find(|(name, _)| name == "year")
            .map(|(_, values)| {
                values
                    .iter()
                    .filter_map(|v| Some((v.value.parse().ok()?, v.count)))
                    .collect()
            })
            .unwrap_or_default();
        years.sort_unstable();
        let dated: u64 = years.iter().map(|(_, n)| n).sum();
        let bars = match (years.first(), years.last()) {
            (Some(&(first, _)), Some(&(last, _))) => (first..=last)
                .map(|year| {
                    let count = years
                        .binary_search_by_key(&year, |(y, _)| *y)
                        .map_or(0, |i| years[i].1);
                    (year.to_string(), count)
                })
                .collect(),
            _ => Vec::new(),
        };
        Strip {
            by: Period::Year,
            bars,
            undated: (response.total as u64).saturating_sub(dated),
        }
    }
}

/// The query box, with the filters, range and order of the search it shows.
pub(crate) fn search_form(state: &SearchState) -> Markup {
    let orders = [
        (Sort::Relevance, "most relevant"),
        (Sort::Date, "oldest first"),
        (Sort::DateDesc, "newest first"),
    ];
    html! {
        form.search method="get" action="/" role="search" {
            input #q type="search" name="q" value=(state.q) aria-label="Query"
                placeholder="assad AND mamlouk, \"exact phrase\", outlet:reuters, tag:PTER";
            @for (key, value) in &state.filters {
                input type="hidden" name=(key) value=(value);
            }
            label { "from " input #since name="since" size="10" placeholder="YYYY-MM-DD"
                value=[state.since.as_deref()]; }
            label { "to " input #until name="until" size="10" placeholder="YYYY-MM-DD"
                value=[state.until.as_deref()]; }
            select #sort name="sort" aria-label="Order" {
                @for (sort, label) in orders {
                    option value=(sort_name(sort)) selected[state.sort == sort] { (label) }
                }
            }
            button type="submit" { "Search" }
        }
    }
}

/// The search page below the form.
pub(crate) fn results(state: &SearchState, results: &Results) -> Markup {
    let response = &results.response;
    let total = response.total;
    let last_page = total.min(MAX_OFFSET + PAGE_SIZE).div_ceil(PAGE_SIZE).max(1);
    html! {
        main.results {
            aside.facets aria-label="Facets" {
                @for (name, values) in &response.facets {
                    section.facet data-facet=(name) {
                        h2 { (name) }
                        @if values.is_empty() { p.none { "none" } }
                        ul { @for v in values.iter().take(SHORT_LIST) { (facet_value(state, name, &v.value, v.count)) } }
                        @if values.len() > SHORT_LIST {
                            details {
                                summary { (values.len().min(LONG_LIST) - SHORT_LIST) " more" }
                                ul { @for v in values.iter().take(LONG_LIST).skip(SHORT_LIST) {
                                    (facet_value(state, name, &v.value, v.count))
                                } }
                            }
                        }
                    }
                }
            }
            section.hits {
                (chips(state))
                p #total { strong { (total) } @if total == 1 { " document" } @else { " documents" }
                    span.took { " in " (response.took_ms) " ms" } }
                @for note in &response.notes { p.note { (shown(note)) } }
                (strip(state, &results.strip))
                ol.hits start=(state.offset() + 1) {
                    @for hit in &response.hits { (hit_item(state, hit)) }
                }
                @if last_page > 1 {
                    nav.pager aria-label="Pages" {
                        @if state.page > 1 { a rel="prev" href=(state.at_page(state.page - 1).href()) { "← previous" } }
                        span { "page " (state.page) " of " (last_page) }
                        @if state.page < last_page { a rel="next" href=(state.at_page(state.page + 1).href()) { "next →" } }
                    }
                }
            }
        }
    }
}

/// One value of a facet: a link that ticks or unticks it, as `--outlet X` would.
fn facet_value(state: &SearchState, name: &str, value: &str, count: u64) -> Markup {
    let (ticked, next) = if name == "year" {
        (
            state.since.as_deref() == Some(value) && state.until.as_deref() == Some(value),
            state.ranged(value, value),
        )
    } else {
        let key = facet::of(name).map_or("outlet", |f| f.name);
        (state.is_ticked(key, value), state.toggled(key, value))
    };
    html! {
        li { a role="checkbox" aria-checked=(ticked) href=(next.href()) data-value=(value) {
            span.value { (shown(value)) } " " span.count { (count) }
        } }
    }
}

/// The filters in force, each with a link removing it.
fn chips(state: &SearchState) -> Markup {
    html! {
        @if !state.filters.is_empty() || state.since.is_some() || state.until.is_some() {
            ul.chips aria-label="Filters" {
                @for (key, value) in &state.filters {
                    li { (key) ": " (shown(value)) " "
                        a.remove href=(state.toggled(key, value).href()) aria-label="remove" { "×" } }
                }
                @if state.since.is_some() || state.until.is_some() {
                    li { "dates: " (state.since.as_deref().unwrap_or("…")) " to " (state.until.as_deref().unwrap_or("…")) " "
                        a.remove href=(state.without_dates().href()) aria-label="remove" { "×" } }
                }
            }
        }
    }
}

/// Matches per period as bars; a bar narrows the search to its period.
fn strip(state: &SearchState, strip: &Strip) -> Markup {
    let bars = &strip.bars;
    let most = bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let unit = match strip.by {
        Period::Year => "year",
        _ => "month",
    };
    html! {
        @if let (Some((first, _)), Some((last, _))) = (bars.first(), bars.last()) {
            figure.timeline {
                svg viewBox=(format!("0 0 {} 40", bars.len() * 10)) preserveAspectRatio="none"
                    role="img" aria-label=(format!("Matching documents per {unit}")) {
                    @for (i, (period, count)) in bars.iter().enumerate() {
                        @let height = if *count == 0 { 0 } else { (count * 38 / most).max(2) };
                        a href=(state.ranged(period, period).href()) {
                            title { (period) ": " (count) }
                            rect x=(i * 10 + 1) y=(40 - height) width="8" height=(height) {}
                            rect.hover x=(i * 10) y="0" width="10" height="40" {}
                        }
                    }
                }
                figcaption {
                    span { (first) }
                    @if strip.undated > 0 { span { (strip.undated) " undated" } }
                    span { (last) }
                }
            }
        }
    }
}

fn hit_item(state: &SearchState, hit: &Hit) -> Markup {
    html! {
        li.hit {
            a.title href=(doc_href(state, &hit.id)) { (shown(hit.title.as_deref().unwrap_or(&hit.id))) }
            div.meta {
                @if let Some(date) = &hit.date { span.date { (date) } }
                @if let Some(outlet) = &hit.outlet { span.outlet { (shown(outlet)) } }
                @if hit.kind == "cable" { span.classification { (shown(&hit.classification)) } }
                span.kind { (hit.kind) }
                span.id { (shown(&hit.id)) }
            }
            @for snippet in &hit.snippets { p.snippet { (marked(snippet, false)) } }
        }
    }
}

/// The document page of `id`, carrying the search so its marks and header match it.
fn doc_href(state: &SearchState, id: &str) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    url.append_pair("id", id);
    let rest = state.encoded();
    if rest.is_empty() {
        format!("/doc?{}", url.finish())
    } else {
        format!("/doc?{}&{rest}", url.finish())
    }
}

/// An actor's name as a link to the search for every document naming it.
fn actor_href(name: &str) -> String {
    SearchState::default().toggled("actor", name).href()
}

/// The document page below the form.
pub(crate) fn document(state: &SearchState, doc: &Shown) -> Markup {
    let record = &doc.record;
    let marks = doc.body.marks.len();
    let web = record
        .url
        .as_deref()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    html! {
        main.document {
            nav { a href=(state.href()) { "← results" } }
            h1 { (shown(record.title.as_deref().unwrap_or(&record.id))) }
            dl.fields {
                dt { "id" } dd #doc-id { (shown(&record.id)) }
                dt { "kind" } dd { (record.kind.as_str()) @if let Some(g) = &record.genre { " · " (shown(g)) } }
                @if let Some(date) = &record.date { dt { "date" } dd { (date) } }
                @if let Some(outlet) = &record.outlet { dt { "outlet" } dd { (shown(outlet)) } }
                @if !record.authors.is_empty() { dt { "byline" } dd { (shown(&record.authors.join(", "))) } }
                dt { "classification" } dd { (shown(&record.classification))
                    @for caveat in &record.caveats { "//" (shown(caveat)) } }
                @if !record.places.is_empty() { dt { "places" } dd { (shown(&record.places.join(", "))) } }
                @if let Some(url) = &record.url {
                    dt { "web" } dd { @if let Some(web) = web {
                        a href=(web) rel="noopener noreferrer nofollow" { (shown(url)) }
                    } @else { (shown(url)) } }
                }
                dt { "source" } dd.path { (shown(&record.path)) }
            }
            @if let Some(cable) = &record.cable {
                dl.fields.cable {
                    @for (label, value) in [("reference", &cable.reference), ("origin", &cable.origin),
                        ("DTG", &cable.dtg), ("classified by", &cable.classified_by),
                        ("signed", &cable.signature), ("released", &cable.released)] {
                        @if let Some(value) = value { dt { (label) } dd { (shown(value)) } }
                    }
                    @for (label, values) in [("to", &cable.to), ("info", &cable.info), ("tags", &cable.tags)] {
                        @if !values.is_empty() { dt { (label) } dd { (shown(&values.join(", "))) } }
                    }
                }
                (citations("Cites", &doc.cites, state))
                (citations("Cited by", &doc.cited_by, state))
            }
            @if !record.actors.is_empty() {
                section.actors { h2 { "Actors" } ul {
                    @for actor in &record.actors {
                        li { a href=(actor_href(&actor.name)) { (shown(&actor.name)) }
                            " " span.type { (actor.kind.as_str()) } }
                    }
                } }
            }
            @if !doc.copies.is_empty() {
                section.copies { h2 { "Copies" } ul {
                    @for copy in &doc.copies {
                        li { a href=(doc_href(state, &copy.id)) { (shown(copy.title.as_deref().unwrap_or(&copy.id))) }
                            @if let Some(outlet) = &copy.outlet { " · " (shown(outlet)) }
                            @if let Some(date) = &copy.date { " · " (date) } }
                    }
                } }
            }
            section.text {
                @if marks > 0 {
                    nav.matches aria-label="Matches" {
                        span #match-count { (marks) @if marks == 1 { " match" } @else { " matches" } }
                        " "
                        a #prev-match href=(format!("#m{marks}")) { "↑ previous" }
                        " "
                        a #next-match href="#m1" { "↓ next" }
                    }
                }
                pre.body { (marked(&doc.body, true)) }
            }
        }
    }
}

fn citations(
    heading: &str,
    list: &[crate::search::citations::Citation],
    state: &SearchState,
) -> Markup {
    html! {
        @if !list.is_empty() {
            section.citations { h2 { (heading) } ul {
                @for c in list {
                    li {
                        @if c.indexed { a href=(doc_href(state, &c.id)) { (shown(&c.id)) } }
                        @else { (shown(&c.id)) " " span.missing { "(not indexed)" } }
                        @if let Some(title) = &c.title { " · " (shown(title)) }
                        @if let Some(date) = &c.date { " · " (date) }
                    }
                }
            } }
        }
    }
}
