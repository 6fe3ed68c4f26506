//! Matching documents per period: the counts behind `dossier timeline`.
//!
//! A collector reads each matching document's `date` from its fast column (and,
//! when the bars are split, the document's value of one facet) and counts it in the
//! period that holds the date: no stored document is read. Periods nobody wrote in
//! are filled in between the first and the last, so a chart's gaps are gaps in the
//! record, and undated documents are counted apart.

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

use super::date::day_of;
use super::facets::{add_counts, names_of};

/// The length of a bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Year,
    Month,
    /// ISO weeks, Monday to Sunday.
    Week,
    Day,
}

impl Period {
    /// The first day of the period holding `day`.
    pub fn start(self, day: NaiveDate) -> NaiveDate {
        let first = match self {
            Period::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1),
            Period::Month => NaiveDate::from_ymd_opt(day.year(), day.month(), 1),
            Period::Week => {
                day.checked_sub_days(Days::new(day.weekday().num_days_from_monday().into()))
            }
            Period::Day => Some(day),
        };
        first.unwrap_or(day)
    }

    /// The first day of the period after the one starting on `start`.
    pub fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Year => start.checked_add_months(Months::new(12)),
            Period::Month => start.checked_add_months(Months::new(1)),
            Period::Week => start.checked_add_days(Days::new(7)),
            Period::Day => start.checked_add_days(Days::new(1)),
        }
    }

    /// How the period starting on `start` is written: `2009`, `2009-03`,
    /// `2009-W11` (ISO week), `2009-03-09`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Year => start.format("%Y").to_string(),
            Period::Month => start.format("%Y-%m").to_string(),
            Period::Week => {
                let week = start.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            Period::Day => start.format("%Y-%m-%d").to_string(),
        }
    }
}

/// Periods past this many are refused: a `--by day` over centuries of dates would
/// print a line per day.
pub const MAX_PERIODS: usize = 20_000;

/// One bar: a period and its documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bar {
    /// As [`Period::label`] writes it.
    pub period: String,
    /// Its first day, `YYYY-MM-DD`.
    pub start: String,
    pub count: u64,
    /// With a split: the count of each value in it, in [`Timeline::values`] order,
    /// values the period has none of left out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub split: Vec<Share>,
}

/// The documents of one period with one value of the split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Share {
    pub value: String,
    pub count: u64,
}

/// Matching documents per period.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub query: String,
    pub by: Period,
    /// The facet the bars are split by, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub split: Option<String>,
    /// Every matching document, dated or not.
    pub total: u64,
    /// Matching documents without a date.
    pub undated: u64,
    /// The split's values, most documents first (documents without a value are
    /// counted under `(none)`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// From the first dated document's period to the last one's, every period.
    pub bars: Vec<Bar>,
}

/// What a split value is called when a document has none.
pub const NO_VALUE: &str = "(none)";

/// Counts per (period start, split value); `None` for undated documents.
pub type Counts = HashMap<(Option<NaiveDate>, String), u64>;

/// What the collector counts: documents per period (`None`: undated), and with a
/// split, documents per period and value. A document with several values of a
/// multi-valued facet (actors) counts once under each, and once in `docs`.
#[derive(Debug, Default)]
pub struct Tally {
    pub docs: HashMap<Option<NaiveDate>, u64>,
    pub split: Counts,
}

/// Counts the matching documents per period, and per value of a facet field.
pub struct DateBuckets {
    pub period: Period,
    /// A string fast field (a single- or multi-valued facet).
    pub split: Option<String>,
}

