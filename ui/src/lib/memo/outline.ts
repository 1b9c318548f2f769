// Outline operations on sections and clauses, as pure functions that return a new document.
// A clause is addressed by its path: [section, clause, sub-clause, …] (0-based), the same order
// as the JSON path `sections[s].clauses[c].clauses[d]`. Numbering is computed, never stored.

import type { Clause, MemoDoc, Section, Text } from "./types";

export type Path = readonly number[];

function emptyText(doc: MemoDoc): Text {
  return Object.fromEntries(doc.languages.map((l) => [l, ""])) as Text;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The list that holds the clause at `path`, and its index there. */
function locate(doc: MemoDoc, path: Path): { list: Clause[]; index: number } | null {
  const [s, ...rest] = path;
  const section = s === undefined ? undefined : doc.sections[s];
  if (!section || rest.length === 0) return null;
  let list = section.clauses;
  for (let depth = 0; depth < rest.length - 1; depth++) {
    const clause = list[rest[depth] as number];
    if (!clause) return null;
    clause.clauses ??= [];
    list = clause.clauses;
  }
  const index = rest[rest.length - 1] as number;
  return index >= 0 && index <= list.length ? { list, index } : null;
}

function tidy(clause: Clause): void {
  if (clause.clauses && clause.clauses.length === 0) delete clause.clauses;
}

function tidyAll(doc: MemoDoc): MemoDoc {
  const walk = (list: Clause[]) => {
    for (const c of list) {
      if (c.clauses) walk(c.clauses);
      tidy(c);
    }
  };
  for (const s of doc.sections) walk(s.clauses);
  return doc;
}

/** Inserts an empty clause after `path` (or as the first clause of section `path[0]`). */
export function addClauseAfter(doc: MemoDoc, path: Path): { doc: MemoDoc; path: number[] } {
  const next = clone(doc);
  if (path.length === 1) {
    const section = next.sections[path[0] as number];
    if (!section) return { doc, path: [...path] };
    section.clauses.unshift({ text: emptyText(next) });
    return { doc: next, path: [path[0] as number, 0] };
  }
  const at = locate(next, path);
  if (!at) return { doc, path: [...path] };
  at.list.splice(at.index + 1, 0, { text: emptyText(next) });
  return { doc: next, path: [...path.slice(0, -1), at.index + 1] };
}

export function deleteClause(doc: MemoDoc, path: Path): MemoDoc {
  const next = clone(doc);
  const at = locate(next, path);
  if (!at || !at.list[at.index]) return doc;
  at.list.splice(at.index, 1);
  return tidyAll(next);
}

/** Moves a clause up or down among its siblings. */
export function moveClause(doc: MemoDoc, path: Path, delta: -1 | 1): { doc: MemoDoc; path: number[] } {
  const next = clone(doc);
  const at = locate(next, path);
  const target = at ? at.index + delta : -1;
  if (!at || target < 0 || target >= at.list.length) return { doc, path: [...path] };
  const [moved] = at.list.splice(at.index, 1);
  if (!moved) return { doc, path: [...path] };
  at.list.splice(target, 0, moved);
  return { doc: next, path: [...path.slice(0, -1), target] };
}

/** Makes a clause the last sub-clause of the clause before it. */
export function indentClause(doc: MemoDoc, path: Path): { doc: MemoDoc; path: number[] } {
  const next = clone(doc);
  const at = locate(next, path);
  if (!at || at.index === 0) return { doc, path: [...path] };
  const parent = at.list[at.index - 1];
  const [moved] = at.list.splice(at.index, 1);
  if (!parent || !moved) return { doc, path: [...path] };
  parent.clauses ??= [];
  parent.clauses.push(moved);
  return { doc: tidyAll(next), path: [...path.slice(0, -1), at.index - 1, parent.clauses.length - 1] };
}

/** Makes a sub-clause the next sibling of its parent. */
export function outdentClause(doc: MemoDoc, path: Path): { doc: MemoDoc; path: number[] } {
  if (path.length < 3) return { doc, path: [...path] };
  const next = clone(doc);
  const at = locate(next, path);
  const parentAt = locate(next, path.slice(0, -1));
  if (!at || !parentAt) return { doc, path: [...path] };
  const [moved] = at.list.splice(at.index, 1);
  if (!moved) return { doc, path: [...path] };
  parentAt.list.splice(parentAt.index + 1, 0, moved);
  return { doc: tidyAll(next), path: [...path.slice(0, -2), parentAt.index + 1] };
}

export function addSection(doc: MemoDoc): MemoDoc {
  const next = clone(doc);
  const section: Section = { heading: emptyText(next), clauses: [{ text: emptyText(next) }] };
  next.sections.push(section);
  return next;
}

export function deleteSection(doc: MemoDoc, index: number): MemoDoc {
  if (doc.sections.length <= 1 || !doc.sections[index]) return doc;
  const next = clone(doc);
  next.sections.splice(index, 1);
  return next;
}

/** Every clause with its path, depth first. */
export function flatten(doc: MemoDoc): { path: number[]; clause: Clause }[] {
  const out: { path: number[]; clause: Clause }[] = [];
  const walk = (list: Clause[], prefix: number[]) =>
    list.forEach((clause, i) => {
      const path = [...prefix, i];
      out.push({ path, clause });
      if (clause.clauses) walk(clause.clauses, path);
    });
  doc.sections.forEach((s, i) => walk(s.clauses, [i]));
  return out;
}

/** The JSON path of a clause's text, as the Rust validator writes it. */
export function clauseJsonPath(path: Path): string {
  const [s, ...rest] = path;
  return `sections[${s}]` + rest.map((i) => `.clauses[${i}]`).join("") + ".text";
}

/** Where a dragged item lands relative to the item it is dropped on. */
export type Drop = "before" | "after";

/** The path of `target` (found by identity) in `doc`, or null. */
function pathOf(doc: MemoDoc, target: Clause): number[] | null {
  const found = flatten(doc).find((c) => c.clause === target);
  return found ? found.path : null;
}

/** Moves the clause at `from` (with its sub-clauses) before or after the clause at `to`, at
 * any level and in any section: the drag-and-drop of the outline. `to` may also be a section
 * (`[s]`), then the clause becomes that section's last clause. A clause cannot be dropped on
 * itself or into its own sub-clauses. Returns the clause's new path. */
export function moveClauseTo(doc: MemoDoc, from: Path, to: Path, where: Drop): { doc: MemoDoc; path: number[] } {
  const unchanged = { doc, path: [...from] };
  if (from.length < 2) return unchanged;
  if (to.length >= from.length && from.every((x, i) => to[i] === x)) return unchanged;
  const next = clone(doc);
  const at = locate(next, from);
  const moved = at?.list[at.index];
  if (!at || !moved) return unchanged;
  let anchor: Clause | undefined;
  if (to.length >= 2) {
    const target = locate(next, to);
    anchor = target?.list[target.index];
    if (!anchor) return unchanged;
  } else if (!next.sections[to[0] as number]) return unchanged;
  at.list.splice(at.index, 1);
  if (anchor) {
    const anchorPath = pathOf(next, anchor);
    const place = anchorPath && locate(next, anchorPath);
    if (!place) return unchanged;
    place.list.splice(place.index + (where === "after" ? 1 : 0), 0, moved);
  } else {
    next.sections[to[0] as number]?.clauses.push(moved);
  }
  tidyAll(next);
  const path = pathOf(next, moved);
  return path ? { doc: next, path } : unchanged;
}

/** Moves section `from` before or after section `to`; returns its new index. */
export function moveSectionTo(doc: MemoDoc, from: number, to: number, where: Drop): { doc: MemoDoc; index: number } {
  const n = doc.sections.length;
  if (from === to || from < 0 || to < 0 || from >= n || to >= n) return { doc, index: from };
  const next = clone(doc);
  const [moved] = next.sections.splice(from, 1);
  if (!moved) return { doc, index: from };
  const anchor = to > from ? to - 1 : to;
  const index = anchor + (where === "after" ? 1 : 0);
  next.sections.splice(index, 0, moved);
  return { doc: next, index };
}
