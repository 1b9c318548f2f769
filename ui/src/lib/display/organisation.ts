// How the interface shows an organisation of the registry: display only. What a party may
// contain, and how it fills a memorandum's seat, is Rust's business (`Kelisim::new_memo`).
import type { OrganisationDto } from "../ipc";
import type { Lang, Party, Text } from "../memo/types";

/** The party stored with a registry organisation, as the form shows it; null when it cannot be read. */
export function shownParty(o: Pick<OrganisationDto, "party">): Party | null {
  try {
    const value: unknown = JSON.parse(o.party);
    if (typeof value !== "object" || value === null) return null;
    const party = value as Partial<Party>;
    if (typeof party.name !== "object" || party.name === null) return null;
    return { signatories: [], ...party } as Party;
  } catch {
    return null;
  }
}

/** A text in the preferred language, else in the first language that has it. */
export function inLanguage(text: Text | null | undefined, preferred: string): string {
  if (!text) return "";
  const first = text[preferred as Lang];
  if (first) return first;
  for (const l of ["kk", "ru", "en"] as const) if (text[l]) return text[l];
  return "";
}

/** «Short name · BIN» or the full name, in the interface language where the party has it. */
export function organisationLabel(o: Pick<OrganisationDto, "party" | "bin">, preferred: string): string {
  const party = shownParty(o);
  const name = party ? inLanguage(party.short_name, preferred) || inLanguage(party.name, preferred) : "";
  const shown = name || "?";
  return o.bin ? `${shown} · ${o.bin}` : shown;
}
