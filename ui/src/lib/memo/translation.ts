// "Check the translation": a clause changed in one language since the last revision while its
// other languages are unchanged.
import type { MemoDoc } from "./types";
import { flatten } from "./outline";

export function untranslatedChanges(saved: MemoDoc | null, current: MemoDoc): Set<string> {
  const flagged = new Set<string>();
  if (!saved || current.languages.length < 2) return flagged;
  const before = new Map(flatten(saved).map(({ path, clause }) => [path.join("."), clause.text]));
  for (const { path, clause } of flatten(current)) {
    const old = before.get(path.join("."));
    if (!old) continue;
    const changed = current.languages.filter((l) => (old[l] ?? "") !== (clause.text[l] ?? ""));
    if (changed.length > 0 && changed.length < current.languages.length) flagged.add(path.join("."));
  }
  return flagged;
}
