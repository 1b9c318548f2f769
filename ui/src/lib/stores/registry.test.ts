// The registry's store against the real ipc door, with only Tauri's IPC faked.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { get } from "svelte/store";
import { fakeShell, removeFakeShell } from "../ipc/testing";
import { lastError } from "./app";
import { expiring, filtered, load, loadOrganisations, organisation, organisations, query, status, total } from "./registry";

const ORGS = [
  { id: 7, bin: "211140000425", kind: "ngo", party: JSON.stringify({ id: "ngo", kind: "ngo", name: { kk: "«Жас еріктілер» қоры" }, signatories: [] }), updatedAt: "2026-11-30T08:00:00Z" },
  { id: 3, bin: null, kind: "state_body", party: JSON.stringify({ id: "state", kind: "state_body", name: { ru: "Министерство" }, signatories: [] }), updatedAt: "2026-11-29T08:00:00Z" },
];

beforeEach(() => {
  query.set("");
  status.set(null);
  organisation.set(null);
  expiring.set(null);
  organisations.set([]);
  lastError.set(null);
});
afterEach(() => removeFakeShell());

describe("the expiry filter", () => {
  it("asks Rust for the memorandums expiring within the chosen days, or any", async () => {
    const calls = fakeShell(() => ({ items: [], total: 0 }));
    expiring.set(60);
    await load();
    expect(calls[0]?.args).toMatchObject({ params: { expiringWithinDays: 60 } });
    expect(filtered("", null, null, 60)).toBe(true);
    expiring.set(null);
    await load();
    expect(calls[1]?.args).toMatchObject({ params: { expiringWithinDays: null } });
  });
});

describe("the party filter", () => {
  it("lists the organisations registry", async () => {
    fakeShell((cmd) => (cmd === "list_organisations" ? ORGS : null));
    await loadOrganisations();
    expect(get(organisations).map((o) => o.id)).toEqual([7, 3]);
  });

  it("asks Rust for the memorandums of the chosen organisation only", async () => {
    const calls = fakeShell(() => ({ items: [], total: 4 }));
    organisation.set(7);
    status.set("draft");
    await load();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.cmd).toBe("list_memos");
    expect(calls[0]?.args).toMatchObject({ params: { organisation: 7, status: "draft", query: null, offset: 0 } });
    expect(get(total)).toBe(4);

    organisation.set(null);
    await load();
    expect(calls[1]?.args).toMatchObject({ params: { organisation: null } });
  });

  it("drops a filter on an organisation that is no longer in the registry", async () => {
    fakeShell(() => ORGS);
    organisation.set(99);
    await loadOrganisations();
    expect(get(organisation)).toBeNull();
    organisation.set(3);
    await loadOrganisations();
    expect(get(organisation)).toBe(3);
  });

  it("counts as a filter, so an empty result says nothing matches rather than 'no memorandums yet'", () => {
    expect(filtered("", null, null)).toBe(false);
    expect(filtered("  ", null, 7)).toBe(true);
    expect(filtered("", "draft", null)).toBe(true);
  });

  it("shows a refused listing as an error", async () => {
    fakeShell(() => {
      throw new Error("permission denied");
    });
    await loadOrganisations();
    expect(get(lastError)?.code).toBe("ipc");
  });
});
