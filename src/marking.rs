//! Classification markings, written once: the four levels in rank order, the ways
//! each is written (in full, spaced out on a telegram's classification line,
//! abbreviated in paragraph marks and by users), and the handling caveats with the
//! long forms they go by. The cable parsers (telegram text, viewer pages, the CSV
//! dump), extraction and the search's `--classification`/`--caveat` filters read
//! this module; a record stores a level by [`Level::as_str`].

/// A classification level; the order is the order of secrecy, so the highest of
/// several markings is their `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Level {
    #[default]
    Unclassified,
    Confidential,
    Secret,
    TopSecret,
}

impl Level {
    /// Every level, least secret first.
    pub const ALL: [Level; 4] = [
        Level::Unclassified,
        Level::Confidential,
        Level::Secret,
        Level::TopSecret,
    ];

    /// As records, markings and facets write it: `TOP SECRET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Unclassified => "UNCLASSIFIED",
            Level::Confidential => "CONFIDENTIAL",
            Level::Secret => "SECRET",
            Level::TopSecret => "TOP SECRET",
        }
    }

    /// The level written exactly as [`Level::as_str`] writes it, in any case.
    pub fn exactly(text: &str) -> Option<Level> {
        Level::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(text))
    }

    /// The level written out in any case and spacing: `Secret`, `TOP  SECRET`, and
    /// the spaced letters of a telegram's classification line, `S E C R E T`.
    pub fn spelled(text: &str) -> Option<Level> {
        let squeezed: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect();
        Level::ALL
            .into_iter()
            .find(|l| l.as_str().replace(' ', "") == squeezed)
    }

    /// An abbreviation, in any case: paragraph marks' `(TS)`, `(S)`, `(C)`, `(U)`,
    /// and what users type for a filter (`unclas`, `conf`, `top-secret`).
    pub fn abbreviated(text: &str) -> Option<Level> {
        match text.to_ascii_uppercase().as_str() {
            "U" | "UNCLAS" | "UNCLASS" => Some(Level::Unclassified),
            "C" | "CONF" => Some(Level::Confidential),
            "S" => Some(Level::Secret),
            "TS" | "TOP-SECRET" | "TOPSECRET" => Some(Level::TopSecret),
            _ => None,
        }
    }

    /// The level of a whole marking, `SECRET//NOFORN` → `Secret`; unclassified when
    /// its first part names no level.
    pub fn of_marking(marking: &str) -> Level {
        let first = marking.split("//").next().unwrap_or("").trim();
        Level::exactly(first).unwrap_or_default()
    }
}

/// Handling caveats by the long forms they are written in, and their codes.
const CAVEAT_FORMS: [(&str, &str); 6] = [
    ("FOR OFFICIAL USE ONLY", "FOUO"),
    ("SENSITIVE BUT UNCLASSIFIED", "SBU"),
    ("SENSITIVE", "SBU"),
    ("NF", "NOFORN"),
    ("NO FOREIGN", "NOFORN"),
    ("NO FOREIGN DISSEM", "NOFORN"),
];

/// The code of a caveat written in a long form (any case): `no foreign dissem` →
/// `NOFORN`; `None` for anything else.
pub fn caveat_alias(text: &str) -> Option<&'static str> {
    CAVEAT_FORMS
        .iter()
        .find(|(form, _)| form.eq_ignore_ascii_case(text))
        .map(|(_, code)| *code)
}

/// A caveat as records store it: its code when `text` is a long form, else `text`.
pub fn caveat_code(text: &str) -> &str {
    caveat_alias(text).unwrap_or(text)
}

/// A whole marking as a format states it (`SECRET//NOFORN`): its level and the codes
/// of its caveats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marking {
    pub level: Level,
    pub caveats: Vec<String>,
}

impl Marking {
    pub fn read(text: &str) -> Marking {
        Marking {
            level: Level::of_marking(text),
            caveats: caveats_of_marking(text),
        }
    }
}

/// The caveats of a whole marking: `UNCLASSIFIED//FOR OFFICIAL USE ONLY` → `FOUO`.
pub fn caveats_of_marking(marking: &str) -> Vec<String> {
    marking
        .split("//")
        .skip(1)
        .map(|c| caveat_code(c.trim()).to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_read_however_they_are_written() {
        assert_eq!(Level::of_marking("SECRET//NOFORN"), Level::Secret);
        assert_eq!(Level::of_marking("top secret"), Level::TopSecret);
        assert_eq!(Level::of_marking("SECRET NOFORN"), Level::Unclassified);
        assert_eq!(Level::of_marking(""), Level::Unclassified);
        assert_eq!(
            Level::spelled("C O N F I D E N T I A L"),
            Some(Level::Confidential)
        );
        assert_eq!(Level::spelled("T O P S E C R E T"), Some(Level::TopSecret));
        assert_eq!(Level::spelled("SECRET-ISH"), None);
        assert_eq!(Level::abbreviated("ts"), Some(Level::TopSecret));
        assert_eq!(Level::abbreviated("unclas"), Some(Level::Unclassified));
        assert_eq!(Level::abbreviated("SBU"), None, "a caveat, not a level");
        assert!(Level::Secret > Level::Confidential);
        assert_eq!(Level::ALL.into_iter().max(), Some(Level::TopSecret));
        for level in Level::ALL {
            assert_eq!(Level::exactly(level.as_str()), Some(level));
            assert_eq!(Level::spelled(level.as_str()), Some(level));
        }
    }

    #[test]
    fn caveats_are_stored_by_code() {
        assert_eq!(
            caveats_of_marking("UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
            ["FOUO"]
        );
        assert_eq!(
            caveats_of_marking("SECRET//NOFORN//SIPDIS"),
            ["NOFORN", "SIPDIS"]
        );
        assert_eq!(caveat_code("NF"), "NOFORN");
        assert_eq!(caveat_alias("no foreign dissem"), Some("NOFORN"));
        assert_eq!(caveat_alias("sensitive"), Some("SBU"));
        assert_eq!(caveat_code("EXDIS"), "EXDIS");
        assert_eq!(caveat_alias("EXDIS"), None);
    }
}
