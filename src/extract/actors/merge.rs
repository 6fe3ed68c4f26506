//! Merging a document's mentions into actors: spellings joined by their
//! transliteration key, surnames alone joined to the full name, and the canonical
//! spelling chosen.

use super::*;

impl ActorFinder {
    /// Merges mentions into actors: same catalog entry, same key, or a surname of a
    /// full name found in the document.
    pub(super) fn merge(
        &self,
        mentions: Vec<(Mention, String)>,
        singles: Vec<String>,
    ) -> Vec<Actor> {
        struct Group {
            kind: ActorType,
            known: Option<usize>,
            key: String,
            /// The name key of the group's name (a catalogued one's too): what a
            /// surname alone is the end of.
            name_key: String,
            spellings: Vec<(String, u32)>,
            written: Vec<String>,
            mentions: u32,
        }
        let mut groups: Vec<Group> = Vec::new();
        // `Congressman Mike Turner` ... `Congressman Turner`: a surname alone is the
        // person the document names in full, before any catalogued bearer of it.
        let named_in_full: HashMap<String, String> = mentions
            .iter()
            .filter(|(m, w)| m.known.is_none() && m.kind == ActorType::Person && w.contains(' '))
            .filter_map(|(m, w)| Some((word_fold(w.rsplit(' ').next()?), name_key(&m.name))))
            .collect();
        for (mention, written) in mentions {
            let in_full = mention
                .known
                .filter(|_| mention.kind == ActorType::Person && !written.contains(' '))
                .and_then(|_| named_in_full.get(&word_fold(&written)));
            let key = match (mention.known, in_full) {
                (_, Some(full)) => full.clone(),
                (Some(i), None) => format!("#{i}"),
                (None, None) => name_key(&mention.name),
            };
            let mention = match in_full {
                Some(_) => Mention::found(written.clone(), ActorType::Person),
                None => mention,
            };
            if key.is_empty() {
                continue;
            }
            // `Abdul Mahdi` after `Adel Abdul Mahdi`: the end of a name, catalogued or
            // not, is the same person.
            let pos = groups.iter().position(|g| {
                g.key == key
                    || (mention.known.is_none()
                        && g.kind == mention.kind
                        && surname_match(&g.name_key, &key))
            });
            let group = match pos {
                Some(p) => &mut groups[p],
                None => {
                    let full = match mention.known {
                        Some(i) => name_key(&self.known[i].name),
                        None => key.clone(),
                    };
                    groups.push(Group {
                        kind: mention.kind,
                        known: mention.known,
                        key,
                        name_key: full,
                        spellings: Vec::new(),
                        written: Vec::new(),
                        mentions: 0,
                    });
                    let last = groups.len() - 1;
                    &mut groups[last]
                }
            };
            group.mentions += 1;
            match group.spellings.iter_mut().find(|(s, _)| *s == mention.name) {
                Some((_, n)) => *n += 1,
                None => group.spellings.push((mention.name.clone(), 1)),
            }
            if !group.written.contains(&written) {
                group.written.push(written);
            }
        }
        // Surnames: `Mamlouk` joins `Ali Mamlouk`. Each distinct spelling is folded
        // once, and each group's surnames once.
        let surnames: Vec<HashSet<String>> = groups
            .iter()
            .map(|g| {
                g.written
                    .iter()
                    .filter(|w| w.contains(' '))
                    .filter_map(|w| w.rsplit(' ').next().map(word_fold))
                    .collect()
            })
            .collect();
        // Given names, the same way: the groups of persons each first word begins.
        let mut given_names: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, g) in groups.iter().enumerate() {
            if g.kind != ActorType::Person {
                continue;
            }
            for first in g
                .written
                .iter()
                .filter_map(|w| w.split_once(' '))
                .map(|(f, _)| word_fold(f))
            {
                let bearers = given_names.entry(first).or_default();
                if !bearers.contains(&i) {
                    bearers.push(i);
                }
            }
        }
        let mut distinct: Vec<(String, u32)> = Vec::new();
        let mut position: HashMap<String, usize> = HashMap::default();
        for single in singles {
            match position.get(&single) {
                Some(&i) => distinct[i].1 += 1,
                None => {
                    position.insert(single.clone(), distinct.len());
                    distinct.push((single, 1));
                }
            }
        }
        for (single, count) in distinct {
            if name_key(&single).is_empty() {
                continue;
            }
            let folded = word_fold(&single);
            let by_surname = groups.iter().zip(&surnames).position(|(g, surnames)| {
                g.kind == ActorType::Person
                    && (surnames.contains(&folded)
                        || g.known
                            .is_some_and(|i| self.alias_folds[i].contains(&folded)))
            });
            // `Bashar` is `Bashar al-Assad` when he is the document's only person of
            // that given name.
            let by_given_name = || match given_names.get(&folded).map(Vec::as_slice) {
                Some(&[i]) => Some(i),
                _ => None,
            };
            let target = by_surname.or_else(by_given_name).map(|i| &mut groups[i]);
            if let Some(g) = target {
                g.mentions += count;
                if !g.written.contains(&single) {
                    g.written.push(single);
                }
            }
        }
        // `Nayif` (after `Prince`) is `Nayef bin Abdulaziz` when he is the document's
        // only person of that given name.
        let mut k = 0;
        while k < groups.len() {
            let g = &groups[k];
            let one_word = g.kind == ActorType::Person
                && g.known.is_none()
                && !g.key.contains(' ')
                && g.written.iter().all(|w| !w.contains(' '));
            if !one_word {
                k += 1;
                continue;
            }
            let given = g.written.first().map(|w| word_fold(w)).unwrap_or_default();
            let same_given = |first: &str| {
                let first = word_fold(first);
                first == given || (given.len() >= 5 && one_edit_apart(&first, &given))
            };
            let mut bearers = groups.iter().enumerate().filter(|(j, other)| {
                *j != k
                    && other.kind == ActorType::Person
                    && other.written.iter().any(|w| {
                        w.split_once(' ')
                            .is_some_and(|(first, _)| same_given(first))
                    })
            });
            match (bearers.next().map(|(j, _)| j), bearers.next()) {
                (Some(j), None) => {
                    let single = groups.remove(k);
                    let j = if j > k { j - 1 } else { j };
                    groups[j].mentions += single.mentions;
                    for w in single.written {
                        if !groups[j].written.contains(&w) {
                            groups[j].written.push(w);
                        }
                    }
                }
                _ => k += 1,
            }
        }
        groups
            .into_iter()
            .map(|g| {
                let name = match g.known {
                    Some(i) => self.known[i].name.clone(),
                    None => canonical_spelling(&g.spellings),
                };
                Actor {
                    name,
                    kind: g.kind,
                    mentions: g.mentions,
                    variants: g.written,
                }
            })
            .collect()
    }
}

