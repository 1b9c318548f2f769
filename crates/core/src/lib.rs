//! The memorandum model of Kelisim: `kelisim.memorandum/1`, its validation, canonical JSON,
//! computed numbering, placeholders, built-in templates and revision comparison. This crate does
//! no IO and knows nothing of storage, rendering or the user interface.

pub mod canonical;
pub mod diff;
pub mod ids;
pub mod model;
pub mod numbering;
pub mod placeholder;
pub mod templates;
pub mod ui_language;
pub mod validate;
pub mod workflow;

pub use ids::{Bin, IsoDate, Language, PartyId, SignatoryId, VariableName};
pub use model::{Clause, Layout, Memorandum, Party, PartyKind, Section, Signatory, Text, FORMAT};
pub use ui_language::UiLanguage;
pub use validate::{parse, Problem};
