// The editor's panels mounted on the editor store, with the real ipc door and only Tauri's IPC
// faked: what the user does in a panel becomes the document that is validated and saved, and what
// must agree with the PDF (BIN checks) is asked of Rust.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import { fromStore, get } from "svelte/store";
import kkRu from "../../../../../crates/core/templates/state-ngo-kk-ru.json?raw";
import { fakeShell, removeFakeShell, type ShellCall } from "../../ipc/testing";
import type { DocAnnex, DocParty, DocSignatory, DocTable, EditDto, MemoDetail } from "../../ipc";
import { parseDoc, type MemoDoc } from "../../memo/types";
import { detail, dirty, doc, memoId, problems } from "../../stores/editor";
import AnnexesPanel from "./AnnexesPanel.svelte";
import DocumentPanel from "./DocumentPanel.svelte";
import VariablesPanel from "./VariablesPanel.svelte";
import LanguagesPanel from "./LanguagesPanel.svelte";
import PartiesPanel from "./PartiesPanel.svelte";
import TermPanel from "./TermPanel.svelte";

const summary = { id: 1, status: "draft", title: "M", date: "2026-10-06", languages: ["kk", "ru"], parties: "", currentRevision: 2, approvedRevision: null, createdAt: "", updatedAt: "" };
const DETAIL = { summary, contentHash: "sha256:0", revisions: [] } as unknown as MemoDetail;

let component: ReturnType<typeof mount> | null = null;
let calls: ShellCall[] = [];

function shell() {
  calls = fakeShell((cmd, args) => {
    switch (cmd) {
      case "document_view": {
        // Rust words the authority; the panel shows what it answers.
        const sent = JSON.parse(String(args.document)) as MemoDoc;
        const poa = sent.parties[0]?.signatories[0]?.authority;
        const authorities = poa ? { "parties[0].signatories[0]": { ru: `WORDED ${poa.kind}` } } : {};
        return { numbers: {}, resolved: {}, date: {}, authorities };
      }
      case "validate_document":
        return { valid: true, contentHash: "sha256:1", problems: [] };
      case "check_bin":
        return args.bin === "980310005674" ? null : "check";
      case "edit_document":
        return { document: rustAnswer(JSON.parse(String(args.document)) as MemoDoc, (args.edits as EditDto[])[0]), needsTranslation: [], problems: [], refused: false };
      default:
        return null;
    }
  });
}

/** What Rust's edit_document answers, written out by hand for the edits these tests make (the
 * rules themselves are Rust's, tested there): the panel must show the document it answers. */
function rustAnswer(d: MemoDoc, edit: EditDto | undefined): MemoDoc {
  if (edit?.op === "add_party") d.parties.push({ ...(edit.party as DocParty), id: "rust-party" });
  else if (edit?.op === "add_signatory") d.parties.find((p) => p.id === edit.party)?.signatories.push({ ...(edit.signatory as DocSignatory), id: "rust-signatory" });
  else if (edit?.op === "add_annex") (d.annexes ??= []).push({ ...(edit.annex as DocAnnex), id: "rust-annex" });
  else if (edit && "annex" in edit && typeof edit.annex === "string") tableAnswer(d, edit);
  else if (edit?.op === "remove_language") {
    d.languages = ["ru"];
    d.title = { ru: d.title.ru ?? "" };
  } else if (edit?.op === "add_language") {
    d.languages = ["kk", "ru", "en"];
    d.title = { ...d.title, en: "COPIED BY RUST" };
  } else throw new Error(`unexpected edit ${JSON.stringify(edit)}`);
  return d;
}

/** Rust's table edits, by hand, on the annex the edit names by id. */
function tableAnswer(d: MemoDoc, edit: EditDto) {
  const content = d.annexes?.find((a) => "annex" in edit && a.id === edit.annex)?.content;
  if (!content || !("table" in content)) throw new Error(`no table for ${JSON.stringify(edit)}`);
  const x = content.table;
  const empty = () => ({ kk: "", ru: "" });
  if (edit.op === "add_row") x.rows.push(edit.row as DocTable["rows"][number]);
  else if (edit.op === "remove_row") x.rows.splice(edit.index, 1);
  else if (edit.op === "move_row") x.rows.splice(edit.to, 0, ...x.rows.splice(edit.index, 1));
  else if (edit.op === "add_column") {
    x.columns.push(edit.column as DocTable["columns"][number]);
    for (const row of x.rows) row.push(empty());
  } else if (edit.op === "remove_column") {
    x.columns.splice(edit.index, 1);
    for (const row of x.rows) row.splice(edit.index, 1);
  } else throw new Error(`unexpected edit ${JSON.stringify(edit)}`);
}

