// Parties of the organisations registry as the interface shows and reuses them.
import type { Lang, Party, Text } from "./types";

/** The party stored with a registry organisation, or null when it cannot be read. */
export function partyOf(json: string): Party | null {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== "object" || value === null) return null;
    const party = value as Partial<Party>;
    if (typeof party.name !== "object" || party.name === null) return null;
    return { signatories: [], ...party } as Party;
  } catch {
    return null;
  }
}

/** A text in the preferred language, else in the first language that has it. */
export function pick(text: Text | null | undefined, preferred: string): string {
  if (!text) return "";
  const first = text[preferred as Lang];
  if (first) return first;
  for (const l of ["kk", "ru", "en"] as const) if (text[l]) return text[l];
  return "";
}

/** «Short name (BIN)» or the full name, in the interface language where the party has it. */
export function organisationLabel(o: { party: string; bin: string | null }, preferred: string): string {
  const party = partyOf(o.party);
  const name = party ? pick(party.short_name, preferred) || pick(party.name, preferred) : "";
  const shown = name || "?";
  return o.bin ? `${shown} · ${o.bin}` : shown;
}
