// The structural edits the panels call (memo/edits.ts), on a real template document.
import { describe, expect, it } from "vitest";
import kkRu from "../../../../crates/core/templates/state-ngo-kk-ru.json?raw";
import { apply } from "./edits";
import { parseDoc, type MemoDoc } from "./types";

const template = (): MemoDoc => parseDoc(kkRu);

describe("structural edits", () => {
  it("answer a new document and leave the one given as it was", async () => {
    const before = template();
    const copy = structuredClone(before);
    const after = await apply(before, { op: "add_party", kind: "state_body" });
    expect(before).toEqual(copy);
    expect(after).not.toBe(before);
  });

  it("add a party with an id of its own, empty texts in every language and one signatory", async () => {
    let d = template();
    d = await apply(d, { op: "add_party", kind: "state_body" });
    d = await apply(d, { op: "add_party", kind: "ngo" });
    const ids = d.parties.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const added = d.parties[d.parties.length - 1];
    expect(added?.kind).toBe("ngo");
    expect(added?.name).toEqual({ kk: "", ru: "" });
    expect(added?.signatories).toHaveLength(1);
  });

  it("move, remove parties and signatories by their place", async () => {
    let d = template();
    const [first, second] = d.parties.map((p) => p.id);
    d = await apply(d, { op: "move_party", party: 0, by: 1 });
    expect(d.parties.map((p) => p.id)).toEqual([second, first]);
    d = await apply(d, { op: "move_party", party: 0, by: -1 });
    expect(d.parties.map((p) => p.id)).toEqual([second, first]);
    d = await apply(d, { op: "add_signatory", party: 0 });
    d = await apply(d, { op: "add_signatory", party: 0 });
    const signatories = d.parties[0]?.signatories.map((s) => s.id) ?? [];
    expect(signatories).toHaveLength(3);
    expect(new Set(signatories).size).toBe(3);
    d = await apply(d, { op: "remove_signatory", party: 0, signatory: 1 });
    expect(d.parties[0]?.signatories.map((s) => s.id)).toEqual([signatories[0], signatories[2]]);
    d = await apply(d, { op: "remove_party", party: 1 });
    expect(d.parties.map((p) => p.id)).toEqual([second]);
  });

  it("add annexes of clauses or a table, move and remove them", async () => {
    let d = template();
    d = await apply(d, { op: "add_annex", content: "table" });
    d = await apply(d, { op: "add_annex", content: "clauses" });
    expect(d.annexes?.map((a) => Object.keys(a.content)[0])).toEqual(["table", "clauses"]);
    expect(d.annexes?.[0]?.content).toEqual({ table: { columns: [{ heading: { kk: "", ru: "" }, width: 1 }], rows: [[{ kk: "", ru: "" }]] } });
    d = await apply(d, { op: "move_annex", annex: 1, by: -1 });
    expect(d.annexes?.map((a) => Object.keys(a.content)[0])).toEqual(["clauses", "table"]);
    d = await apply(d, { op: "remove_annex", annex: 0 });
    expect(d.annexes).toHaveLength(1);
  });

  it("add a language: every text, cells and authority grounds too, starts as the first language's", async () => {
    let d = template();
    d = await apply(d, { op: "add_annex", content: "table" });
    const cell = d.annexes?.[0]?.content;
    if (cell && "table" in cell) cell.table.rows = [[{ kk: "Іс-шара", ru: "Мероприятие" }]];
    const signatory = d.parties[0]?.signatories[0];
    if (signatory) signatory.authority = { kind: "other", text: { kk: "Бұйрық", ru: "Приказ" } };
    d.variables = { kk: { kk: "айнымалы", ru: "переменная" } };
    d = await apply(d, { op: "add_language", language: "en" });
    expect(d.languages).toEqual(["kk", "ru", "en"]);
    expect(d.title.en).toBe(d.title.kk);
    expect(d.sections[0]?.clauses[0]?.text.en).toBe(d.sections[0]?.clauses[0]?.text.kk);
    const table = d.annexes?.[0]?.content;
    expect(table && "table" in table ? table.table.rows[0]?.[0] : null).toEqual({ kk: "Іс-шара", ru: "Мероприятие", en: "Іс-шара" });
    expect(d.parties[0]?.signatories[0]?.authority).toEqual({ kind: "other", text: { kk: "Бұйрық", ru: "Приказ", en: "Бұйрық" } });
    // A variable named like a language is a name, not a text.
    expect(Object.keys(d.variables ?? {})).toEqual(["kk"]);
    expect(d.variables?.kk?.en).toBe("айнымалы");
  });

  it("remove a language from every text, never the last one", async () => {
    let d = template();
    d = await apply(d, { op: "remove_language", language: "kk" });
    expect(d.languages).toEqual(["ru"]);
    expect(Object.keys(d.title)).toEqual(["ru"]);
    expect(JSON.stringify(d)).not.toContain('"kk"');
    const last = await apply(d, { op: "remove_language", language: "ru" });
    expect(last.languages).toEqual(["ru"]);
  });
});
