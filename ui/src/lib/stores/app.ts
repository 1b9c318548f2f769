// The application's UI state: the interface language, the About information and the last error.
// It talks to Rust only through the ipc door.

import { derived, get, writable } from "svelte/store";
import { ipc, KelisimError, type AboutInfo, type LocalizedDto } from "../ipc";
import { detectLanguage, messages, type MessageKey, type UiLanguage } from "../i18n/messages";

export const language = writable<UiLanguage>("en");
export const about = writable<AboutInfo | null>(null);
export const lastError = writable<KelisimError | null>(null);
export const ready = writable(false);

/** `$t("key")` in components: the string in the current interface language. */
export const t = derived(language, (lang) => (key: MessageKey): string => messages[lang][key]);

/** `$say(p.text, p.message)` in components: a sentence Rust wrote in every interface language
 * (a problem, an error), in the current one; the fallback when there is none (a failure of the
 * call itself). */
export const say = derived(
  language,
  (lang) =>
    (text: LocalizedDto | null | undefined, fallback: string): string =>
      text ? text[lang] : fallback,
);

/** Shows a failure in the error banner: a command's own error as it is, anything else as `internal`. */
export function reportError(error: unknown): void {
  lastError.set(
    error instanceof KelisimError
      ? error
      : new KelisimError("internal", error instanceof Error ? error.message : String(error)),
  );
}

/** Loads the saved settings; follows the system's language until the user picks one. */
export async function initialise(systemLanguages: readonly string[]): Promise<void> {
  try {
    const settings = await ipc.getSettings();
    language.set(settings.uiLanguage ?? detectLanguage(systemLanguages));
  } catch (error) {
    language.set(detectLanguage(systemLanguages));
    reportError(error);
  } finally {
    ready.set(true);
  }
}

/** Switches the interface language and saves the choice in Rust (it survives a restart). */
export async function chooseLanguage(lang: UiLanguage): Promise<void> {
  const previous = get(language);
  language.set(lang);
  try {
    const saved = await ipc.setUiLanguage(lang);
    if (saved.uiLanguage) language.set(saved.uiLanguage);
  } catch (error) {
    language.set(previous);
    reportError(error);
  }
}

/** Fetches the version and data folder from Rust for the About panel. */
export async function loadAbout(): Promise<void> {
  try {
    about.set(await ipc.about());
  } catch (error) {
    reportError(error);
  }
}

export function dismissError(): void {
  lastError.set(null);
}
