// The registry's new columns and the expiry filter, and starting an amendment of a signed
// memorandum (MemoActions' "New amendment"), against the real ipc door with only Tauri's IPC faked.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import { get } from "svelte/store";
import { fakeShell, removeFakeShell, type ShellCall } from "../ipc/testing";
import type { MemoDetail, MemoSummary } from "../ipc";
import { detail, memoId, newAmendment } from "../stores/editor";
import { expiring } from "../stores/registry";
import Registry from "./Registry.svelte";

const memo = (id: number, status: MemoSummary["status"], extra: Partial<MemoSummary> = {}): MemoSummary => ({
  id, status, title: `M${id}`, date: "2026-10-06", languages: ["kk", "ru"], parties: "A, B", currentRevision: 1, approvedRevision: null,
  createdAt: "2026-10-06T10:00:00Z", updatedAt: "2026-10-06T10:00:00Z", registrationNumber: null, expiresOn: null, noticeBy: null, amendsId: null, amendments: 0, ...extra,
});
const SIGNED = memo(4, "signed", { registrationNumber: "02-15/123", expiresOn: "2029-10-05", noticeBy: "2029-08-06" });

let component: ReturnType<typeof mount> | null = null;
let calls: ShellCall[] = [];

async function settle() {
  for (let i = 0; i < 6; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
  flushSync();
}
const q = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

beforeEach(() => {
  expiring.set(null);
  calls = fakeShell((cmd, args) => {
    switch (cmd) {
      case "list_memos":
        return { items: [SIGNED, memo(5, "draft")], total: 2 };
      case "list_organisations":
        return [];
      case "format_dates":
        return (args.dates as string[]).map((d) => `D:${d}`);
      case "new_amendment":
        return memo(9, "draft", { amendsId: 4 });
      case "get_memo":
        return { summary: memo(Number(args.id), "draft"), contentHash: "sha256:0", revisions: [], translationFlags: [] };
      case "get_document":
        return JSON.stringify({ format: "kelisim.memorandum/2", languages: ["ru"], layout: "parallel", title: { ru: "T" }, place: { ru: "P" }, date: "2026-10-06", parties: [], preamble: { ru: "p" }, sections: [] });
      default:
        return null;
    }
  });
});
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = "";
  removeFakeShell();
});

describe("the registry", () => {
  it("shows the registration number, the expiry and the notice date", async () => {
    component = mount(Registry, { target: document.body, props: { onopen: () => {}, onnew: () => {} } });
    await settle();
    expect(q("registry-number-4")?.textContent).toBe("02-15/123");
    expect(q("registry-expires-4")?.textContent).toContain("D:2029-10-05");
    expect(q("registry-expires-4")?.textContent).toContain("D:2029-08-06");
    expect(q("registry-number-5")?.textContent).toBe("");
  });

  it("filters on memorandums expiring within the chosen days", async () => {
    component = mount(Registry, { target: document.body, props: { onopen: () => {}, onnew: () => {} } });
    await settle();
    const select = q("registry-expiring") as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent?.trim())).toHaveLength(4);
    [...select.options].forEach((o, i) => (o.selected = i === 2)); // 60 days
    select.dispatchEvent(new Event("change", { bubbles: true }));
    flushSync();
    await settle();
    expect(get(expiring)).toBe(60);
    const lists = calls.filter((c) => c.cmd === "list_memos");
    expect(lists[lists.length - 1]?.args).toMatchObject({ params: { expiringWithinDays: 60 } });
  });
});

describe("a new amendment", () => {
  it("is made by Rust from the signed memorandum and opened as the draft", async () => {
    memoId.set(4);
    detail.set({ summary: SIGNED, contentHash: "sha256:0", revisions: [], translationFlags: [] } as unknown as MemoDetail);
    await newAmendment(4);
    expect(calls.find((c) => c.cmd === "new_amendment")?.args).toEqual({ id: 4 });
    expect(get(memoId)).toBe(9);
    expect(get(detail)?.summary.id).toBe(9);
  });
});
