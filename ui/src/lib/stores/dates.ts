// Dates as the PDF writes them («6 октября 2026 года»), in the interface language: Rust writes
// them (format_dates, the renderer's own code); each is asked for once and kept.
import { derived, get, writable } from "svelte/store";
import { ipc } from "../ipc";
import { language, reportError } from "./app";

const written = writable<ReadonlyMap<string, string>>(new Map());
const asked = new Set<string>();
const key = (lang: string, date: string) => `${lang}|${date}`;

/** Asks Rust for the dates (ISO dates or timestamps) not written yet in the interface language. */
export function wantDates(dates: readonly string[]): void {
  const lang = get(language);
  const missing = [...new Set(dates)].filter((d) => !asked.has(key(lang, d)));
  if (missing.length === 0) return;
  for (const d of missing) asked.add(key(lang, d));
  ipc.formatDates(lang, missing).then(
    (texts) =>
      written.update((known) => {
        const next = new Map(known);
        missing.forEach((d, i) => next.set(key(lang, d), texts[i] ?? d));
        return next;
      }),
    (error: unknown) => {
      for (const d of missing) asked.delete(key(lang, d));
      reportError(error);
    },
  );
}

/** A date in the interface language, as the PDF writes it; as given until Rust has answered. */
export const dateText = derived(
  [written, language],
  ([$written, $language]) =>
    (date: string): string =>
      $written.get(key($language, date)) ?? date,
);
