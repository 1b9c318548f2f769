// The editor's saving rules against the real ipc door, with only Tauri's IPC faked: the
// unsaved-changes guard on close, and saves that never overlap.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { get } from "svelte/store";
import { fakeShell, removeFakeShell } from "../ipc/testing";
import type { MemoDetail } from "../ipc";
import type { MemoDoc } from "../memo/types";
import { lastError } from "./app";
import { AUTOSAVE_MS, STRUCTURAL_SAVE_MS, closeGuard, detail, dirty, doc, edit, memoId, restructure, save } from "./editor";

const memo = (): MemoDoc => ({
  format: "kelisim.memorandum/1",
  languages: ["kk", "ru"],
  layout: "parallel",
  title: { kk: "Меморандум", ru: "Меморандум" },
  place: { kk: "Астана", ru: "Астана" },
  date: "2026-10-06",
  parties: [],
  preamble: { kk: "Кіріспе", ru: "Преамбула" },
  sections: [{ heading: { kk: "Мақсаты", ru: "Цель" }, clauses: [{ text: { kk: "Мәтін", ru: "Текст" } }] }],
});

const summary = { id: 1, status: "draft", title: "M", date: "2026-10-06", languages: ["kk", "ru"], parties: "", currentRevision: 2, approvedRevision: null, createdAt: "", updatedAt: "" };
const DETAIL = { summary, contentHash: "sha256:0", revisions: [] } as unknown as MemoDetail;
const VALID = { valid: true, contentHash: "sha256:1", problems: [] };
const copyKey = "kelisim.working-copy.1";

function unsavedEdit(): void {
  memoId.set(1);
  detail.set(DETAIL);
  doc.set(memo());
  dirty.set(true);
}

beforeEach(() => {
  localStorage.clear();
  lastError.set(null);
  unsavedEdit();
});
afterEach(() => {
  dirty.set(false);
  removeFakeShell();
});

describe("closing the window", () => {
  it("closes at once when nothing is unsaved, without calling Rust", async () => {
    dirty.set(false);
    const calls = fakeShell(() => null);
    expect(await closeGuard()).toBe("close");
    expect(calls).toEqual([]);
  });

  it("saves pending text as a revision first, then closes", async () => {
    const calls = fakeShell((cmd) => (cmd === "validate_document" ? VALID : cmd === "get_memo" ? DETAIL : summary));
    expect(await closeGuard()).toBe("close");
    expect(calls.filter((c) => c.cmd === "save_revision")).toHaveLength(1);
    expect(get(dirty)).toBe(false);
  });

  it("asks when saving fails, and keeps the text as a working copy", async () => {
    fakeShell((cmd) => {
      if (cmd === "validate_document") return VALID;
      throw new Error("disk full");
    });
    expect(await closeGuard()).toBe("ask");
    expect(get(dirty)).toBe(true);
    expect(JSON.parse(localStorage.getItem(copyKey) ?? "null")).toEqual(memo());
    expect(get(lastError)?.message).toContain("disk full");
  });

  it("asks when the text cannot be saved yet (a problem to fix)", async () => {
    const problem = { path: "title.ru", code: "missing_translation", message: "no Russian", line: null, column: null };
    const calls = fakeShell(() => ({ valid: false, contentHash: null, problems: [problem] }));
    expect(await closeGuard()).toBe("ask");
    expect(calls.some((c) => c.cmd === "save_revision")).toBe(false);
    expect(localStorage.getItem(copyKey)).not.toBeNull();
  });
});

describe("saving", () => {
  it("never saves the same text twice when saves are asked for at once", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const calls = fakeShell(async (cmd) => {
      if (cmd === "save_revision") await gate;
      return cmd === "validate_document" ? VALID : cmd === "get_memo" ? DETAIL : summary;
    });
    const first = save();
    const second = save();
    await new Promise((r) => setTimeout(r, 10));
    release();
    await Promise.all([first, second]);
    expect(calls.filter((c) => c.cmd === "save_revision")).toHaveLength(1);
    expect(get(dirty)).toBe(false);
  });
});

describe("editing a /1 document", () => {
  it("makes it /2 (a /1 document keeps its tag only until it is edited)", () => {
    fakeShell((cmd) => (cmd === "document_view" ? { numbers: {}, resolved: {}, date: {} } : VALID));
    expect(get(doc)?.format).toBe("kelisim.memorandum/1");
    const next = { ...memo(), place: { kk: "Алматы", ru: "Алматы" } };
    edit(next);
    expect(get(doc)?.format).toBe("kelisim.memorandum/2");
    expect(get(doc)?.place.kk).toBe("Алматы");
    expect(next.format).toBe("kelisim.memorandum/1"); // the caller's object is left as it was
  });
});

describe("when an edit is saved", () => {
  const shell = () =>
    fakeShell((cmd) =>
      cmd === "document_view" ? { numbers: {}, resolved: {}, date: {} } : cmd === "validate_document" ? VALID : cmd === "get_memo" ? DETAIL : summary,
    );
  const saves = (calls: { cmd: string }[]) => calls.filter((c) => c.cmd === "save_revision").length;
  afterEach(() => vi.useRealTimers());

  it("saves a structural edit after a short pause, typing only after the typing pause", async () => {
    vi.useFakeTimers();
    dirty.set(false);
    const calls = shell();
    await restructure(async (d) => ({ ...d, place: { kk: "Алматы", ru: "Алматы" } }));
    await vi.advanceTimersByTimeAsync(STRUCTURAL_SAVE_MS + 10);
    expect(saves(calls)).toBe(1);

    edit({ ...memo(), place: { kk: "Шымкент", ru: "Шымкент" } });
    await vi.advanceTimersByTimeAsync(STRUCTURAL_SAVE_MS + 10);
    expect(saves(calls)).toBe(1); // still typing, as far as the editor knows
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS);
    expect(saves(calls)).toBe(2);
  });
});

describe("a structural edit", () => {
  it("is made again on the newer document when the text changed while Rust made it", async () => {
    fakeShell((cmd) => (cmd === "document_view" ? { numbers: {}, resolved: {}, date: {} } : VALID));
    dirty.set(false);
    let runs = 0;
    await restructure(async (d) => {
      runs += 1;
      // The first time, a field is edited meanwhile (the typed place survives the edit).
      if (runs === 1) edit({ ...d, place: { kk: "Алматы", ru: "Алматы" } });
      return { ...d, title: { kk: "Жаңа", ru: "Новый" } };
    });
    expect(runs).toBe(2);
    expect(get(doc)?.title.ru).toBe("Новый");
    expect(get(doc)?.place.ru).toBe("Алматы");
  });
});