/// `bashar asd` and `asd`: the shorter key is the surname of the longer.
pub(super) fn surname_match(group_key: &str, key: &str) -> bool {
    let (long, short) = if group_key.len() >= key.len() {
        (group_key, key)
    } else {
        (key, group_key)
    };
    // `Leutheusser-Schnarrenberger` keys as two words: a surname is the end of the
    // longer key, word for word.
    long.len() > short.len()
        && long.ends_with(short)
        && long.as_bytes()[long.len() - short.len() - 1] == b' '
}

/// The fullest spelling, then the most frequent, in the Latin letters English
/// prints: Turkish dotless `ı` becomes `i` (`Binali Yıldırım` is `Binali Yildirim`
/// in English), as accents are kept (`Schäuble`).
pub(super) fn canonical_spelling(spellings: &[(String, u32)]) -> String {
    let Some((spelling, _)) = spellings
        .iter()
        .max_by_key(|(s, n)| (s.split_whitespace().count(), *n))
    else {
        return String::new();
    };
    // One way to write the name wherever it is read: words on one line, an
    // article inside the name lower-case (`Khalid Al-Humaidan` is `Khalid
    // al-Humaidan`, as `Al-Sabah` is `al-Sabah`).
    let mut out = String::with_capacity(spelling.len());
    for (k, word) in spelling.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
            for particle in ["Al-", "El-"] {
                if let Some(rest) = word.strip_prefix(particle) {
                    out.push_str(&particle.to_lowercase());
                    out.push_str(rest);
                    break;
                }
            }
            if out.ends_with(' ') {
                out.push_str(word);
            }
        } else {
            out.push_str(word);
        }
    }
    out.replace('ı', "i").replace('İ', "I")
}

/// `SAMIR JA'JA` → `Samir Ja'ja`, `AL-ASSAD` → `al-Assad`: a name from an all-caps
/// telegram as English prints it.
pub(super) fn title_case(name: &str) -> String {
    fn push_word(word: &str, out: &mut String) {
        let lower = word.to_lowercase();
        let particle = crate::text::particles::is_lower(&lower);
        let mut chars = lower.chars();
        match chars.next() {
            Some(first) if !particle || out.is_empty() => {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
            _ => out.push_str(&lower),
        }
    }
    let mut out = String::with_capacity(name.len());
    let mut word_start = None;
    for (i, c) in name.char_indices() {
        let inside = c.is_alphabetic() || (word_start.is_some() && (c == '\'' || c == '’'));
        match (inside, word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(start)) => {
                push_word(&name[start..i], &mut out);
                word_start = None;
                out.push(c);
            }
            (false, None) => out.push(c),
            (true, Some(_)) => {}
        }
    }
    if let Some(start) = word_start {
        push_word(&name[start..], &mut out);
    }
    out
}

/// At most one letter substituted, added or dropped between `a` and `b`.
pub(super) fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    if short.len() == long.len() {
        return short.iter().zip(long).filter(|(x, y)| x != y).count() <= 1;
    }
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    short[head..] == long[head + 1..]
}
