//! What a search page shows, held whole in its URL: the query, the ticked facet
//! values, the date range, the order and the page. A search can be bookmarked,
//! shared and restored by the back button because nothing else holds it.
//!
//! The keys are the CLI's long options (`q` for the query): `?q=assad&outlet=Reuters
//! &outlet=SANA&since=2009` is `dossier search assad --outlet Reuters --outlet SANA
//! --since 2009`, and values of one key are ORed, of different keys ANDed, as there.

use anyhow::{bail, Result};

use crate::index::facet;
use crate::search::{Filters, Request, Sort};

/// Hits per page of the search page.
pub(crate) const PAGE_SIZE: usize = 20;
/// The deepest hit a page or API call may start at: deeper pages are a crawl, which
/// `dossier search --limit 0 --json` serves better.
pub(crate) const MAX_OFFSET: usize = 10_000;
/// Hits one API call may ask for.
pub(crate) const MAX_LIMIT: usize = 1_000;
/// Characters of a query; longer ones are refused before they are parsed.
pub(crate) const MAX_QUERY_CHARS: usize = 1_000;
/// Filter values of one search.
const MAX_FILTER_VALUES: usize = 64;

/// One search as the URL states it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SearchState {
    /// As typed; empty means every document.
    pub q: String,
    /// `(key, value)` in URL order, each pair once.
    pub filters: Vec<(&'static str, String)>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
}

/// The API's extras over a page's state: a page size and start, and facets asked
/// for as the CLI's `--facets` / `--facet X` ask for them.
#[derive(Debug, Clone, Default)]
pub(crate) struct ApiState {
    pub search: SearchState,
    /// Hits (`/api/search`, 10 when not given) or values (`/api/facets`, all).
    pub limit: Option<usize>,
    pub offset: usize,
    pub facets: bool,
    pub facet: Vec<String>,
    /// `/api/facets`: the facet listed, and how many values.
    pub field: Option<String>,
    /// `/api/show`: the record.
    pub id: Option<String>,
    /// `/api/timeline`: the length of a bar, and the facet that splits the bars.
    pub by: Option<String>,
    pub split: Option<String>,
}

impl SearchState {
    /// Reads a URL's query string; unknown keys are ignored (trackers add them),
    /// bad values of known keys are errors naming the key.
    pub(crate) fn parse(query: &str) -> Result<SearchState> {
        Ok(ApiState::parse(query)?.search)
    }

    /// The query the engine runs: `*` when none was typed.
    pub(crate) fn query(&self) -> &str {
        if self.q.trim().is_empty() {
            "*"
        } else {
            &self.q
        }
    }

    pub(crate) fn filters(&self) -> Filters {
        let mut filters = Filters {
            since: self.since.clone(),
            until: self.until.clone(),
            ..Filters::default()
        };
        for (key, value) in &self.filters {
            if let Some(list) = filters.values_mut(key) {
                list.push(value.clone());
            }
        }
        filters
    }

    /// The search for this page, counting `facets`.
    pub(crate) fn request(&self, facets: &[&str]) -> Request {
        Request {
            query: self.query().to_string(),
            filters: self.filters(),
            sort: self.sort,
            limit: PAGE_SIZE,
            offset: self.offset(),
            facets: facets.iter().map(|f| f.to_string()).collect(),
            hits: true,
            collapse: false,
        }
    }

    pub(crate) fn offset(&self) -> usize {
        (self.page.max(1) - 1) * PAGE_SIZE
    }

    pub(crate) fn is_ticked(&self, key: &str, value: &str) -> bool {
        self.filters.iter().any(|(k, v)| *k == key && v == value)
    }

    /// This search with `value` of `key` ticked or unticked, from its first page.
    pub(crate) fn toggled(&self, key: &'static str, value: &str) -> SearchState {
        let mut next = self.first_page();
        if next.is_ticked(key, value) {
            next.filters.retain(|(k, v)| !(*k == key && v == value));
        } else {
            next.filters.push((key, value.to_string()));
        }
        next
    }

    /// This search narrowed (or, when it is the range already, widened) to a date range.
    pub(crate) fn ranged(&self, since: &str, until: &str) -> SearchState {
        let mut next = self.first_page();
        if next.since.as_deref() == Some(since) && next.until.as_deref() == Some(until) {
            next.since = None;
            next.until = None;
        } else {
            next.since = Some(since.to_string());
            next.until = Some(until.to_string());
        }
        next
    }

    /// This search over every date, from its first page.
    pub(crate) fn without_dates(&self) -> SearchState {
        SearchState {
            since: None,
            until: None,
            ..self.first_page()
        }
    }

    pub(crate) fn at_page(&self, page: usize) -> SearchState {
        SearchState {
            page,
            ..self.clone()
        }
    }

    fn first_page(&self) -> SearchState {
        self.at_page(1)
    }

    /// `/?…`: the URL of this state, with only what differs from a blank search.
    pub(crate) fn href(&self) -> String {
        format!("/?{}", self.encoded())
    }

    pub(crate) fn encoded(&self) -> String {
        let mut url = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            url.append_pair("q", &self.q);
        }
        for (key, value) in &self.filters {
            url.append_pair(key, value);
        }
        if let Some(since) = &self.since {
            url.append_pair("since", since);
        }
        if let Some(until) = &self.until {
            url.append_pair("until", until);
        }
        if self.sort != Sort::Relevance {
            url.append_pair("sort", sort_name(self.sort));
        }
        if self.page > 1 {
            url.append_pair("page", &self.page.to_string());
        }
        url.finish()
    }
}

