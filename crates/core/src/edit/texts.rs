//! Finding every text (language → string) of a document held as JSON.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::ids::Language;

/// One text of a document and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextAt {
    /// The JSON path of the text object, e.g. `sections[0].clauses[1].text`.
    pub path: String,
    /// Language tag → string.
    pub values: BTreeMap<String, String>,
}

/// Whether `map` is a text: at least one field, each a language tag holding a string.
pub(crate) fn is_text(map: &Map<String, Value>) -> bool {
    !map.is_empty()
        && map
            .iter()
            .all(|(k, v)| Language::from_tag(k).is_some() && v.is_string())
}

/// Every text of the document, in document order.
pub fn texts(doc: &Value) -> Vec<TextAt> {
    let mut out = Vec::new();
    walk(doc, &mut String::new(), &mut out);
    out
}

fn walk(value: &Value, path: &mut String, out: &mut Vec<TextAt>) {
    match value {
        Value::Object(map) if is_text(map) => out.push(TextAt {
            path: path.clone(),
            values: map
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect(),
        }),
        Value::Object(map) => {
            for (key, v) in map {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                walk(v, path, out);
                path.truncate(len);
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(v, path, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Calls `f` with the path and the object of every text, mutably.
pub(crate) fn for_each_text_mut(doc: &mut Value, f: &mut dyn FnMut(&str, &mut Map<String, Value>)) {
    fn go(value: &mut Value, path: &mut String, f: &mut dyn FnMut(&str, &mut Map<String, Value>)) {
        match value {
            Value::Object(map) if is_text(map) => f(path, map),
            Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                    go(v, path, f);
                    path.truncate(len);
                }
            }
            Value::Array(list) => {
                for (i, v) in list.iter_mut().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    go(v, path, f);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    go(doc, &mut String::new(), f);
}
