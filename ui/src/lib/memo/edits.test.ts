// The structural edits the panels call (memo/edits.ts): what they ask Rust's `edit_document`
// (by id, on a real template document) and what they do with its answer. Only Tauri's IPC is
// faked, at the door; the rules themselves are tested in Rust (crates/core/src/edit/tests.rs).
import { afterEach, describe, expect, it } from "vitest";
import kkRu from "../../../../crates/core/templates/state-ngo-kk-ru.json?raw";
import { fakeShell, removeFakeShell } from "../ipc/testing";
import { KelisimError } from "../ipc";
import { apply, BLANK, toEdit } from "./edits";
import { parseDoc, type MemoDoc } from "./types";

const template = (): MemoDoc => parseDoc(kkRu);

afterEach(() => removeFakeShell());

describe("structural edits through edit_document", () => {
  it("send the document and the edit, and answer Rust's document", async () => {
    const d = template();
    const answered = { ...template(), title: { kk: "Жаңа", ru: "Новый" } };
    const calls = fakeShell(() => ({ document: answered, needsTranslation: [], problems: [], refused: false }));
    const after = await apply(d, { op: "remove_party", party: 1 });
    expect(after).toEqual(answered);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.cmd).toBe("edit_document");
    const args = calls[0]?.args as { document: string; edits: unknown[] };
    expect(JSON.parse(args.document)).toEqual(d);
    expect(args.edits).toEqual([{ op: "remove_party", id: d.parties[1]?.id }]);
  });

  it("throw every refusal Rust reports, leaving the document to the caller", async () => {
    const problem = { path: "parties", code: "bad_position", message: "no such position", params: {} };
    fakeShell(() => ({ document: template(), needsTranslation: [], problems: [problem], refused: true }));
    const error = await apply(template(), { op: "add_party", kind: "ngo" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KelisimError);
    expect((error as KelisimError).code).toBe("validation_failed");
    expect((error as KelisimError).problems).toEqual([problem]);
  });

  it("answer an edited document that still has problems (a name to fill in) without throwing", async () => {
    const answered = template();
    const problem = { path: "parties[0].bin", code: "bad_bin", message: "bad BIN", params: {} };
    fakeShell(() => ({ document: answered, needsTranslation: [], problems: [problem], refused: false }));
    expect(await apply(template(), { op: "add_language", language: "en" })).toEqual(answered);
  });

  it("ask nothing when the place clicked names nothing", async () => {
    const calls = fakeShell(() => {
      throw new Error("not asked");
    });
    const d = template();
    expect(await apply(d, { op: "move_party", party: 0, by: -1 })).toBe(d);
    expect(await apply(d, { op: "remove_annex", annex: 5 })).toBe(d);
    expect(calls).toHaveLength(0);
  });
});

describe("the edit an operation means", () => {
  it("names parties, signatories and annexes by id, moves by target place", () => {
    const d = template();
    d.annexes = [
      { id: "plan", title: { kk: "Жоспар", ru: "План" }, content: { clauses: [{ text: { kk: "А", ru: "А" } }] } },
      { id: "budget", title: { kk: "Смета", ru: "Смета" }, content: { clauses: [{ text: { kk: "Б", ru: "Б" } }] } },
    ];
    const [first, second] = d.parties;
    expect(toEdit(d, { op: "move_party", party: 0, by: 1 })).toEqual({ op: "move_party", id: first?.id, to: 1 });
    expect(toEdit(d, { op: "move_party", party: 1, by: 1 })).toBeNull();
    expect(toEdit(d, { op: "remove_signatory", party: 1, signatory: 0 })).toEqual({ op: "remove_signatory", party: second?.id, id: second?.signatories[0]?.id });
    expect(toEdit(d, { op: "move_annex", annex: 1, by: -1 })).toEqual({ op: "move_annex", id: "budget", to: 0 });
    expect(toEdit(d, { op: "remove_annex", annex: 0 })).toEqual({ op: "remove_annex", id: "plan" });
  });

  it("adds with an empty id (Rust chooses it) and a line to fill in every language", () => {
    const d = template();
    const line = { kk: BLANK, ru: BLANK };
    expect(toEdit(d, { op: "add_party", kind: "ngo" })).toEqual({
      op: "add_party",
      party: { id: "", kind: "ngo", name: line, signatories: [{ id: "", name: line, position: line }] },
      at: null,
    });
    expect(toEdit(d, { op: "add_signatory", party: 0 })).toEqual({ op: "add_signatory", party: d.parties[0]?.id, signatory: { id: "", name: line, position: line }, at: null });
    expect(toEdit(d, { op: "add_annex", content: "table" })).toEqual({
      op: "add_annex",
      annex: { id: "", title: line, content: { table: { columns: [{ heading: line, width: 1 }], rows: [[{ kk: "", ru: "" }]] } } },
      at: null,
    });
  });

  it("names a table's annex by id and its rows and columns by index", () => {
    const d = template();
    const cell = (kk: string) => ({ kk, ru: kk });
    d.annexes = [
      { id: "plan", title: cell("Жоспар"), content: { clauses: [{ text: cell("А") }] } },
      { id: "budget", title: cell("Смета"), content: { table: { columns: [{ heading: cell("А"), width: 1 }, { heading: cell("Б"), width: 2 }], rows: [[cell("1"), cell("2")], [cell("3"), cell("4")]] } } },
    ];
    const empty = { kk: "", ru: "" };
    expect(toEdit(d, { op: "add_row", annex: 1 })).toEqual({ op: "add_row", annex: "budget", row: [empty, empty], at: null });
    expect(toEdit(d, { op: "remove_row", annex: 1, row: 1 })).toEqual({ op: "remove_row", annex: "budget", index: 1 });
    expect(toEdit(d, { op: "move_row", annex: 1, row: 1, by: -1 })).toEqual({ op: "move_row", annex: "budget", index: 1, to: 0 });
    expect(toEdit(d, { op: "move_row", annex: 1, row: 1, by: 1 })).toBeNull();
    expect(toEdit(d, { op: "add_column", annex: 1 })).toEqual({ op: "add_column", annex: "budget", column: { heading: { kk: BLANK, ru: BLANK }, width: 1 }, cells: null, at: null });
    expect(toEdit(d, { op: "remove_column", annex: 1, column: 0 })).toEqual({ op: "remove_column", annex: "budget", index: 0 });
    // An annex of clauses, or none: nothing to ask.
    expect(toEdit(d, { op: "add_row", annex: 0 })).toBeNull();
    expect(toEdit(d, { op: "add_column", annex: 4 })).toBeNull();
  });

  it("leaves copying a new language to Rust", () => {
    const d = template();
    expect(toEdit(d, { op: "add_language", language: "en" })).toEqual({ op: "add_language", language: "en", copyFrom: null });
    expect(toEdit(d, { op: "remove_language", language: "kk" })).toEqual({ op: "remove_language", language: "kk" });
  });
});
