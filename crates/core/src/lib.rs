//! The memorandum model of Kelisim: `kelisim.memorandum/1` and `/2`, its validation, canonical JSON,
//! computed numbering, placeholders, built-in templates and revision comparison. This crate does
//! no IO and knows nothing of storage, rendering or the user interface.

pub mod canonical;
pub mod diff;
pub mod edit;
pub mod ids;
pub mod messages;
pub mod model;
pub mod numbering;
pub mod placeholder;
pub mod templates;
pub mod term;
pub mod translation;
pub mod ui_language;
pub mod validate;
pub mod words;
pub mod workflow;

pub use ids::{AnnexId, Bin, IsoDate, Language, PartyId, SignatoryId, VariableName};
pub use model::{
    Amends, Annex, AnnexContent, Authority, Clause, Column, Duration, Format, Layout, Memorandum,
    Party, PartyKind, Registration, Renewal, Section, Signatory, Table, Term, TermStart, Text,
    FORMAT, FORMAT_V1, FORMAT_V2,
};
pub use ui_language::UiLanguage;
pub use validate::{parse, Problem};
