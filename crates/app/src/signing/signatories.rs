//! Who signs a memorandum where: the signature field of each signatory, and matching a
//! certificate's subject to a signatory (by name in any language, and by BIN against a party
//! that has one, else by organisation name; a certificate naming neither matches no party).

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

/// Whether the holder belongs to the party. A party with a BIN is matched by the
/// certificate's BIN alone (a name can be copied, so a certificate without that BIN, or with
/// another one, is not the party's); a party without one by the organisation's name. A
/// certificate that names neither an organisation nor a BIN belongs to no party.
fn party_matches(memo: &Memorandum, party: &Party, holder: &Holder) -> bool {
    if let Some(party_bin) = &party.bin {
        return holder.bin.as_deref() == Some(party_bin.as_str());
    }
    let org = fold(&holder.organisation);
    if org.is_empty() {
        return false;
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

    use crate::fixture_memo as memo;

    fn holder(name: &str, organisation: &str, bin: Option<&str>) -> Holder {
        Holder {
            name: name.into(),
            organisation: organisation.into(),
            bin: bin.map(Into::into),
        }
    }

    #[test]
    fn a_holder_matches_by_name_in_either_language_and_by_bin() {
        let memo = memo();
        let ministry = "Министерство науки и высшего образования Республики Казахстан";
        let ru = holder("Ж.К. Абенова", ministry, Some("980310005674"));
        assert_eq!(matching(&memo, &ru)[0].field, "kelisim:ministry:minister");
        let kk = holder("ж. к. әбенова", "", Some("980310005674"));
        assert_eq!(matching(&memo, &kk).len(), 1);
        let wrong_bin = holder("Т. М. Оспанов", "", Some("980310005674"));
        assert!(matching(&memo, &wrong_bin).is_empty());
        let wrong_org = holder("Т. М. Оспанов", "ТОО Ромашка", None);
        assert!(matching(&memo, &wrong_org).is_empty());
        let nobody = holder("А. Б. Кто-то", "", Some("980310005674"));
        assert!(matching(&memo, &nobody).is_empty());
        assert_eq!(seats(&memo).len(), 2);
    }

    #[test]
    fn a_certificate_naming_neither_organisation_nor_bin_matches_no_party() {
        // Before issue 12 a bare name was enough to take the minister's seat.
        let memo = memo();
        let bare = holder("Ж.К. Абенова", "", None);
        assert!(matching(&memo, &bare).is_empty());
    }

    #[test]
    fn a_party_with_a_bin_is_not_matched_by_its_name_alone() {
        let memo = memo();
        let ministry = "Министерство науки и высшего образования Республики Казахстан";
        // The ministry's own name, but no BIN, or another organisation's BIN.
        let no_bin = holder("Ж.К. Абенова", ministry, None);
        assert!(matching(&memo, &no_bin).is_empty());
        let other_bin = holder("Ж.К. Абенова", ministry, Some("211140000425"));
        assert!(matching(&memo, &other_bin).is_empty());
    }
}
