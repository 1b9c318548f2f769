//! The built-in templates: the list (with the languages, layouts and seats each offers), one
//! template's document, and [`Kelisim::new_memo`], the one way to make a memorandum from a
//! template — for the command line and the desktop alike.

use kelisim_core::templates::{self, Assignment, Template};
use kelisim_core::{IsoDate, Language, Layout};
use serde_json::Value;

use crate::dto::*;
use crate::memos::{actor, check_glyphs, revision_input, summary};
use crate::{AppError, Kelisim};

fn tags(languages: &[Language]) -> Vec<String> {
    languages.iter().map(|l| l.tag().to_owned()).collect()
}

fn layouts(count: usize) -> Vec<LayoutDto> {
    templates::layouts_for(count)
        .iter()
        .map(|&l| LayoutDto::from(l))
        .collect()
}

/// What the list says about one template.
fn template_info(t: &Template) -> Result<TemplateInfo, AppError> {
    let doc = t.document()?;
    let languages = t.languages()?;
    let layout = serde_json::from_value::<Layout>(doc["layout"].clone())
        .map_or(LayoutDto::Parallel, LayoutDto::from);
    let seats = doc["parties"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .map(|p| SeatInfo {
                    id: p["id"].as_str().unwrap_or_default().to_owned(),
                    kind: p["kind"].as_str().unwrap_or_default().to_owned(),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(TemplateInfo {
        name: t.name.to_owned(),
        description: t.description.to_owned(),
        languages: tags(&languages.own),
        available_languages: tags(&languages.available),
        layout,
        layouts_one_language: layouts(1),
        layouts_several_languages: layouts(2),
        seats,
    })
}

fn invalid(field: impl Into<String>, message: impl Into<String>) -> AppError {
    AppError::InvalidInput {
        field: field.into(),
        message: message.into(),
    }
}

impl Kelisim {
    /// A built-in template's document, as JSON text.
    pub fn template_document(&self, name: &str) -> Result<String, AppError> {
        let doc = templates::find(name)?.document()?;
        serde_json::to_string_pretty(&doc).map_err(|err| invalid("template", err.to_string()))
    }

    /// The built-in templates, each with the languages, layouts and seats it offers.
    pub fn templates(&self) -> Vec<TemplateInfo> {
        templates::TEMPLATES
            .iter()
            .filter_map(|t| match template_info(t) {
                Ok(info) => Some(info),
                Err(err) => {
                    // The built-in templates are checked by tests; this is a bug.
                    tracing::error!(template = t.name, %err, "a built-in template cannot be read");
                    None
                }
            })
            .collect()
    }

    /// The party stored in the registry for `organisation`, as JSON.
    async fn registry_party(
        &self,
        organisation: &OrganisationRef,
        field: &str,
    ) -> Result<Value, AppError> {
        let (party, what) = match organisation {
            OrganisationRef::Bin(bin) => {
                let row = self.store.organisation_by_bin(bin.trim()).await?;
                (row.party, format!("the organisation with BIN {bin}"))
            }
            OrganisationRef::Id(id) => {
                let row = self
                    .store
                    .organisations()
                    .await?
                    .into_iter()
                    .find(|o| o.id == i64::from(*id))
                    .ok_or_else(|| kelisim_store::StoreError::NotFound {
                        what: format!("organisation {id}"),
                    })?;
                (row.party, format!("organisation {id}"))
            }
        };
        serde_json::from_str(&party)
            .map_err(|err| invalid(field, format!("{what} cannot be read: {err}")))
    }

    /// A new draft from a built-in template: in the languages and layout asked for, with the
    /// date, the parties taken from the organisations registry, and the variables set; checked
    /// like every stored document (schema and glyphs) before it is stored.
    pub async fn new_memo(&self, request: &NewMemoRequest) -> Result<MemoSummary, AppError> {
        let template = templates::find(request.template.trim())?;
        let languages: Vec<Language> = request
            .languages
            .iter()
            .map(|&l| Language::from(l))
            .collect();
        let date = request
            .date
            .as_deref()
            .map(|d| d.trim().parse::<IsoDate>().map_err(|m| invalid("date", m)))
            .transpose()?;
        let mut doc = template.compose(&languages, request.layout.map(Layout::from))?;
        for (i, choice) in request.parties.iter().enumerate() {
            let field = format!("parties[{i}]");
            let seat = choice.seat.trim();
            if templates::seat_index(&doc, seat).is_none() {
                return Err(invalid(
                    format!("{field}.seat"),
                    format!(
                        "the template {} has no party \"{seat}\"; its parties are: {}",
                        template.name,
                        templates::seat_ids(&doc).join(", ")
                    ),
                ));
            }
            let party = self.registry_party(&choice.organisation, &field).await?;
            templates::put_party(&mut doc, choice.seat.trim(), &party)?;
        }
        let assignments: Vec<Assignment> = request
            .variables
            .iter()
            .map(|v| Assignment {
                path: v.path.trim().to_owned(),
                value: v.value.clone(),
            })
            .collect();
        let memo = templates::fill(doc, date.as_ref(), &assignments)?;
        let memo = check_glyphs(memo, "the new memorandum")?;
        let row = self
            .store
            .create_memorandum(&revision_input(&memo), &actor(), "created")
            .await?;
        Ok(summary(row))
    }
}
