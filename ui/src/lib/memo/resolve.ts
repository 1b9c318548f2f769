// Placeholders shown resolved: `{{variable}}` and `{{party.<id>.<field>}}` as the PDF will print
// them. An unknown placeholder stays as written (validation reports it).
import type { Lang, MemoDoc, Text } from "./types";

export function resolveText(doc: MemoDoc, text: string, lang: Lang): string {
  return text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (all, inner: string) => {
    const party = /^party\.([a-z0-9-]+)\.(name|short_name|address|bin)$/.exec(inner);
    if (party) {
      const p = doc.parties.find((x) => x.id === party[1]);
      if (!p) return all;
      if (party[2] === "bin") return p.bin ?? all;
      const field = (party[2] === "name" ? p.name : party[2] === "short_name" ? p.short_name : p.address) as
        | Text
        | undefined;
      return field?.[lang] ?? all;
    }
    return doc.variables?.[inner]?.[lang] ?? all;
  });
}

/** The resolved text per language, or null when the text has no placeholders. */
export function resolvedRow(doc: MemoDoc, text: Text): Partial<Record<Lang, string>> | null {
  if (!doc.languages.some((l) => (text[l] ?? "").includes("{{"))) return null;
  return Object.fromEntries(doc.languages.map((l) => [l, resolveText(doc, text[l] ?? "", l)]));
}
