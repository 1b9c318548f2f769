//! Who signs a memorandum where: the signature field of each signatory, and matching a
//! certificate's subject to a signatory (by name in any language; organisation or BIN
//! against the party when the certificate names them).

use kelisim_core::placeholder::resolve;
use kelisim_core::{Memorandum, Party, Signatory, Text};

/// A signatory of the memorandum with their signature field's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Seat {
    pub party_id: String,
    pub signatory_id: String,
    pub field: String,
}

/// The signature field of a signatory. Ids hold no `:`, so the name is unambiguous.
pub(crate) fn field_name(party_id: &str, signatory_id: &str) -> String {
    format!("kelisim:{party_id}:{signatory_id}")
}

/// Every signatory of every party, in document order.
pub(crate) fn seats(memo: &Memorandum) -> Vec<Seat> {
    memo.parties
        .iter()
        .flat_map(|p| {
            p.signatories.iter().map(move |s| Seat {
                party_id: p.id.to_string(),
                signatory_id: s.id.to_string(),
                field: field_name(&p.id.to_string(), &s.id.to_string()),
            })
        })
        .collect()
}

/// Case and spacing folded: «Ж.К. Әбенова» and «ж. к. әбенова» compare equal.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn texts(memo: &Memorandum, text: &Text) -> Vec<String> {
    memo.languages
        .iter()
        .map(|&lang| fold(&resolve(memo, Memorandum::text_in(text, lang), lang)))
        .collect()
}

/// What a certificate says about its holder.
#[derive(Debug, Clone, Default)]
pub(crate) struct Holder {
    pub name: String,
    pub organisation: String,
    pub bin: Option<String>,
}

fn party_matches(memo: &Memorandum, party: &Party, holder: &Holder) -> bool {
    if let (Some(bin), Some(party_bin)) = (&holder.bin, &party.bin) {
        return bin == party_bin.as_str();
    }
    let org = fold(&holder.organisation);
    if org.is_empty() {
        return true;
    }
    let mut names = texts(memo, &party.name);
    if let Some(short) = &party.short_name {
        names.extend(texts(memo, short));
    }
    names.contains(&org)
}

fn signatory_matches(memo: &Memorandum, s: &Signatory, holder: &Holder) -> bool {
    texts(memo, &s.name).contains(&fold(&holder.name))
}

/// The seats whose signatory the holder is.
pub(crate) fn matching(memo: &Memorandum, holder: &Holder) -> Vec<Seat> {
    memo.parties
        .iter()
        .filter(|p| party_matches(memo, p, holder))
        .flat_map(|p| {
            p.signatories
                .iter()
                .filter(|s| signatory_matches(memo, s, holder))
                .map(|s| Seat {
                    party_id: p.id.to_string(),
                    signatory_id: s.id.to_string(),
                    field: field_name(&p.id.to_string(), &s.id.to_string()),
                })
        })
        .collect()
}

/// «Ж. К. Әбенова (ministry/minister)», for messages.
pub(crate) fn describe(memo: &Memorandum, seat: &Seat) -> String {
    let lang = memo
        .languages
        .first()
        .copied()
        .unwrap_or(kelisim_core::Language::Ru);
    let name = memo
        .parties
        .iter()
        .filter(|p| p.id.to_string() == seat.party_id)
        .flat_map(|p| p.signatories.iter())
        .find(|s| s.id.to_string() == seat.signatory_id)
        .map(|s| resolve(memo, Memorandum::text_in(&s.name, lang), lang))
        .unwrap_or_default();
    format!("{name} ({}/{})", seat.party_id, seat.signatory_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::signing::fixture_memo as memo;

    #[test]
    fn a_holder_matches_by_name_in_either_language_and_by_bin() {
        let memo = memo();
        let ru = Holder {
            name: "Ж.К. Абенова".into(),
            ..Holder::default()
        };
        assert_eq!(matching(&memo, &ru)[0].field, "kelisim:ministry:minister");
        let kk = Holder {
            name: "ж. к. әбенова".into(),
            organisation: "Министерство науки и высшего образования Республики Казахстан".into(),
            bin: None,
        };
        assert_eq!(matching(&memo, &kk).len(), 1);
        let wrong_bin = Holder {
            name: "Т. М. Оспанов".into(),
            organisation: String::new(),
            bin: Some("980310005674".into()),
        };
        assert!(matching(&memo, &wrong_bin).is_empty());
        let wrong_org = Holder {
            name: "Т. М. Оспанов".into(),
            organisation: "ТОО Ромашка".into(),
            bin: None,
        };
        assert!(matching(&memo, &wrong_org).is_empty());
        let nobody = Holder {
            name: "А. Б. Кто-то".into(),
            ..Holder::default()
        };
        assert!(matching(&memo, &nobody).is_empty());
        assert_eq!(seats(&memo).len(), 2);
    }
}
