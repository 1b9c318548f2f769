//! Amendments (дополнительные соглашения / қосымша келісімдер): a draft `/2` memorandum linked
//! to a signed (or archived) base, which names the base in its `amends` (registration number,
//! date, title, content hash of the signed revision), has the base's parties, signatories,
//! languages and layout, a title and preamble that refer to the base, and one section with one
//! clause to edit.
//!
//! The preamble refers to the base through `{{amends}}`; the title is written out in the same
//! words (`kelisim_core::words::amends_reference`).

use kelisim_core::words::amends_reference;
use kelisim_core::workflow::Status;
use kelisim_core::{Amends, Clause, Format, IsoDate, Language, Memorandum, Section, Text};

use crate::dto::MemoSummary;
use crate::memos::{actor, revision_input, stored_document, summary};
use crate::{AppError, Kelisim};

fn per_language(languages: &[Language], words: impl Fn(Language) -> String) -> Text {
    languages.iter().map(|&l| (l, words(l))).collect()
}

/// The amendment's title: ru «Дополнительное соглашение к Меморандуму о сотрудничестве от
/// 15 сентября 2026 года № 02-15/1», kk «2026 жылғы 15 қыркүйектегі № 02-15/1 ынтымақтастық
/// туралы меморандумға қосымша келісім», en «Amendment to the Memorandum of Cooperation of
/// 15 September 2026 No. 02-15/1». Written out (the registry lists and searches titles as
/// written), in the words `{{amends}}` prints.
pub(crate) fn amendment_title(amends: &Amends, lang: Language) -> String {
    let base = amends_reference(amends, lang);
    match lang {
        Language::Kk => format!("{base} қосымша келісім"),
        Language::Ru => format!("Дополнительное соглашение к {base}"),
        Language::En => format!("Amendment to {base}"),
    }
}

/// The preamble names the base through `{{amends}}`, so the text and the document's `amends`
/// cannot disagree.
fn amendment_preamble(lang: Language) -> String {
    match lang {
        Language::Kk => "Тараптар {{amends}} (бұдан әрі – Меморандум) осы қосымша келісімді \
                         төмендегілер туралы жасасты:"
            .to_owned(),
        Language::Ru => "Стороны заключили настоящее Дополнительное соглашение к {{amends}} \
                         (далее – Меморандум) о нижеследующем:"
            .to_owned(),
        Language::En => "The Parties have agreed this Amendment to {{amends}} (the Memorandum) \
                         as follows:"
            .to_owned(),
    }
}

fn amendment_section(languages: &[Language]) -> Section {
    Section {
        heading: per_language(languages, |l| {
            match l {
                Language::Kk => "Меморандумға өзгерістер",
                Language::Ru => "Изменения в Меморандум",
                Language::En => "Amendments to the Memorandum",
            }
            .to_owned()
        }),
        clauses: vec![Clause {
            text: per_language(languages, |l| {
                match l {
                    Language::Kk => "Меморандумға мынадай өзгерістер енгізілсін: …",
                    Language::Ru => "Внести в Меморандум следующие изменения: …",
                    Language::En => "The Memorandum is amended as follows: …",
                }
                .to_owned()
            }),
            clauses: Vec::new(),
        }],
    }
}

/// The draft amendment of `base` (its signed revision, content hash `content_hash`), dated
/// `date`.
pub(crate) fn amendment_of(base: &Memorandum, content_hash: &str, date: IsoDate) -> Memorandum {
    let amends = Amends {
        number: base.registration.as_ref().map(|r| r.number.clone()),
        date: base
            .registration
            .as_ref()
            .map_or_else(|| base.date.clone(), |r| r.date.clone()),
        title: base.title.clone(),
        content_hash: content_hash.to_owned(),
    };
    let languages = base.languages.clone();
    Memorandum {
        format: Format::V2,
        layout: base.layout,
        title: per_language(&languages, |l| amendment_title(&amends, l)),
        place: base.place.clone(),
        date,
        parties: base.parties.clone(),
        preamble: per_language(&languages, amendment_preamble),
        variables: Default::default(),
        sections: vec![amendment_section(&languages)],
        annexes: Vec::new(),
        term: None,
        registration: None,
        amends: Some(amends),
        languages,
    }
}

impl Kelisim {
    /// A draft amendment of signed (or archived) memorandum `base_id`, linked to it.
    pub async fn new_amendment(&self, base_id: u32) -> Result<MemoSummary, AppError> {
        let id = i64::from(base_id);
        let row = self.store.memorandum(id).await?;
        if !matches!(row.status, Status::Signed | Status::Archived) {
            return Err(AppError::Refused(crate::messages::Reason::new(
                "amend_not_signed",
                vec![
                    ("id", base_id.to_string()),
                    ("status", row.status.as_str().to_owned()),
                ],
                format!(
                    "memorandum {base_id} is {}: only a signed or archived memorandum can be \
                     amended",
                    row.status.as_str()
                ),
            )));
        }
        let number = row.approved_revision.unwrap_or(row.current_revision);
        let rev = self.store.revision(id, number).await?;
        let base = stored_document(&rev.document, id, number)?;
        let today: IsoDate =
            self.store
                .today()
                .await?
                .parse()
                .map_err(|e| AppError::InvalidInput {
                    field: "date".into(),
                    message: format!("today's date: {e}"),
                })?;
        let draft = amendment_of(&base, &rev.content_hash, today);
        let checked =
            kelisim_core::parse(&draft.canonical_json()).map_err(|problems| AppError::Invalid {
                what: format!("the amendment of memorandum {base_id}"),
                problems,
            })?;
        let checked = crate::memos::check_glyphs(checked, "the amendment")?;
        let created = self
            .store
            .create_amendment(id, &revision_input(&checked), &actor())
            .await?;
        Ok(summary(created))
    }

    /// The amendments of memorandum `id`, oldest first.
    pub(crate) async fn amendments_of(&self, id: i64) -> Result<Vec<MemoSummary>, AppError> {
        let query = kelisim_store::ListQuery {
            amends: Some(id),
            sort: kelisim_store::Sort::Date,
            limit: crate::memos::MAX_PAGE,
            ..Default::default()
        };
        let mut rows: Vec<MemoSummary> = self
            .store
            .list(&query)
            .await?
            .rows
            .into_iter()
            .map(summary)
            .collect();
        rows.sort_by_key(|m| m.id);
        Ok(rows)
    }
}