/** Mounts `panel` on the editor's document as the editor does (it follows every edit). */
function show(panel: typeof PartiesPanel | typeof TermPanel | typeof AnnexesPanel | typeof LanguagesPanel | typeof DocumentPanel | typeof VariablesPanel) {
  const current = fromStore(doc);
  component = mount(panel as typeof PartiesPanel, {
    target: document.body,
    props: {
      get doc() {
        return current.current as MemoDoc;
      },
      editable: true,
      onfocusfield: () => {},
      onjump: () => {},
    },
  });
  flushSync();
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
  flushSync();
}

const byTestId = <T extends HTMLElement>(id: string): T => {
  const el = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no [data-testid="${id}"]`);
  return el;
};
const click = (id: string) => {
  byTestId(id).click();
  flushSync();
};
function type(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string, event: "input" | "change" = "input") {
  el.value = value;
  if (el instanceof HTMLSelectElement) for (const o of el.options) o.selected = o.value === value;
  el.dispatchEvent(new Event(event, { bubbles: true }));
  flushSync();
}
const current = () => get(doc) as MemoDoc;

beforeEach(() => {
  shell();
  memoId.set(1);
  detail.set(DETAIL);
  doc.set(parseDoc(kkRu));
  dirty.set(false);
  problems.set([]);
});
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = "";
  dirty.set(false);
  removeFakeShell();
});

describe("the parties panel", () => {
  it("adds a third party and a second signatory, each typed per language", async () => {
    show(PartiesPanel);
    type(byTestId("party-add-kind"), "state_body", "change");
    click("party-add");
    await settle();
    expect(current().parties).toHaveLength(3);
    expect(current().parties[2]?.id).toBe("rust-party");
    expect(calls.find((c) => c.cmd === "edit_document")?.args).toMatchObject({ edits: [{ op: "add_party", party: { kind: "state_body" } }] });
    type(document.querySelector<HTMLTextAreaElement>('[data-path="parties[2].name.ru"]')!, "Акимат города Астаны");
    click("party-0-add-signatory");
    await settle();
    type(document.querySelector<HTMLTextAreaElement>('[data-path="parties[0].signatories[1].position.kk"]')!, "Вице-министр");
    expect(current().parties[2]?.name.ru).toBe("Акимат города Астаны");
    expect(current().parties[2]?.kind).toBe("state_body");
    expect(current().parties[0]?.signatories[1]?.position.kk).toBe("Вице-министр");
    expect(get(dirty)).toBe(true);
  });

  it("records a power of attorney's number and date for a signatory", async () => {
    show(PartiesPanel);
    type(byTestId("party-0-signatory-0-authority"), "power_of_attorney", "change");
    await settle();
    type(byTestId("party-0-signatory-0-poa-number"), "12");
    type(byTestId("party-0-signatory-0-poa-date"), "2026-10-01");
    expect(current().parties[0]?.signatories[0]?.authority).toEqual({ kind: "power_of_attorney", number: "12", date: "2026-10-01" });
    await settle();
    expect(byTestId("party-0-signatory-0-authority-words").textContent).toContain("WORDED power_of_attorney");
    type(byTestId("party-0-signatory-0-authority"), "none", "change");
    expect(current().parties[0]?.signatories[0]?.authority).toBeUndefined();
  });

  it("asks Rust about a BIN as it is typed and shows what is wrong with it", async () => {
    show(PartiesPanel);
    type(byTestId("party-1-bin"), "980310005675");
    await settle();
    expect(calls.some((c) => c.cmd === "check_bin" && (c.args as { bin: string }).bin === "980310005675")).toBe(true);
    expect(byTestId("party-1-bin-problem").textContent).not.toBe("");
    const asked = calls.filter((c) => c.cmd === "check_bin").length;
    type(document.querySelector<HTMLTextAreaElement>('[data-path="parties[1].name.ru"]')!, "Фонд");
    await settle();
    expect(calls.filter((c) => c.cmd === "check_bin")).toHaveLength(asked); // the BIN did not change
    type(byTestId("party-1-bin"), "");
    await settle();
    expect(document.querySelector('[data-testid="party-1-bin-problem"]')).toBeNull();
    expect(current().parties[1]?.bin).toBeUndefined();
  });
});

describe("the annexes panel", () => {
  it("builds a table through Rust's edits: headings, rows of cells per language, widths", async () => {
    show(AnnexesPanel);
    click("annex-add-table");
    await settle();
    click("annex-0-add-column");
    await settle();
    // Quick clicks: each row is added to the table the previous one left.
    for (let i = 0; i < 5; i++) click("annex-0-add-row");
    await settle();
    type(byTestId("annex-0-cell-5-1-ru"), "Декабрь 2026");
    type(byTestId("annex-0-column-1-width"), "3");
    const content = current().annexes?.[0]?.content;
    if (!content || !("table" in content)) throw new Error("no table");
    expect(content.table.columns).toHaveLength(2);
    expect(content.table.columns[1]?.width).toBe(3);
    expect(content.table.rows).toHaveLength(6);
    expect(content.table.rows.every((r) => r.length === 2)).toBe(true);
    expect(content.table.rows[5]?.[1]).toEqual({ kk: "", ru: "Декабрь 2026" });
    expect(current().annexes?.[0]?.id).toBe("rust-annex");
    // Every reshaping was asked of Rust, naming the annex by the id Rust gave it.
    const edits = calls.filter((c) => c.cmd === "edit_document").map((c) => (c.args as { edits: EditDto[] }).edits[0]);
    expect(edits.map((e) => e?.op)).toEqual(["add_annex", "add_column", ...Array(5).fill("add_row")]);
    expect(edits.slice(1).every((e) => e && "annex" in e && e.annex === "rust-annex")).toBe(true);

    click("annex-0-row-5-up");
    await settle();
    const moved = current().annexes?.[0]?.content;
    expect(moved && "table" in moved ? moved.table.rows[4]?.[1] : null).toEqual({ kk: "", ru: "Декабрь 2026" });
    expect(byTestId<HTMLButtonElement>("annex-0-row-0-up").disabled).toBe(true);
    click("annex-0-column-0-remove");
    await settle();
    click("annex-0-row-0-remove");
    await settle();
    const after = current().annexes?.[0]?.content;
    expect(after && "table" in after ? [after.table.columns.length, after.table.rows.length, after.table.rows[4]?.length] : null).toEqual([1, 5, 1]);
    expect(calls.filter((c) => c.cmd === "edit_document").slice(-3).map((c) => (c.args as { edits: EditDto[] }).edits[0])).toEqual([
      { op: "move_row", annex: "rust-annex", index: 5, to: 4 },
      { op: "remove_column", annex: "rust-annex", index: 0 },
      { op: "remove_row", annex: "rust-annex", index: 0 },
    ]);
  });
});

describe("the term panel", () => {
  it("states a 3-year term from the last signature, renewed with a notice period", async () => {
    doc.update((d) => {
      if (d) delete d.term;
      return d;
    });
    show(TermPanel);
    click("term-set");
    type(byTestId("term-years"), "3");
    click("term-renewal");
    type(byTestId("term-notice-days"), "60");
    expect(current().term).toEqual({ starts: { on: "last_signature" }, duration: { kind: "years", years: 3 }, renewal: { years: 1, notice_days: 60 } });
    type(byTestId("term-duration"), "indefinite", "change");
    expect(current().term?.duration).toEqual({ kind: "indefinite" });
    click("term-clear");
    expect(current().term).toBeUndefined();
  });
});

describe("the languages panel", () => {
  it("removes a language only after the confirmation", async () => {
    show(LanguagesPanel);
    const dialog = byTestId<HTMLDialogElement>("language-remove-confirm");
    dialog.showModal ??= () => {};
    dialog.close ??= () => {};
    click("language-remove-kk");
    click("language-remove-cancel");
    await settle();
    expect(current().languages).toEqual(["kk", "ru"]);
    click("language-remove-kk");
    click("language-remove-yes");
    await settle();
    expect(current().languages).toEqual(["ru"]);
  });
});

describe("the document panel", () => {
  it("edits the place per language, the date and the layout", () => {
    show(DocumentPanel);
    type(document.querySelector<HTMLTextAreaElement>('[data-path="place.kk"]')!, "Алматы");
    type(byTestId("doc-date"), "2026-12-01");
    type(byTestId("doc-layout"), "sequential", "change");
    expect([current().place.kk, current().date, current().layout]).toEqual(["Алматы", "2026-12-01", "sequential"]);
  });
});

describe("the variables panel", () => {
  it("adds a variable with a value per language and flags what validation calls unused", async () => {
    show(VariablesPanel);
    type(byTestId("variable-name"), "forum");
    click("variable-add");
    type(document.querySelector<HTMLTextAreaElement>('[data-path="variables.forum.ru"]')!, "Форум");
    expect(current().variables?.forum).toEqual({ kk: "", ru: "Форум" });
    problems.set([
      { path: "variables.forum", code: "unused_variable", params: { name: "forum" }, message: "unused", text: { kk: "unused", ru: "unused", en: "unused" }, line: null, column: null },
      { path: "sections[0].clauses[0].text.kk", code: "unknown_variable", params: { name: "x" }, message: "{{x}} undeclared", text: { kk: "{{x}}", ru: "{{x}}", en: "{{x}}" }, line: null, column: null },
    ]);
    flushSync();
    expect(document.querySelector('[data-testid="variable-forum-unused"]')).not.toBeNull();
    expect(byTestId("variables-undeclared").textContent).toContain("sections[0].clauses[0].text.kk");
    click("variable-forum-remove");
    expect(current().variables?.forum).toBeUndefined();
  });
});

describe("adding a language", () => {
  it("gives every text the new language, to translate", async () => {
    show(LanguagesPanel);
    click("language-add-en");
    await settle();
    expect(current().languages).toEqual(["kk", "ru", "en"]);
    expect(current().title.en).toBe("COPIED BY RUST");
    expect(document.querySelector('[data-testid="language-add-en"]')).toBeNull();
  });
});