impl Collector for DateBuckets {
    type Fruit = Tally;
    type Child = SegmentDateBuckets;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentDateBuckets> {
        let split = match &self.split {
            Some(name) => reader.fast_fields().str(name)?,
            None => None,
        };
        Ok(SegmentDateBuckets {
            period: self.period,
            dates: reader.fast_fields().date("date")?,
            split,
            docs: HashMap::new(),
            counts: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        let mut fruits = fruits.into_iter();
        let mut merged = fruits.next().unwrap_or_default();
        for fruit in fruits {
            add_counts(&mut merged.docs, fruit.docs);
            add_counts(&mut merged.split, fruit.split);
        }
        Ok(merged)
    }
}

/// Counts one segment by term ordinal; ordinals are named once, at the end.
pub struct SegmentDateBuckets {
    period: Period,
    dates: Column<DateTime>,
    split: Option<StrColumn>,
    docs: HashMap<Option<NaiveDate>, u64>,
    /// (period start, split ordinal: `u64::MAX` for none) → documents.
    counts: HashMap<(Option<NaiveDate>, u64), u64>,
}

impl SegmentCollector for SegmentDateBuckets {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let start = day_of(&self.dates, doc).map(|day| self.period.start(day));
        *self.docs.entry(start).or_insert(0) += 1;
        let Some(split) = &self.split else {
            return;
        };
        let mut counted = false;
        for ord in split.term_ords(doc) {
            *self.counts.entry((start, ord)).or_insert(0) += 1;
            counted = true;
        }
        if !counted {
            *self.counts.entry((start, u64::MAX)).or_insert(0) += 1;
        }
    }

    fn harvest(self) -> Tally {
        let mut ords: Vec<u64> = self
            .counts
            .keys()
            .map(|(_, ord)| *ord)
            .filter(|&ord| ord != u64::MAX)
            .collect();
        ords.sort_unstable();
        ords.dedup();
        let names = match &self.split {
            Some(split) => names_of(split, &ords),
            None => HashMap::new(),
        };
        let mut named = HashMap::with_capacity(self.counts.len());
        for ((start, ord), count) in self.counts {
            let key = names
                .get(&ord)
                .cloned()
                .unwrap_or_else(|| NO_VALUE.to_string());
            *named.entry((start, key)).or_insert(0) += count;
        }
        Tally {
            docs: self.docs,
            split: named,
        }
    }
}

/// The bars of a tally: every period from the first dated document's to the
/// last one's, and with a split, the values most documents have first.
pub fn bars(tally: &Tally, period: Period) -> anyhow::Result<(Vec<String>, Vec<Bar>)> {
    let mut per_value: HashMap<&str, u64> = HashMap::new();
    let mut per_period: HashMap<NaiveDate, Vec<(&str, u64)>> = HashMap::new();
    for ((start, value), &count) in &tally.split {
        *per_value.entry(value.as_str()).or_insert(0) += count;
        if let Some(start) = start {
            per_period
                .entry(*start)
                .or_default()
                .push((value.as_str(), count));
        }
    }
    let mut values: Vec<(&str, u64)> = per_value.into_iter().collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let order: HashMap<&str, usize> = values.iter().enumerate().map(|(i, v)| (v.0, i)).collect();
    let values: Vec<String> = values.into_iter().map(|v| v.0.to_string()).collect();
    let dated = tally.docs.keys().flatten();
    let (Some(&first), Some(&last)) = (dated.clone().min(), dated.max()) else {
        return Ok((values, Vec::new()));
    };
    let mut out = Vec::new();
    let mut at = Some(first);
    while let Some(start) = at.filter(|s| *s <= last) {
        if out.len() >= MAX_PERIODS {
            anyhow::bail!(
                "the matching documents span more than {MAX_PERIODS} periods; count by a \
                 longer period (--by month or --by year) or narrow the dates (--since, --until)"
            );
        }
        let mut split = per_period.remove(&start).unwrap_or_default();
        split.sort_by_key(|(value, _)| order.get(value).copied().unwrap_or(usize::MAX));
        out.push(Bar {
            period: period.label(start),
            start: start.format("%Y-%m-%d").to_string(),
            count: tally.docs.get(&Some(start)).copied().unwrap_or(0),
            split: split
                .into_iter()
                .map(|(value, count)| Share {
                    value: value.to_string(),
                    count,
                })
                .collect(),
        });
        at = period.next(start);
    }
    Ok((values, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a day")
    }

    #[test]
    fn periods_start_label_and_follow_each_other() {
        let d = day("2009-03-11"); // a Wednesday
        assert_eq!(Period::Year.start(d), day("2009-01-01"));
        assert_eq!(Period::Month.start(d), day("2009-03-01"));
        assert_eq!(Period::Week.start(d), day("2009-03-09"));
        assert_eq!(Period::Week.label(day("2009-03-09")), "2009-W11");
        // ISO week 1 of 2009 starts on Monday 29 December 2008.
        assert_eq!(Period::Week.start(day("2009-01-01")), day("2008-12-29"));
        assert_eq!(Period::Week.label(day("2008-12-29")), "2009-W01");
        assert_eq!(
            Period::Month.next(day("2009-12-01")),
            Some(day("2010-01-01"))
        );
        assert_eq!(Period::Day.label(d), "2009-03-11");
    }

    #[test]
    fn empty_periods_are_filled_and_undated_documents_left_out_of_the_bars() {
        let mut tally = Tally::default();
        tally
            .split
            .insert((Some(day("2009-01-01")), "Reuters".into()), 2);
        tally
            .split
            .insert((Some(day("2009-03-01")), "AFP".into()), 1);
        tally
            .split
            .insert((Some(day("2009-03-01")), "Reuters".into()), 1);
        tally.split.insert((None, "AFP".into()), 4);
        tally.docs.insert(Some(day("2009-01-01")), 2);
        tally.docs.insert(Some(day("2009-03-01")), 2);
        tally.docs.insert(None, 4);
        let (values, bars) = bars(&tally, Period::Month).expect("bars");
        assert_eq!(values, ["AFP", "Reuters"]); // 5 and 3 documents
        let shown: Vec<(&str, u64)> = bars.iter().map(|b| (b.period.as_str(), b.count)).collect();
        assert_eq!(shown, [("2009-01", 2), ("2009-02", 0), ("2009-03", 2)]);
        let split: Vec<(&str, u64)> = bars[2]
            .split
            .iter()
            .map(|s| (s.value.as_str(), s.count))
            .collect();
        assert_eq!(split, [("AFP", 1), ("Reuters", 1)]);
    }

    #[test]
    fn too_many_periods_are_refused_with_advice() {
        let mut tally = Tally::default();
        tally.docs.insert(Some(day("1900-01-01")), 1);
        tally.docs.insert(Some(day("2000-01-01")), 1);
        let error = bars(&tally, Period::Day).expect_err("too many days");
        assert!(error.to_string().contains("--by month"), "{error}");
        assert_eq!(bars(&tally, Period::Year).expect("years").1.len(), 101);
    }
}
