// Translation flags as Rust stores them (MemoDetail.translationFlags, DiffDto.translationFlags):
// a mark on the flagged text of the outline, dismissed through dismiss_translation_flag, and the
// open flags listed in the revisions compare. Only Tauri's IPC is faked, at the door.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import { fromStore } from "svelte/store";
import kkRu from "../../../../crates/core/templates/state-ngo-kk-ru.json?raw";
import { fakeShell, removeFakeShell, type ShellCall } from "../ipc/testing";
import type { MemoDetail, TranslationFlagDto } from "../ipc";
import { parseDoc, type MemoDoc } from "../memo/types";
import { detail, doc, memoId } from "../stores/editor";
import OutlinePanel from "./editor/OutlinePanel.svelte";
import Revisions from "./Revisions.svelte";

const FLAG: TranslationFlagDto = { path: "sections[0].clauses[0].text", language: "kk", sinceRevision: 2, reason: "drift" };
const summary = { id: 7, status: "draft", title: "M", date: "2026-10-06", languages: ["kk", "ru"], parties: "", currentRevision: 2, approvedRevision: null, createdAt: "", updatedAt: "" };
const revisions = [1, 2].map((number) => ({ number, contentHash: `sha256:${"0".repeat(64)}`, author: "a", createdAt: "2026-10-06T10:00:00Z" }));
const DETAIL = { summary, contentHash: "sha256:0", revisions, translationFlags: [FLAG] } as unknown as MemoDetail;

let component: ReturnType<typeof mount> | null = null;
let calls: ShellCall[] = [];

async function settle() {
  for (let i = 0; i < 5; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
  flushSync();
}
const q = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

beforeEach(() => {
  calls = fakeShell((cmd, args) => {
    switch (cmd) {
      case "format_dates":
        return args.dates;
      case "dismiss_translation_flag":
        return [];
      case "diff_revisions":
        return { from: 1, to: 2, languages: [{ language: "kk", changes: [] }, { language: "ru", changes: [] }], translationFlags: [FLAG] };
      case "document_view":
        return { numbers: {}, resolved: {}, date: {}, authorities: {} };
      case "validate_document":
        return { valid: true, contentHash: "sha256:1", problems: [] };
      default:
        return null;
    }
  });
  memoId.set(7);
  detail.set(structuredClone(DETAIL));
  doc.set(parseDoc(kkRu));
});
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = "";
  removeFakeShell();
});

describe("translation flags", () => {
  it("mark the flagged text in its language, and a dismiss asks Rust and clears the mark", async () => {
    const current = fromStore(doc);
    component = mount(OutlinePanel, {
      target: document.body,
      props: { get doc() { return current.current as MemoDoc; }, editable: true, onfocusfield: () => {} },
    });
    flushSync();
    const where = "sections[0].clauses[0].text";
    expect(q(`translation-flag-${where}.kk`)).not.toBeNull();
    expect(q(`translation-flag-${where}.ru`)).toBeNull();
    expect(document.querySelector(`[data-path="${where}.kk"]`)?.classList.contains("flagged")).toBe(true);
    q(`translation-flag-dismiss-${where}.kk`)?.click();
    await settle();
    expect(calls.find((c) => c.cmd === "dismiss_translation_flag")?.args).toEqual({ id: 7, path: where, language: "kk" });
    expect(q(`translation-flag-${where}.kk`)).toBeNull();
  });

  it("are listed under their language in the revisions compare", async () => {
    component = mount(Revisions, { target: document.body });
    flushSync();
    document.querySelector<HTMLButtonElement>("#diff-compare")?.click();
    await settle();
    expect(calls.find((c) => c.cmd === "diff_revisions")?.args).toMatchObject({ id: 7, from: 1, to: 2 });
    expect(q("diff-flag-sections[0].clauses[0].text.kk")?.textContent).toContain("sections[0].clauses[0].text");
    expect(q("diff-flag-sections[0].clauses[0].text.ru")).toBeNull();
  });
});