/// The URL and CLI spelling of an order.
pub(crate) fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "relevance",
        Sort::Date => "date",
        Sort::DateDesc => "-date",
    }
}

impl ApiState {
    pub(crate) fn parse(query: &str) -> Result<ApiState> {
        let mut state = ApiState {
            search: SearchState {
                page: 1,
                ..SearchState::default()
            },
            ..ApiState::default()
        };
        let search = &mut state.search;
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            match &*key {
                "q" => {
                    if value.chars().count() > MAX_QUERY_CHARS {
                        bail!("the query is longer than {MAX_QUERY_CHARS} characters");
                    }
                    search.q = value.to_string();
                }
                "since" | "until" if value.is_empty() => {}
                "since" => search.since = Some(value.to_string()),
                "until" => search.until = Some(value.to_string()),
                "sort" => {
                    search.sort = match value {
                        "" | "relevance" => Sort::Relevance,
                        "date" => Sort::Date,
                        "-date" => Sort::DateDesc,
                        _ => bail!("sort={value:?}: the orders are relevance, date and -date"),
                    }
                }
                "page" => search.page = number("page", value)?.max(1),
                "limit" => state.limit = Some(number("limit", value)?),
                "offset" => state.offset = number("offset", value)?,
                "facets" => state.facets = !matches!(value, "" | "0" | "false"),
                "facet" if !value.is_empty() => state.facet.push(value.to_string()),
                "field" => state.field = Some(value.to_string()),
                "id" => state.id = Some(value.to_string()),
                "by" => state.by = Some(value.to_string()),
                "split" if !value.is_empty() => state.split = Some(value.to_string()),
                _ => {
                    let Some(key) = facet::of(&key)
                        .map(|f| f.name)
                        .filter(|name| Filters::default().values_mut(name).is_some())
                    else {
                        continue;
                    };
                    if value.is_empty() || search.is_ticked(key, value) {
                        continue;
                    }
                    if search.filters.len() == MAX_FILTER_VALUES {
                        bail!("more than {MAX_FILTER_VALUES} filter values");
                    }
                    search.filters.push((key, value.to_string()));
                }
            }
        }
        if search.offset() > MAX_OFFSET || state.offset > MAX_OFFSET {
            bail!("pages start at most {MAX_OFFSET} hits deep; narrow the search, or use `dossier search --limit 0 --json` for every hit");
        }
        if let Some(limit) = state.limit.filter(|l| *l > MAX_LIMIT) {
            bail!("limit={limit}: at most {MAX_LIMIT} hits a call");
        }
        Ok(state)
    }

    /// The API's search: the page's filters, the caller's page and facets.
    pub(crate) fn request(&self, facets: Vec<String>) -> Request {
        Request {
            limit: self.limit.unwrap_or(10),
            offset: self.offset,
            facets,
            ..self.search.request(&[])
        }
    }
}

fn number(key: &str, value: &str) -> Result<usize> {
    match value.parse() {
        Ok(n) => Ok(n),
        Err(_) => bail!("{key}={value:?} is not a number"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_round_trips_with_repeated_keys_and_odd_characters() {
        let url = "q=%22al-Assad%22+OR+assad%C3%A9&outlet=Reuters&outlet=A%26B&actor=Ali+Mamlouk&since=2009&sort=-date&page=3&utm_source=x";
        let state = SearchState::parse(url).unwrap();
        assert_eq!(state.q, "\"al-Assad\" OR assadé");
        assert_eq!(
            state.filters,
            vec![
                ("outlet", "Reuters".to_string()),
                ("outlet", "A&B".to_string()),
                ("actor", "Ali Mamlouk".to_string())
            ]
        );
        assert_eq!(state.sort, Sort::DateDesc);
        assert_eq!(state.offset(), 40);
        let again = SearchState::parse(&state.encoded()).unwrap();
        assert_eq!(again, state);
        let filters = state.filters();
        assert_eq!(filters.outlet, ["Reuters", "A&B"]);
        assert_eq!(filters.since.as_deref(), Some("2009"));
    }

    #[test]
    fn ticking_twice_unticks_and_goes_back_to_the_first_page() {
        let state = SearchState::parse("q=x&page=4").unwrap();
        let ticked = state.toggled("outlet", "SANA");
        assert_eq!(ticked.page, 1);
        assert!(ticked.is_ticked("outlet", "SANA"));
        assert_eq!(ticked.toggled("outlet", "SANA").href(), "/?q=x");
        let ranged = state.ranged("2009", "2009");
        assert_eq!(ranged.href(), "/?q=x&since=2009&until=2009");
        assert_eq!(ranged.ranged("2009", "2009").href(), "/?q=x");
    }

    #[test]
    fn bad_values_name_their_key() {
        for (url, says) in [
            ("page=two", "page"),
            ("sort=score", "sort"),
            ("page=100000", "deep"),
            ("limit=5000", "limit"),
        ] {
            let err = ApiState::parse(url).unwrap_err().to_string();
            assert!(err.contains(says), "{url}: {err}");
        }
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        assert!(SearchState::parse(&long).is_err());
        assert!(SearchState::parse(&format!("q={}", "é".repeat(MAX_QUERY_CHARS))).is_ok());
    }
}
