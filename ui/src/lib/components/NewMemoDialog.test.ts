// The new-memorandum form, mounted with the real ipc door and templates; only Tauri's IPC is
// faked. What it sends to create_memo is the document Rust will validate.
import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import { get } from "svelte/store";
import kkRu from "../../../../crates/core/templates/state-ngo-kk-ru.json?raw";
import ru from "../../../../crates/core/templates/state-ngo-ru.json?raw";
import en from "../../../../crates/core/templates/state-ngo-en.json?raw";
import { fakeShell, removeFakeShell } from "../ipc/testing";
import { lastError } from "../stores/app";
import type { MemoDoc } from "../memo/types";
import NewMemoDialog from "./NewMemoDialog.svelte";

const TEMPLATES = { "state-ngo-kk-ru": kkRu, "state-ngo-ru": ru, "state-ngo-en": en } as Record<string, string>;
const MINISTRY = {
  id: "state",
  kind: "state_body",
  name: { kk: "Мәдениет және ақпарат министрлігі", ru: "Министерство культуры и информации" },
  bin: "980310005674",
  signatories: [{ id: "minister", name: { kk: "Ә. Б. Сейітов", ru: "А. Б. Сеитов" }, position: { kk: "Министр", ru: "Министр" } }],
};

let created: MemoDoc | null = null;
let component: ReturnType<typeof mount> | null = null;

function shell() {
  created = null;
  return fakeShell((cmd, args) => {
    switch (cmd) {
      case "list_templates":
        return Object.keys(TEMPLATES).map((name) => ({ name, description: name, languages: JSON.parse(TEMPLATES[name] ?? "{}").languages }));
      case "template_document":
        return TEMPLATES[String(args.name)];
      case "list_organisations":
        return [{ id: 5, bin: MINISTRY.bin, kind: "state_body", party: JSON.stringify(MINISTRY), updatedAt: "2026-11-30T08:00:00Z" }];
      case "check_bin":
        return null;
      case "create_memo":
        created = JSON.parse(String(args.document)) as MemoDoc;
        return { id: 9 };
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
}

async function settle() {
  for (let i = 0; i < 10; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
  flushSync();
}

function field(id: string): HTMLInputElement | HTMLSelectElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no #${id}`);
  return el as HTMLInputElement | HTMLSelectElement;
}

function set(id: string, value: string, event: "input" | "change" = "input") {
  const el = field(id);
  el.value = value;
  if (el instanceof HTMLSelectElement)
    for (const option of el.options) option.selected = option.value === value; // as a click does
  el.dispatchEvent(new Event(event, { bubbles: true }));
  flushSync();
}

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = "";
  removeFakeShell();
});

describe("the new-memorandum form", () => {
  it("composes languages and a party prefilled from the registry", async () => {
    shell();
    let opened: number | null = null;
    component = mount(NewMemoDialog, { target: document.body, props: { oncreated: (id: number) => (opened = id), onclose: () => {} } });
    await settle();
    expect(field("new-template").value).toBe("state-ngo-kk-ru");
    expect(document.getElementById("new-lang-en")).not.toBeNull();

    set("new-org-0", "5", "change");
    expect(field("new-party-0-name-ru").value).toBe(MINISTRY.name.ru);
    expect(field("new-party-0-bin").value).toBe(MINISTRY.bin);

    const en = field("new-lang-en") as HTMLInputElement;
    en.checked = true;
    en.dispatchEvent(new Event("change", { bubbles: true }));
    flushSync();
    // (The layout <select> is bound with bind:value, which happy-dom cannot drive: its options
    // never match :checked. Layouts are tested in compose.test.ts and in the real window.)
    expect(Array.from((field("new-layout") as HTMLSelectElement).options, (o) => o.value)).toEqual(["parallel", "sequential"]);
    set("new-party-0-name-en", "Ministry of Culture and Information");
    set("new-party-0-address-en", "Astana");
    set("new-party-1-address-kk", "Алматы қаласы");

    document.querySelector("form")?.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
    await settle();

    expect(get(lastError)).toBeNull();
    expect(opened).toBe(9);
    const doc = created as MemoDoc | null;
    expect(doc?.languages).toEqual(["kk", "ru", "en"]);
    expect(doc?.layout).toBe("parallel");
    const [state, ngo] = doc?.parties ?? [];
    expect(state?.id).toBe("state");
    expect(state?.name).toEqual({ ...MINISTRY.name, en: "Ministry of Culture and Information" });
    expect(state?.address).toEqual({ en: "Astana" });
    expect(state?.signatories).toEqual(MINISTRY.signatories);
    expect(ngo?.address?.kk).toBe("Алматы қаласы");
    expect(ngo?.name.en).toBeTruthy(); // from the English template
  });

  it("cannot create without a language", async () => {
    shell();
    component = mount(NewMemoDialog, { target: document.body, props: { oncreated: () => {}, onclose: () => {} } });
    await settle();
    for (const l of ["kk", "ru"]) {
      const box = field(`new-lang-${l}`) as HTMLInputElement;
      box.checked = false;
      box.dispatchEvent(new Event("change", { bubbles: true }));
      flushSync();
    }
    expect((field("new-create") as unknown as HTMLButtonElement).disabled).toBe(true);
    expect(document.getElementById("new-languages-hint")?.textContent?.trim()).not.toBe("");
  });
});
