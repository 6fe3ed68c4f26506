//! Organizations: runs that end (or start) with an organization head word,
//! ministries, governments, offices in a place, and outlets named as sources.

use super::*;

impl ActorFinder {
    /// An organization name at the start of `run`: how many words it spans.
    /// `folded` holds `ascii_fold` of each word of `run`, possessive stripped.
    pub(super) fn organization_at(
        &self,
        run: &[Word],
        folded: &[String],
        places: &Gazetteer,
    ) -> Option<usize> {
        let is_connector = |f: &str| matches!(f, "of" | "for" | "and" | "the");
        if self.not_names.contains(&folded[0])
            && !self.org_words.contains(&folded[0])
            && folded[0] != "national"
            && folded[0] != "international"
            && folded[0] != "united"
            && folded[0] != "central"
        {
            return None;
        }
        // `Embassy Damascus`: the mission of the post, as cables call it.
        if matches!(folded[0].as_str(), "embassy" | "consulate") {
            let n = self.name_continued(run, folded, 1, places);
            if n == 2 && !is_connector(&folded[1]) {
                return Some(n);
            }
        }
        // Head word first: `Ministry of Foreign Affairs`, `Agency for Information ...`.
        if self.org_words.contains(&folded[0]) && folded.len() > 2 && is_connector(&folded[1]) {
            let mut n = 2;
            // `Office of Defense Cooperation Chief Colonel ...`: a title after the
            // name begins a person's role.
            while n < run.len()
                && !is_possessive(run[n - 1].text)
                && !self.honorifics.contains(&folded[n])
            {
                n += 1;
            }
            if n < run.len() && self.honorifics.contains(&folded[n]) {
                while n > 2 && self.titles.contains(&folded[n - 1]) {
                    n -= 1; // `... Cooperation Chief`
                }
            }
            while n > 2 && is_connector(&folded[n - 1]) {
                n -= 1;
            }
            // `Branch of Lebanon` is a place's branch, not a name.
            let rest: Vec<&str> = run[2..n].iter().map(|w| strip_possessive(w.text)).collect();
            if n > 2 && places.lookup(&rest.join(" ")).is_none() {
                return Some(n);
            }
        }
        // Head word last: `National Security Bureau`, `Human Rights Watch`.
        let mut end = None;
        for (k, f) in folded.iter().enumerate().take(8) {
            if k > 0 && self.org_words.contains(f) {
                end = Some(k + 1);
            }
            if is_possessive(run[k].text) || (k > 0 && is_connector(f) && end.is_some()) {
                break;
            }
        }
        let end = end?;
        // A leading place or demonym is not part of the name: `Syrian National Security Bureau`.
        if places.lookup(run[0].text).is_some() && end > 2 {
            return None;
        }
        if folded[..end].iter().any(|f| is_connector(f)) {
            return None;
        }
        Some(self.name_continued(run, folded, end, places))
    }
}

/// `the Syrian government`, `IRANIAN GOVERNMENT`: what follows a demonym that
/// names a country's government.
pub(super) const GOVERNMENT: [&str; 3] = [" government", " GOVERNMENT", " Government"];

/// `Ali Mamlouk, the head of`: an apposition or a speech verb names a person.
/// The catalogue outlet whose name (two words or more, `The` included or not)
/// the run starts with: the most words it takes, and the outlet's name.
/// `folded`: the run's words folded, when the caller has them.
pub(super) fn outlet_at<'a>(
    paragraph: &str,
    run: &[Word],
    folded: Option<&[String]>,
    outlets: &'a OutletFinder,
) -> Option<(usize, &'a str)> {
    let article = usize::from(run.first()?.text.eq_ignore_ascii_case("the"));
    if run.len() < 2 + article {
        return None;
    }
    let first = match folded {
        Some(folded) => Cow::Borrowed(folded[article].as_str()),
        None => Cow::Owned(ascii_fold(strip_possessive(run[article].text))),
    };
    if !outlets.may_start_name(&first) {
        return None;
    }
    (2..=run.len().min(5)).rev().find_map(|n| {
        let written = span(paragraph, &run[..n]);
        let outlet = outlets.by_name(strip_possessive(&written))?;
        Some((n, outlet.name.as_str()))
    })
}

/// `Information Ministry` → `Ministry of Information`: the form a ministry's
/// name takes in English whichever way the text puts it. The `Prime Ministry` is
/// the prime minister's office, and keeps its name.
pub(super) fn ministry_of(written: &str) -> Option<String> {
    let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
    let field = written
        .strip_suffix(" Ministry")
        .filter(|f| !f.is_empty() && *f != "Prime" && f.split_whitespace().count() <= 3)?;
    let field = field.strip_prefix("the ").unwrap_or(field);
    Some(format!("Ministry of {field}"))
}

/// Prepositions that carry an organization's name on after its head word.
pub(super) const ORG_PREPOSITIONS: [&str; 3] = ["on", "to", "in"];

/// Head words after which `in` and a place still name the organization (`U.S.
/// Embassy in Baghdad`); after others it says where the organization acts.
pub(super) const IN_PLACE_HEADS: [&str; 5] =
    ["embassy", "consulate", "mission", "office", "bureau"];

/// `A/S`, `U/S`, `Gen.`, `LTG`, `CHOD`: an office written short, with a slash, a
/// dot or in capitals.
pub(super) fn is_abbreviated_office(word: &str) -> bool {
    word.contains(['/', '.'])
        || ((2..=5).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase()))
}
