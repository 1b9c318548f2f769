//! The `/2` texts a rendering draws, with their JSON paths, for the glyph check: authorities,
//! the registration number, and every annex's title, clauses and table cells.

use kelisim_core::placeholder::resolve;
use kelisim_core::words::authority_phrase;
use kelisim_core::{AnnexContent, Clause, Language, Memorandum, Text};

use crate::fonts::Face;

/// One drawn text: its JSON path (with the language), language, resolved text and base face.
pub(crate) type Drawn = (String, Language, String, Face);

/// Every `/2` text that is drawn, in document order; nothing for a `/1` document.
pub(crate) fn v2_texts(memo: &Memorandum, langs: &[Language]) -> Vec<Drawn> {
    let mut out = Vec::new();
    authorities(memo, langs, &mut out);
    if let Some(registration) = &memo.registration {
        for &lang in langs {
            let path = format!("registration.number.{}", lang.tag());
            out.push((path, lang, registration.number.clone(), Face::Regular));
        }
    }
    for (a, annex) in memo.annexes.iter().enumerate() {
        let prefix = format!("annexes[{a}]");
        add(
            memo,
            langs,
            &format!("{prefix}.title"),
            &annex.title,
            Face::Bold,
            &mut out,
        );
        match &annex.content {
            AnnexContent::Clauses(list) => {
                clauses(memo, langs, &format!("{prefix}.content"), list, &mut out);
            }
            AnnexContent::Table(table) => {
                for (c, column) in table.columns.iter().enumerate() {
                    let path = format!("{prefix}.content.table.columns[{c}].heading");
                    add(memo, langs, &path, &column.heading, Face::Bold, &mut out);
                }
                for (r, row) in table.rows.iter().enumerate() {
                    for (c, cell) in row.iter().enumerate() {
                        let path = format!("{prefix}.content.table.rows[{r}][{c}]");
                        add(memo, langs, &path, cell, Face::Regular, &mut out);
                    }
                }
            }
        }
    }
    out
}

/// `text` in every language, resolved.
fn add(
    memo: &Memorandum,
    langs: &[Language],
    path: &str,
    text: &Text,
    face: Face,
    out: &mut Vec<Drawn>,
) {
    for &lang in langs {
        let resolved = resolve(memo, Memorandum::text_in(text, lang), lang);
        out.push((format!("{path}.{}", lang.tag()), lang, resolved, face));
    }
}

/// Clauses and their sub-clauses under `prefix`.
fn clauses(
    memo: &Memorandum,
    langs: &[Language],
    prefix: &str,
    list: &[Clause],
    out: &mut Vec<Drawn>,
) {
    for (i, clause) in list.iter().enumerate() {
        let path = format!("{prefix}.clauses[{i}]");
        add(
            memo,
            langs,
            &format!("{path}.text"),
            &clause.text,
            Face::Regular,
            out,
        );
        clauses(memo, langs, &path, &clause.clauses, out);
    }
}

/// Each signatory's authority as the signature block prints it.
fn authorities(memo: &Memorandum, langs: &[Language], out: &mut Vec<Drawn>) {
    for (p, party) in memo.parties.iter().enumerate() {
        for (s, signatory) in party.signatories.iter().enumerate() {
            let Some(authority) = &signatory.authority else {
                continue;
            };
            for &lang in langs {
                let phrase = resolve(memo, &authority_phrase(authority, lang), lang);
                let path = format!("parties[{p}].signatories[{s}].authority.{}", lang.tag());
                out.push((path, lang, phrase, Face::Italic));
            }
        }
    }
}
