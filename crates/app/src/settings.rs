//! The user's settings: the interface language, remembered across restarts.

use kelisim_core::UiLanguage;

use crate::dto::{Settings, UiLanguageDto};
use crate::{AppError, Kelisim};

const UI_LANGUAGE_KEY: &str = "ui.language";

impl Kelisim {
    /// The user's settings. An interface language that was never chosen is `None`, so the UI
    /// can follow the system's language until the user picks one.
    pub async fn settings(&self) -> Result<Settings, AppError> {
        let ui_language = match self.store.setting(UI_LANGUAGE_KEY).await? {
            None => None,
            Some(tag) => match tag.parse::<UiLanguage>() {
                Ok(lang) => Some(lang.into()),
                Err(err) => {
                    // A value we did not write (an older or newer build, a hand edit): fall back
                    // to the default rather than refuse to start, and say so in the log.
                    tracing::warn!(%err, "ignoring stored interface language");
                    None
                }
            },
        };
        Ok(Settings { ui_language })
    }

    /// Chooses the interface language and remembers it across restarts.
    pub async fn set_ui_language(&self, language: UiLanguageDto) -> Result<Settings, AppError> {
        let lang = UiLanguage::from(language);
        self.store.set_setting(UI_LANGUAGE_KEY, lang.tag()).await?;
        self.settings().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_interface_language_is_remembered_across_restarts() {
        let dir = tempfile::tempdir().unwrap();
        let app = Kelisim::open(dir.path()).await.unwrap();
        assert_eq!(app.settings().await.unwrap().ui_language, None);
        let saved = app.set_ui_language(UiLanguageDto::Kk).await.unwrap();
        assert_eq!(saved.ui_language, Some(UiLanguageDto::Kk));
        app.close().await;

        let app = Kelisim::open(dir.path()).await.unwrap();
        assert_eq!(
            app.settings().await.unwrap().ui_language,
            Some(UiLanguageDto::Kk)
        );
    }
}
