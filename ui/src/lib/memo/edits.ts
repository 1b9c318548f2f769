// The structural edits of a memorandum: parties, signatories, annexes, languages. The panels call
// only these, so that moving them to Rust's `edit_document` (which generates ids and copies
// translations, the one home of those rules) changes this one file.
//
// Until `edit_document` lands they are done here on a copy of the document, as plainly as
// possible; whatever they leave incomplete (an empty name, a missing translation) is reported by
// Rust's validation like any other typing.
import type { MemoDoc, Lang, Party, PartyKind, Signatory, Text } from "./types";
import type { DocAnnex } from "../ipc";

/** A structural edit, always answering a new document (the one given is left as it was). */
export type Op =
  | { op: "add_party"; kind: PartyKind }
  | { op: "remove_party"; party: number }
  | { op: "move_party"; party: number; by: -1 | 1 }
  | { op: "add_signatory"; party: number }
  | { op: "remove_signatory"; party: number; signatory: number }
  | { op: "add_annex"; content: "clauses" | "table" }
  | { op: "remove_annex"; annex: number }
  | { op: "move_annex"; annex: number; by: -1 | 1 }
  | { op: "add_language"; language: Lang }
  | { op: "remove_language"; language: Lang };

/** Applies `op` to `doc`; the answer is a new document. */
export async function apply(doc: MemoDoc, op: Op): Promise<MemoDoc> {
  const next = structuredClone(doc);
  applyLocally(next, op);
  return next;
}

function applyLocally(d: MemoDoc, op: Op): void {
  switch (op.op) {
    case "add_party":
      d.parties.push(newParty(d, op.kind));
      return;
    case "remove_party":
      d.parties.splice(op.party, 1);
      return;
    case "move_party":
      move(d.parties, op.party, op.by);
      return;
    case "add_signatory": {
      const party = d.parties[op.party];
      if (party) party.signatories.push(newSignatory(d, party));
      return;
    }
    case "remove_signatory":
      d.parties[op.party]?.signatories.splice(op.signatory, 1);
      return;
    case "add_annex":
      (d.annexes ??= []).push(newAnnex(d, op.content));
      return;
    case "remove_annex":
      d.annexes?.splice(op.annex, 1);
      return;
    case "move_annex":
      if (d.annexes) move(d.annexes, op.annex, op.by);
      return;
    case "add_language":
      addLanguage(d, op.language);
      return;
    case "remove_language":
      removeLanguage(d, op.language);
      return;
  }
}

function move<T>(list: T[], index: number, by: -1 | 1): void {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return;
  const [item] = list.splice(index, 1) as [T];
  list.splice(to, 0, item);
}

const empty = (d: MemoDoc): Text => Object.fromEntries(d.languages.map((l) => [l, ""])) as Text;

/** `base`, or `base-2`, `base-3`… the first not in `taken`. */
function freshId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

function newParty(d: MemoDoc, kind: PartyKind): Party {
  const id = freshId("party", d.parties.map((p) => p.id));
  return { id, kind, name: empty(d), signatories: [{ id: "signatory", name: empty(d), position: empty(d) }] };
}

function newSignatory(d: MemoDoc, party: Party): Signatory {
  const id = freshId("signatory", party.signatories.map((s) => s.id));
  return { id, name: empty(d), position: empty(d) };
}

function newAnnex(d: MemoDoc, content: "clauses" | "table"): DocAnnex {
  const id = freshId("annex", (d.annexes ?? []).map((a) => a.id));
  return {
    id,
    title: empty(d),
    content:
      content === "clauses"
        ? { clauses: [{ text: empty(d) }] }
        : { table: { columns: [{ heading: empty(d), width: 1 }], rows: [[empty(d)]] } },
  };
}

/** Every per-language text of the document (title, names, clauses, cells…): the objects whose
 * keys are languages of the document and whose values are strings. */
function texts(value: unknown, languages: Lang[], found: Text[] = []): Text[] {
  if (Array.isArray(value)) {
    for (const item of value) texts(item, languages, found);
  } else if (value && typeof value === "object") {
    const entries = Object.entries(value);
    const isText =
      entries.length > 0 &&
      entries.every(([k, v]) => languages.includes(k as Lang) && typeof v === "string");
    if (isText) found.push(value as Text);
    else for (const [, v] of entries) texts(v, languages, found);
  }
  return found;
}

function addLanguage(d: MemoDoc, language: Lang): void {
  if (d.languages.includes(language)) return;
  const first = d.languages[0];
  for (const text of texts(d, d.languages)) text[language] = first ? (text[first] ?? "") : "";
  d.languages.push(language);
}

function removeLanguage(d: MemoDoc, language: Lang): void {
  if (!d.languages.includes(language) || d.languages.length < 2) return;
  for (const text of texts(d, d.languages)) delete text[language];
  d.languages = d.languages.filter((l) => l !== language);
}
