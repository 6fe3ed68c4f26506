//! Records that state their fields: JSON objects, JSON Lines, and Markdown or text
//! with YAML front matter. Fields given explicitly always win over inference.

use serde_json::{Map, Value};

use crate::marking::Level;
use crate::record::Draft;

/// One JSON object → a draft; `None` when it has no text to index.
pub fn draft_from_json(object: &Map<String, Value>, path: &str) -> Option<Draft> {
    let text = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| match object.get(*k) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
    };
    let body = text(&["body", "text", "content", "article", "message"])?;
    let authors = match object.get("author").or_else(|| object.get("authors")) {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    Some(Draft {
        path: path.to_string(),
        id: text(&["id"]),
        title: text(&["title", "headline", "subject"]),
        date: text(&[
            "date",
            "published",
            "published_at",
            "datePublished",
            "created",
        ]),
        outlet: text(&["outlet", "source", "site", "publisher"]),
        url: text(&["url", "link"]),
        genre: text(&["genre", "section"]).map(|g| g.to_lowercase()),
        classification: text(&["classification"]).map(|c| Level::of_marking(&c)),
        authors,
        body,
        ..Draft::default()
    })
}

/// A whole JSON document: one object, or an array of objects.
pub fn parse_json(text: &str, path: &str) -> Result<Vec<Draft>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let objects: Vec<Map<String, Value>> = match value {
        Value::Object(o) => vec![o],
        Value::Array(items) => items
            .into_iter()
            .filter_map(|v| match v {
                Value::Object(o) => Some(o),
                _ => None,
            })
            .collect(),
        _ => return Err("JSON is neither an object nor an array of objects".into()),
    };
    let many = objects.len() > 1;
    let drafts: Vec<Draft> = objects
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            let p = if many {
                format!("{path}#{}", i + 1)
            } else {
                path.to_string()
            };
            draft_from_json(o, &p)
        })
        .collect();
    if drafts.is_empty() {
        return Err("no object with a body/text/content field".into());
    }
    Ok(drafts)
}

/// Splits `---\nkey: value\n---\ntext` into front matter fields and text.
pub fn split_front_matter(text: &str) -> Option<(Map<String, Value>, &str)> {
    let rest = text.strip_prefix("---")?;
    let rest = rest
        .strip_prefix('\n')
        .or_else(|| rest.strip_prefix("\r\n"))?;
    let end = rest.find("\n---")?;
    let (yaml, after) = rest.split_at(end);
    let after = after[4..]
        .trim_start_matches(['-'])
        .trim_start_matches(['\r', '\n']);
    let mut map = Map::new();
    for line in yaml.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim();
        if key.is_empty() || key.starts_with('#') || line.starts_with(' ') {
            continue;
        }
        let value = value.trim();
        let value = if value.starts_with('[') && value.ends_with(']') {
            Value::Array(
                value[1..value.len() - 1]
                    .split(',')
                    .map(|v| Value::String(unquote(v.trim()).to_string()))
                    .filter(|v| v.as_str().is_some_and(|s| !s.is_empty()))
                    .collect(),
            )
        } else {
            Value::String(unquote(value).to_string())
        };
        map.insert(key.to_string(), value);
    }
    Some((map, after))
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fields_are_read() {
        let text = "---\ntitle: \"Spy chiefs meet\"\ndate: 2020-01-14\noutlet: Example Post\nauthors: [A. Writer, B. Writer]\n---\nBody text.\n";
        let (map, body) = split_front_matter(text).expect("front matter");
        assert_eq!(map["title"], "Spy chiefs meet");
        assert_eq!(map["authors"][1], "B. Writer");
        assert_eq!(body.trim(), "Body text.");
    }
}
