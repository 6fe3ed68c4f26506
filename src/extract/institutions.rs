//! Institutions of a country: a cable's `GOI`, `SARG` or `MFA`, an unqualified
//! `Ministry of Interior` or `Parliament`, read as the institution of the country it
//! belongs to — the host of the post that wrote the cable, or the country the
//! acronym's letters spell.

use crate::record::{Actor, ActorType};

/// Marks a government acronym until the country is known: `Government (GOI)`.
const PLACEHOLDER: &str = "Government (";

/// `GOI`, `GOL`, `GOSA`, `USG`, `SARG`, `ROKG`, `IRIG`: the cables' names for
/// governments.
pub(crate) fn is_government_acronym(word: &str) -> bool {
    let plain = word.replace('.', "");
    let go = plain.len() >= 3 && plain.len() <= 4 && plain.starts_with("GO");
    // `ROYG`, `ROKG`: the Republic of Yemen's, of Korea's government.
    let republic =
        (4..=5).contains(&plain.len()) && plain.starts_with("RO") && plain.ends_with('G');
    go || republic
        || matches!(
            plain.as_str(),
            "USG" | "SARG" | "ROKG" | "IRIG" | "UAEG" | "SAG" | "HMG"
        )
}

pub(crate) fn government_placeholder(word: &str) -> String {
    format!("{PLACEHOLDER}{})", word.replace('.', ""))
}

/// The government an acronym names, given the host country of the post and the
/// countries the document names.
fn government(acronym: &str, host: Option<&str>, places: &[String]) -> Option<String> {
    match acronym {
        "USG" => return Some("United States Government".into()),
        "SARG" => return Some(government_of("Syria")),
        "ROKG" => return Some("Government of South Korea".into()),
        "IRIG" => return Some("Government of Iran".into()),
        "UAEG" => return Some("Government of the United Arab Emirates".into()),
        "HMG" => return Some("Government of the United Kingdom".into()),
        _ => {}
    }
    let letters = acronym
        .strip_prefix("GO")
        .or_else(|| acronym.strip_prefix("RO").and_then(|r| r.strip_suffix('G')))
        .or_else(|| acronym.strip_suffix('G'))?;
    let spells = |country: &str| {
        let initials: String = country
            .split_whitespace()
            .filter(|w| !w.eq_ignore_ascii_case("the"))
            .filter_map(|w| w.chars().next())
            .collect();
        initials.eq_ignore_ascii_case(letters)
            || (letters.len() == 1 && country.starts_with(letters))
    };
    let country = host
        .filter(|h| spells(h))
        .or_else(|| places.iter().map(String::as_str).find(|p| spells(p)))?;
    Some(government_of(country))
}

/// The canonical name of a country's government: `Government of Israel`; Syria's
/// is `Syrian government`, as the cables' `SARG` is rendered (LABELS.md).
pub(crate) fn government_of(country: &str) -> String {
    match country {
        "Syria" => "Syrian government".to_string(),
        _ => format!("Government of {country}"),
    }
}

/// Unqualified institutions that belong to a country.
pub(crate) fn is_national_institution(name: &str) -> bool {
    name.starts_with("Ministry of ")
        || matches!(
            name,
            "National Assembly"
                | "Parliament"
                | "Cabinet"
                | "Senate"
                | "Presidency"
                | "Prime Ministry"
        )
}

/// Resolves government acronyms and, in a cable, qualifies the host's institutions
/// (`Ministry of Interior` → `Ministry of Interior of Iraq`). Actors that come out
/// with the same name are merged.
pub(crate) fn qualify(actors: Vec<Actor>, host: Option<&str>, places: &[String]) -> Vec<Actor> {
    let mut out: Vec<Actor> = Vec::with_capacity(actors.len());
    for mut actor in actors {
        if actor.kind == ActorType::Organization {
            if let Some(acronym) = actor
                .name
                .strip_prefix(PLACEHOLDER)
                .and_then(|r| r.strip_suffix(')'))
            {
                match government(acronym, host, places) {
                    Some(name) => actor.name = name,
                    None => continue,
                }
            } else if let Some(host) = host {
                let named = places.iter().any(|p| {
                    actor
                        .name
                        .strip_suffix(p.as_str())
                        .is_some_and(|rest| rest.ends_with(" of "))
                });
                if is_national_institution(&actor.name) && !named {
                    actor.name = format!("{} of {host}", actor.name);
                }
            }
        }
        match out
            .iter_mut()
            .find(|a| a.name == actor.name && a.kind == actor.kind)
        {
            Some(same) => {
                same.mentions += actor.mentions;
                for v in actor.variants {
                    if !same.variants.contains(&v) {
                        same.variants.push(v);
                    }
                }
            }
            None => out.push(actor),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(name: &str) -> Actor {
        Actor {
            name: name.into(),
            kind: ActorType::Organization,
            mentions: 1,
            variants: vec![],
        }
    }

    #[test]
    fn acronyms_name_the_host_or_a_country_they_spell() {
        let places = vec!["Lebanon".to_string(), "Israel".to_string()];
        let actors = vec![
            org(&government_placeholder("GOI")),
            org(&government_placeholder("GOL")),
            org(&government_placeholder("SARG")),
            org(&government_placeholder("GOX")),
        ];
        let names: Vec<String> = qualify(actors, Some("Lebanon"), &places)
            .into_iter()
            .map(|a| a.name)
            .collect();
        assert_eq!(
            names,
            [
                "Government of Israel",
                "Government of Lebanon",
                "Syrian government"
            ]
        );
    }

    #[test]
    fn a_cable_s_ministries_are_the_host_s() {
        let actors = vec![
            org("Ministry of Interior"),
            org("Ministry of Foreign Affairs of Syria"),
        ];
        let places = vec!["Syria".to_string()];
        let names: Vec<String> = qualify(actors, Some("Iraq"), &places)
            .into_iter()
            .map(|a| a.name)
            .collect();
        assert_eq!(
            names,
            [
                "Ministry of Interior of Iraq",
                "Ministry of Foreign Affairs of Syria"
            ]
        );
    }
}
