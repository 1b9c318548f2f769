// The structural edits of a memorandum: parties, signatories, annexes, annex tables' rows and
// columns, languages. The panels
// name what they edit by its place on screen (`Op`); this file turns that into Rust's edit
// operations (`EditDto`, by id) and asks `edit_document`, the one home of the rules: Rust chooses
// the ids, copies the texts into a new language, and validates the result.
import type { MemoDoc, Lang, PartyKind, Text } from "./types";
import { ipc, KelisimError, type EditDto } from "../ipc";

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
  | { op: "add_row"; annex: number }
  | { op: "remove_row"; annex: number; row: number }
  | { op: "move_row"; annex: number; row: number; by: -1 | 1 }
  | { op: "add_column"; annex: number }
  | { op: "remove_column"; annex: number; column: number }
  | { op: "add_language"; language: Lang }
  | { op: "remove_language"; language: Lang };

/** Applies `op` to `doc` through Rust; the answer is a new document. Throws a `KelisimError`
 * (with every problem and its path) when Rust refuses the edit or the result. */
export async function apply(doc: MemoDoc, op: Op): Promise<MemoDoc> {
  const edit = toEdit(doc, op);
  if (!edit) return doc;
  const edited = await ipc.editDocument(JSON.stringify(doc), [edit]);
  // A refusal leaves the document as it was; problems of an edited document that is still
  // incomplete (a name to fill in) are the editor's ordinary validation, not a failure.
  if (edited.refused) {
    const first = edited.problems[0];
    throw new KelisimError("validation_failed", first?.message ?? "the edit was refused", edited.problems);
  }
  return edited.document;
}

/** A new text is not empty (Rust refuses empty texts): a line to fill by hand, in every language. */
export const BLANK = "________";

const blank = (d: MemoDoc): Text => Object.fromEntries(d.languages.map((l) => [l, BLANK])) as Text;
const blankSignatory = (d: MemoDoc) => ({ id: "", name: blank(d), position: blank(d) });

/** The edit `op` means on `d`, by id; null when its place names nothing (a stale click). */
export function toEdit(d: MemoDoc, op: Op): EditDto | null {
  const annexes = d.annexes ?? [];
  switch (op.op) {
    case "add_party":
      return { op: "add_party", party: { id: "", kind: op.kind, name: blank(d), signatories: [blankSignatory(d)] }, at: null };
    case "remove_party": {
      const party = d.parties[op.party];
      return party ? { op: "remove_party", id: party.id } : null;
    }
    case "move_party": {
      const party = d.parties[op.party];
      const to = op.party + op.by;
      return party && to >= 0 && to < d.parties.length ? { op: "move_party", id: party.id, to } : null;
    }
    case "add_signatory": {
      const party = d.parties[op.party];
      return party ? { op: "add_signatory", party: party.id, signatory: blankSignatory(d), at: null } : null;
    }
    case "remove_signatory": {
      const party = d.parties[op.party];
      const signatory = party?.signatories[op.signatory];
      return party && signatory ? { op: "remove_signatory", party: party.id, id: signatory.id } : null;
    }
    case "add_annex":
      return { op: "add_annex", annex: newAnnex(d, op.content), at: null };
    case "remove_annex": {
      const annex = annexes[op.annex];
      return annex ? { op: "remove_annex", id: annex.id } : null;
    }
    case "move_annex": {
      const annex = annexes[op.annex];
      const to = op.annex + op.by;
      return annex && to >= 0 && to < annexes.length ? { op: "move_annex", id: annex.id, to } : null;
    }
    case "add_row":
    case "remove_row":
    case "move_row":
    case "add_column":
    case "remove_column":
      return tableEdit(d, op);
    case "add_language":
      return { op: "add_language", language: op.language, copyFrom: null };
    case "remove_language":
      return { op: "remove_language", language: op.language };
  }
}

type TableOp = Extract<Op, { op: "add_row" | "remove_row" | "move_row" | "add_column" | "remove_column" }>;

/** A table edit by the annex's id; null when the annex is gone or holds clauses. Rust checks the
 * row and column numbers (and refuses removing the last column). */
function tableEdit(d: MemoDoc, op: TableOp): EditDto | null {
  const annex = (d.annexes ?? [])[op.annex];
  if (!annex || !("table" in annex.content)) return null;
  const table = annex.content.table;
  const id = annex.id;
  switch (op.op) {
    case "add_row":
      return { op: "add_row", annex: id, row: table.columns.map(() => emptyCell(d)), at: null };
    case "remove_row":
      return { op: "remove_row", annex: id, index: op.row };
    case "move_row": {
      const to = op.row + op.by;
      return to >= 0 && to < table.rows.length ? { op: "move_row", annex: id, index: op.row, to } : null;
    }
    case "add_column":
      // A heading to fill, as a new annex's; Rust gives every row an empty cell in it.
      return { op: "add_column", annex: id, column: { heading: blank(d), width: 1 }, cells: null, at: null };
    case "remove_column":
      return { op: "remove_column", annex: id, index: op.column };
  }
}

/** An empty cell or heading, in every language (the validator names each one to fill). */
const emptyCell = (d: MemoDoc): Text => Object.fromEntries(d.languages.map((l) => [l, ""])) as Text;

function newAnnex(d: MemoDoc, content: "clauses" | "table") {
  const cell = Object.fromEntries(d.languages.map((l) => [l, ""]));
  return {
    id: "",
    title: blank(d),
    content:
      content === "clauses"
        ? { clauses: [{ text: blank(d) }] }
        : { table: { columns: [{ heading: blank(d), width: 1 }], rows: [[cell]] } },
  };
}
