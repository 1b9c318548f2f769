//! Full-text search (FTS5): what is indexed for a memorandum, and how typed text becomes a query.
//! SQLite's own case folding (unicode61) is not relied on: Kelisim lower-cases with Rust's full
//! Unicode rules both what it indexes and what is searched, so «ҚАУІПСІЗ» finds «қауіпсіз» and
//! «МИНИСТЕРСТВО» finds «министерство». (The search itself is a filter of
//! [`Store::list`](crate::Store::list).)

use sqlx::{Sqlite, Transaction};

use crate::StoreError;

/// What is indexed for a memorandum: its text in every language, markup and all (normalised here).
#[derive(Debug, Clone, Default)]
pub struct SearchText {
    pub title: String,
    pub parties: String,
    pub body: String,
}

/// Replaces memorandum `id`'s entry in the search index (rowid = memorandum id) with `text`.
/// Inside the caller's write transaction.
pub(crate) async fn index(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    text: &SearchText,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM memorandum_search WHERE rowid = ?")
        .bind(id)
        .execute(&mut **tx)
        .await
        .map_err(StoreError::sql("update the search index"))?;
    sqlx::query("INSERT INTO memorandum_search (rowid, title, parties, body) VALUES (?, ?, ?, ?)")
        .bind(id)
        .bind(normalise(&text.title))
        .bind(normalise(&text.parties))
        .bind(normalise(&text.body))
        .execute(&mut **tx)
        .await
        .map_err(StoreError::sql("update the search index"))?;
    Ok(())
}

/// Text as stored in the index.
pub fn normalise(text: &str) -> String {
    // Markup and placeholder braces are not words.
    text.to_lowercase()
        .chars()
        .map(|c| {
            if matches!(c, '*' | '_' | '{' | '}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The FTS5 query for what a user typed: every word must occur, as a whole word or a prefix;
/// words in quotes («…» or "…") must occur together, in that order. Everything is quoted, so
/// nothing typed is ever run as FTS5 syntax. `None` when nothing searchable was typed.
pub fn fts_query(typed: &str) -> Option<String> {
    let lower = typed.to_lowercase();
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut terms = Vec::new();
    let mut quoted = false;
    for part in lower.split(['"', '«', '»']) {
        let ws = words(part);
        if quoted && ws.len() > 1 {
            terms.push(format!("\"{}\"", ws.join(" ")));
        } else {
            terms.extend(ws.into_iter().map(|w| format!("\"{w}\"*")));
        }
        quoted = !quoted;
    }
    terms.truncate(16);
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_and_russian_capitals_fold() {
        assert_eq!(
            normalise("ҚАУІПСІЗДІК ӘРІПТЕСТІК"),
            "қауіпсіздік әріптестік"
        );
        assert_eq!(
            normalise("МИНИСТЕРСТВО **культуры**"),
            "министерство   культуры  "
        );
    }

    #[test]
    fn queries_quote_every_word_so_fts_syntax_cannot_be_injected() {
        assert_eq!(
            fts_query("Қауіпсіз OR министерство"),
            Some("\"қауіпсіз\"* \"or\"* \"министерство\"*".into())
        );
        assert_eq!(fts_query("\"*) NEAR("), Some("\"near\"*".into()));
        assert_eq!(
            fts_query("«Жас еріктілер» қоры"),
            Some("\"жас еріктілер\" \"қоры\"*".into())
        );
        assert_eq!(fts_query(" -- "), None);
    }
}
