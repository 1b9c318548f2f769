import { describe, expect, it } from "vitest";
import {
  addClauseAfter,
  addSection,
  clauseJsonPath,
  deleteClause,
  deleteSection,
  flatten,
  indentClause,
  moveClause,
  moveClauseTo,
  moveSectionTo,
  outdentClause,
} from "./outline";
import type { MemoDoc } from "./types";

function doc(): MemoDoc {
  const t = (s: string) => ({ kk: `${s}-kk`, ru: `${s}-ru` });
  return {
    format: "kelisim.memorandum/1",
    languages: ["kk", "ru"],
    layout: "parallel",
    title: t("title"),
    place: t("place"),
    date: "2026-10-06",
    parties: [],
    preamble: t("pre"),
    sections: [
      { heading: t("s1"), clauses: [{ text: t("a") }, { text: t("b") }, { text: t("c") }] },
      { heading: t("s2"), clauses: [{ text: t("d") }] },
    ],
  };
}

// Each clause as «its outline path (0-based): its Russian text».
const texts = (d: MemoDoc) => flatten(d).map(({ path, clause }) => `${path.join(".")}:${clause.text.ru}`);

describe("outline operations", () => {
  it("adds an empty clause after the current one in every language", () => {
    const { doc: d, path } = addClauseAfter(doc(), [0, 0]);
    expect(path).toEqual([0, 1]);
    expect(d.sections[0]?.clauses[1]?.text).toEqual({ kk: "", ru: "" });
    expect(texts(d)).toEqual(["0.0:a-ru", "0.1:", "0.2:b-ru", "0.3:c-ru", "1.0:d-ru"]);
  });

  it("indents under the previous clause and renumbers, and outdents back", () => {
    const { doc: d, path } = indentClause(doc(), [0, 1]);
    expect(path).toEqual([0, 0, 0]);
    expect(texts(d)).toEqual(["0.0:a-ru", "0.0.0:b-ru", "0.1:c-ru", "1.0:d-ru"]);
    const back = outdentClause(d, path);
    expect(back.path).toEqual([0, 1]);
    expect(texts(back.doc)).toEqual(texts(doc()));
    expect(back.doc.sections[0]?.clauses[0]?.clauses).toBeUndefined();
  });

  it("does not indent the first clause or outdent a top-level one", () => {
    const original = doc();
    expect(indentClause(original, [0, 0]).doc).toBe(original);
    expect(outdentClause(original, [0, 1]).doc).toBe(original);
  });

  it("moves clauses within their list and stops at the ends", () => {
    const { doc: d, path } = moveClause(doc(), [0, 2], -1);
    expect(path).toEqual([0, 1]);
    expect(texts(d)).toEqual(["0.0:a-ru", "0.1:c-ru", "0.2:b-ru", "1.0:d-ru"]);
    const original = doc();
    expect(moveClause(original, [0, 0], -1).doc).toBe(original);
  });

  it("deletes clauses and sections but keeps at least one section", () => {
    expect(texts(deleteClause(doc(), [0, 1]))).toEqual(["0.0:a-ru", "0.1:c-ru", "1.0:d-ru"]);
    const one = deleteSection(doc(), 0);
    expect(one.sections).toHaveLength(1);
    expect(deleteSection(one, 0)).toBe(one);
    expect(addSection(doc()).sections).toHaveLength(3);
  });

  it("never changes the document it was given", () => {
    const original = doc();
    const snapshot = JSON.stringify(original);
    indentClause(original, [0, 1]);
    addClauseAfter(original, [0, 0]);
    deleteClause(original, [1, 0]);
    expect(JSON.stringify(original)).toBe(snapshot);
  });

  it("writes JSON paths the way the validator does", () => {
    expect(clauseJsonPath([1, 0])).toBe("sections[1].clauses[0].text");
    expect(clauseJsonPath([0, 2, 1])).toBe("sections[0].clauses[2].clauses[1].text");
  });
});

describe("drag and drop in the outline", () => {
  const headings = (d: MemoDoc) => d.sections.map((s) => s.heading.ru);

  it("drops a clause before or after another one in the same list, renumbering", () => {
    const after = moveClauseTo(doc(), [0, 0], [0, 2], "after");
    expect(after.path).toEqual([0, 2]);
    expect(texts(after.doc)).toEqual(["0.0:b-ru", "0.1:c-ru", "0.2:a-ru", "1.0:d-ru"]);
    const before = moveClauseTo(doc(), [0, 2], [0, 0], "before");
    expect(before.path).toEqual([0, 0]);
    expect(texts(before.doc)).toEqual(["0.0:c-ru", "0.1:a-ru", "0.2:b-ru", "1.0:d-ru"]);
  });

  it("moves a clause with its sub-clauses into another section and level", () => {
    const nested = indentClause(doc(), [0, 1]).doc; // b under a
    const { doc: d, path } = moveClauseTo(nested, [0, 0], [1, 0], "after");
    expect(path).toEqual([1, 1]);
    expect(texts(d)).toEqual(["0.0:c-ru", "1.0:d-ru", "1.1:a-ru", "1.1.0:b-ru"]);
    const deeper = moveClauseTo(d, [0, 0], [1, 1, 0], "before");
    expect(deeper.path).toEqual([1, 1, 0]);
    expect(texts(deeper.doc)).toEqual(["1.0:d-ru", "1.1:a-ru", "1.1.0:c-ru", "1.1.1:b-ru"]);
  });

  it("appends a clause dropped on a section", () => {
    const { doc: d, path } = moveClauseTo(doc(), [0, 1], [1], "after");
    expect(path).toEqual([1, 1]);
    expect(texts(d)).toEqual(["0.0:a-ru", "0.1:c-ru", "1.0:d-ru", "1.1:b-ru"]);
  });

  it("refuses a drop on the clause itself or inside its own sub-clauses", () => {
    const nested = indentClause(doc(), [0, 1]).doc;
    expect(moveClauseTo(nested, [0, 0], [0, 0], "after").doc).toBe(nested);
    expect(moveClauseTo(nested, [0, 0], [0, 0, 0], "after").doc).toBe(nested);
    expect(moveClauseTo(nested, [0, 9], [0, 0], "after").doc).toBe(nested);
  });

  it("reorders sections", () => {
    const three = addSection(doc());
    three.sections[2]!.heading.ru = "s3-ru";
    expect(headings(moveSectionTo(three, 0, 2, "after").doc)).toEqual(["s2-ru", "s3-ru", "s1-ru"]);
    expect(moveSectionTo(three, 0, 2, "after").index).toBe(2);
    expect(headings(moveSectionTo(three, 2, 0, "before").doc)).toEqual(["s3-ru", "s1-ru", "s2-ru"]);
    expect(headings(moveSectionTo(three, 0, 2, "before").doc)).toEqual(["s2-ru", "s1-ru", "s3-ru"]);
    expect(moveSectionTo(three, 1, 1, "after").doc).toBe(three);
  });
});
