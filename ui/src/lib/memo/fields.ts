// Setting one language of a text in the document; an optional text whose every language is
// empty is removed (absent, as the format wants it, rather than present and empty).
import type { Lang, Text } from "./types";

/** Sets `lang` of the optional text `owner[key]`, removing the text when nothing is left. */
export function setOptional<K extends string>(
  owner: { [key in K]?: Text | null },
  key: K,
  lang: Lang,
  value: string,
): void {
  const text: Text = { ...(owner[key] ?? {}), [lang]: value };
  if (Object.values(text).every((v) => (v ?? "") === "")) delete owner[key];
  else owner[key] = text;
}
