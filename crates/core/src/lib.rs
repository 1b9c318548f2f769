//! The memorandum model of Kelisim: `kelisim.memorandum/1`, its validation, canonical JSON,
//! computed numbering and placeholders. This crate does no IO and knows nothing of storage,
//! rendering or the user interface.

pub mod canonical;
pub mod ui_language;

pub use ui_language::UiLanguage;
