// Every string of the interface, in each interface language, gathered from the tables by
// concept in ./tables/ (the same words as the Rust modules and the IPC door). English is the
// reference: the other languages must have exactly its keys (the types say so, and a test checks
// the values).

import type { UiErrorCode } from "../ipc";
import * as app from "./tables/app";
import * as memos from "./tables/memos";
import * as templates from "./tables/templates";
import * as organisations from "./tables/organisations";
import * as signing from "./tables/signing";
import * as verify from "./tables/verify";
import * as keys from "./tables/keys";
import * as trust from "./tables/trust";
import * as audit from "./tables/audit";
import * as parties from "./tables/parties";
import * as annexes from "./tables/annexes";
import * as journal from "./tables/journal";

export type UiLanguage = "kk" | "ru" | "en";
export const UI_LANGUAGES: readonly UiLanguage[] = ["kk", "ru", "en"];

const en = {
  ...app.en,
  ...memos.en,
  ...templates.en,
  ...organisations.en,
  ...signing.en,
  ...verify.en,
  ...keys.en,
  ...trust.en,
  ...audit.en,
  ...parties.en,
  ...annexes.en,
  ...journal.en,
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const kk: Messages = {
  ...app.kk,
  ...memos.kk,
  ...templates.kk,
  ...organisations.kk,
  ...signing.kk,
  ...verify.kk,
  ...keys.kk,
  ...trust.kk,
  ...audit.kk,
  ...parties.kk,
  ...annexes.kk,
  ...journal.kk,
};
const ru: Messages = {
  ...app.ru,
  ...memos.ru,
  ...templates.ru,
  ...organisations.ru,
  ...signing.ru,
  ...verify.ru,
  ...keys.ru,
  ...trust.ru,
  ...audit.ru,
  ...parties.ru,
  ...annexes.ru,
  ...journal.ru,
};

export const messages: Record<UiLanguage, Messages> = { kk, ru, en };

/** The hint shown under an error, chosen by its code (never by its English text). */
export function errorHintKey(code: UiErrorCode): MessageKey {
  return `error.hint.${code}`;
}

/** The interface language to start in when the user has not chosen one: the system's. */
export function detectLanguage(preferred: readonly string[]): UiLanguage {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split("-")[0];
    const found = UI_LANGUAGES.find((l) => l === primary);
    if (found) return found;
  }
  return "en";
}

/** A built-in template's description in the interface language; Rust's own (English)
 * description for a template the interface does not know. */
export function templateDescription(name: string, fallback: string, lang: UiLanguage): string {
  const table: Record<string, string> = messages[lang];
  return table[`template.${name}`] ?? fallback;
}

/** A message with `{name}` placeholders filled in. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) =>
    name in values ? String(values[name]) : all,
  );
}
