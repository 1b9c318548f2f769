// A new memorandum composed from the built-in templates: the chosen template gives the text,
// and a language it lacks is taken from a sibling template of the same family (the same
// memorandum in another language, e.g. state-ngo-en for state-ngo-kk-ru) whose structure is
// the same. Languages not chosen are dropped. The Rust core validates the result on creation.
import type { Lang, Layout, MemoDoc, Text } from "./types";

export const LANGS: readonly Lang[] = ["kk", "ru", "en"];

export type TemplateSource = { name: string; doc: MemoDoc };

/** The template's family: its name without the trailing language codes (`state-ngo`). */
export function family(name: string): string {
  return name.replace(/(-(kk|ru|en))+$/, "");
}

function isText(value: unknown): value is Text {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([k, v]) => (LANGS as readonly string[]).includes(k) && typeof v === "string");
}

/** The document's structure with every text replaced by a marker: equal shapes align clause
 * with clause. */
export function shape(value: unknown): string {
  const walk = (v: unknown): unknown => {
    if (isText(v)) return "§";
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === "object" && v !== null)
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => k !== "languages" && k !== "layout" && k !== "date")
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, x]) => [k, walk(x)]),
      );
    return typeof v;
  };
  return JSON.stringify(walk(value));
}

/** The templates that can give `base` its other languages, `base` first. */
export function siblings(base: TemplateSource, all: readonly TemplateSource[]): TemplateSource[] {
  const want = shape(base.doc);
  return [base, ...all.filter((t) => t.name !== base.name && family(t.name) === family(base.name) && shape(t.doc) === want)];
}

/** Every language the template can be created in, in the order kk, ru, en. */
export function availableLanguages(base: TemplateSource, all: readonly TemplateSource[]): Lang[] {
  const have = new Set(siblings(base, all).flatMap((t) => t.doc.languages));
  return LANGS.filter((l) => have.has(l));
}

/** Copies language `lang` of every text of `from` into the same place of `into`. */
function copyLanguage(into: unknown, from: unknown, lang: Lang): void {
  if (isText(into) && isText(from)) {
    if (from[lang] !== undefined) into[lang] = from[lang];
    return;
  }
  if (Array.isArray(into) && Array.isArray(from)) {
    into.forEach((x, i) => copyLanguage(x, from[i], lang));
    return;
  }
  if (typeof into === "object" && into !== null && typeof from === "object" && from !== null)
    for (const [k, v] of Object.entries(into)) copyLanguage(v, (from as Record<string, unknown>)[k], lang);
}

/** Removes every language not in `keep` from every text (in place). */
export function keepLanguages(value: unknown, keep: readonly Lang[]): void {
  if (isText(value)) {
    for (const k of Object.keys(value) as Lang[]) if (!keep.includes(k)) delete value[k];
    return;
  }
  if (Array.isArray(value)) value.forEach((x) => keepLanguages(x, keep));
  else if (typeof value === "object" && value !== null) Object.values(value).forEach((x) => keepLanguages(x, keep));
}

/** The layouts a memorandum in `count` languages can have; the first is the default. */
export function layoutsFor(count: number): Layout[] {
  return count > 1 ? ["parallel", "sequential"] : ["single"];
}

/** The template `base` in `languages` (kept in the order kk, ru, en) with `layout`. */
export function compose(
  base: TemplateSource,
  all: readonly TemplateSource[],
  languages: readonly Lang[],
  layout: Layout,
): MemoDoc {
  const chosen = LANGS.filter((l) => languages.includes(l));
  const doc = structuredClone(base.doc);
  const sources = siblings(base, all);
  for (const lang of chosen) {
    if (doc.languages.includes(lang)) continue;
    const source = sources.find((t) => t.doc.languages.includes(lang));
    if (source) copyLanguage(doc, source.doc, lang);
  }
  keepLanguages(doc, chosen);
  doc.languages = chosen;
  doc.layout = layoutsFor(chosen.length).includes(layout) ? layout : (layoutsFor(chosen.length)[0] as Layout);
  return doc;
}
