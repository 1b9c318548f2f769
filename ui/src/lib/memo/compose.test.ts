// Composing a new memorandum from the real built-in templates (the files the Rust core embeds).
import { describe, expect, it } from "vitest";
import kkRu from "../../../../crates/core/templates/state-ngo-kk-ru.json?raw";
import ru from "../../../../crates/core/templates/state-ngo-ru.json?raw";
import en from "../../../../crates/core/templates/state-ngo-en.json?raw";
import { availableLanguages, compose, family, layoutsFor, type TemplateSource } from "./compose";
import { parseDoc } from "./types";

const all: TemplateSource[] = [
  { name: "state-ngo-kk-ru", doc: parseDoc(kkRu) },
  { name: "state-ngo-ru", doc: parseDoc(ru) },
  { name: "state-ngo-en", doc: parseDoc(en) },
];
const [kkRuT, ruT, enT] = all as [TemplateSource, TemplateSource, TemplateSource];

describe("composing from templates", () => {
  it("finds a template's family", () => {
    expect(family("state-ngo-kk-ru")).toBe("state-ngo");
    expect(family("state-ngo-en")).toBe("state-ngo");
    expect(family("custom")).toBe("custom");
  });

  it("offers every language of the same memorandum's sibling templates", () => {
    expect(availableLanguages(kkRuT, all)).toEqual(["kk", "ru", "en"]);
    expect(availableLanguages(enT, all)).toEqual(["kk", "ru", "en"]);
  });

  it("does not offer a sibling whose structure differs", () => {
    const other = structuredClone(enT.doc);
    other.sections.pop();
    expect(availableLanguages(ruT, [ruT, { name: "state-ngo-en", doc: other }])).toEqual(["ru"]);
  });

  it("keeps the template as it is for its own languages", () => {
    const doc = compose(kkRuT, all, ["kk", "ru"], "parallel");
    expect(doc).toEqual(kkRuT.doc);
  });

  it("drops a language not chosen and makes the layout single", () => {
    const doc = compose(kkRuT, all, ["kk"], "parallel");
    expect(doc.languages).toEqual(["kk"]);
    expect(doc.layout).toBe("single");
    expect(Object.keys(doc.title)).toEqual(["kk"]);
    expect(Object.keys(doc.sections[0]?.clauses[0]?.text ?? {})).toEqual(["kk"]);
    expect(Object.keys(doc.parties[0]?.signatories[0]?.position ?? {})).toEqual(["kk"]);
  });

  it("adds English from the English template, clause by clause, sequentially", () => {
    const doc = compose(kkRuT, all, ["en", "kk"], "sequential");
    expect(doc.languages).toEqual(["kk", "en"]);
    expect(doc.layout).toBe("sequential");
    expect(doc.sections[2]?.clauses[1]?.text).toEqual({
      kk: kkRuT.doc.sections[2]?.clauses[1]?.text.kk,
      en: enT.doc.sections[2]?.clauses[1]?.text.en,
    });
    expect(doc.parties[1]?.name.en).toBe(enT.doc.parties[1]?.name.en);
    expect(doc.variables?.["purpose"]?.en).toBe(enT.doc.variables?.["purpose"]?.en);
  });

  it("offers parallel and sequential for two or more languages, single for one", () => {
    expect(layoutsFor(1)).toEqual(["single"]);
    expect(layoutsFor(2)).toEqual(["parallel", "sequential"]);
    expect(layoutsFor(3)).toEqual(["parallel", "sequential"]);
  });
});
