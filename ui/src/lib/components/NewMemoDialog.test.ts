// The new-memorandum form, mounted with the real ipc door; only Tauri's IPC is faked. The form
// offers what `list_templates` says and sends the user's choices to `new_memo`: what Rust
// composes from them is Rust's (crates/app tests).
import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import { get } from "svelte/store";
import kkRu from "../../../../crates/core/templates/state-ngo-kk-ru.json?raw";
import { fakeShell, removeFakeShell, type ShellCall } from "../ipc/testing";
import type { ApiError, NewMemoRequest, TemplateInfo } from "../ipc";
import { KelisimError } from "../ipc";
import { lastError } from "../stores/app";
import NewMemoDialog from "./NewMemoDialog.svelte";

const SEATS = [
  { id: "state", kind: "state_body" },
  { id: "ngo", kind: "ngo" },
];
const LISTING: TemplateInfo[] = [
  ["state-ngo-kk-ru", ["kk", "ru"]],
  ["state-ngo-ru", ["ru"]],
  ["state-ngo-en", ["en"]],
].map(([name, languages]) => ({
  name: name as string,
  description: name as string,
  languages: languages as string[],
  availableLanguages: ["kk", "ru", "en"],
  layout: languages?.length === 1 ? "single" : "parallel",
  layoutsOneLanguage: ["single"],
  layoutsSeveralLanguages: ["parallel", "sequential"],
  seats: SEATS,
}));
const MINISTRY = {
  id: "state",
  kind: "state_body",
  name: { kk: "Мәдениет және ақпарат министрлігі", ru: "Министерство культуры и информации" },
  bin: "980310005674",
  signatories: [{ id: "minister", name: { kk: "Ә. Б. Сейітов", ru: "А. Б. Сеитов" }, position: { kk: "Министр", ru: "Министр" } }],
};

let sent: NewMemoRequest | null = null;
let component: ReturnType<typeof mount> | null = null;

function shell(refusal: ApiError | null = null): ShellCall[] {
  sent = null;
  return fakeShell((cmd, args) => {
    switch (cmd) {
      case "list_templates":
        return LISTING;
      case "template_document":
        if (args.name !== "state-ngo-kk-ru") throw new Error(`unexpected template ${String(args.name)}`);
        return kkRu;
      case "list_organisations":
        return [{ id: 5, bin: MINISTRY.bin, kind: "state_body", party: JSON.stringify(MINISTRY), updatedAt: "2026-11-30T08:00:00Z" }];
      case "check_bin":
        return null;
      case "new_memo":
        sent = args.request as NewMemoRequest;
        if (refusal) throw refusal;
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
  it("sends the template, languages, layout, date, registry party and typed values to new_memo", async () => {
    const calls = shell();
    let opened: number | null = null;
    component = mount(NewMemoDialog, { target: document.body, props: { oncreated: (id: number) => (opened = id), onclose: () => {} } });
    await settle();
    expect(field("new-template").value).toBe("state-ngo-kk-ru");
    expect(document.getElementById("new-lang-en")).not.toBeNull();
    // The chosen template's parties are the placeholders; no other template is fetched.
    expect((field("new-party-1-name-kk") as HTMLInputElement).placeholder).not.toBe("");
    expect(calls.filter((c) => c.cmd === "template_document")).toHaveLength(1);

    set("new-org-0", "5", "change");
    expect(field("new-party-0-name-ru").value).toBe(MINISTRY.name.ru);
    expect(field("new-party-0-bin").value).toBe(MINISTRY.bin);

    const en = field("new-lang-en") as HTMLInputElement;
    en.checked = true;
    en.dispatchEvent(new Event("change", { bubbles: true }));
    flushSync();
    // (The layout <select> is bound with bind:value, which happy-dom cannot drive: its options
    // never match :checked. The real window chooses a layout in tests/e2e/editor.test.mjs.)
    expect(Array.from((field("new-layout") as HTMLSelectElement).options, (o) => o.value)).toEqual(["parallel", "sequential"]);
    set("new-date", "2026-12-01");
    set("new-party-0-name-en", "Ministry of Culture and Information");
    set("new-party-0-address-en", "Astana");
    set("new-party-1-address-kk", "Алматы қаласы");
    set("new-party-1-bin", "211140000425");

    document.querySelector("form")?.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
    await settle();

    expect(get(lastError)).toBeNull();
    expect(opened).toBe(9);
    expect(sent).toEqual({
      template: "state-ngo-kk-ru",
      languages: ["kk", "ru", "en"],
      layout: "parallel",
      date: "2026-12-01",
      parties: [{ seat: "state", organisation: { id: 5 } }],
      variables: [
        // The registry's own values, shown in the fields, are not sent again.
        { path: "state.name.en", value: "Ministry of Culture and Information" },
        { path: "state.address.en", value: "Astana" },
        { path: "ngo.address.kk", value: "Алматы қаласы" },
        { path: "ngo.bin", value: "211140000425" },
      ],
    });
  });

  it("sends one language with the single layout", async () => {
    shell();
    component = mount(NewMemoDialog, { target: document.body, props: { oncreated: () => {}, onclose: () => {} } });
    await settle();
    const kk = field("new-lang-kk") as HTMLInputElement;
    kk.checked = false;
    kk.dispatchEvent(new Event("change", { bubbles: true }));
    flushSync();
    expect(document.getElementById("new-layout")).toBeNull();
    document.querySelector("form")?.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
    await settle();
    expect(sent?.languages).toEqual(["ru"]);
    expect(sent?.layout).toBe("single");
    expect(sent?.parties).toEqual([]);
    expect(sent?.variables).toEqual([]);
  });

  it("shows what Rust refuses, with its problems, and stays open", async () => {
    const text = (en: string) => ({ kk: `${en} (kk)`, ru: `${en} (ru)`, en });
    const problem = { path: "parties[1].name.en", code: "missing_translation", params: { language: "en" }, message: "no English name", text: text("no English name"), line: null, column: null };
    shell({ code: "validation_failed", reason: "validation_failed", params: {}, message: "The memorandum is not valid.", text: text("1 problem"), problems: [problem] });
    let opened: number | null = null;
    component = mount(NewMemoDialog, { target: document.body, props: { oncreated: (id: number) => (opened = id), onclose: () => {} } });
    await settle();
    document.querySelector("form")?.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
    await settle();
    const error = get(lastError);
    expect(error).toBeInstanceOf(KelisimError);
    expect(error?.code).toBe("validation_failed");
    expect(error?.problems).toEqual([problem]);
    expect(opened).toBeNull();
    expect((document.querySelector("dialog") as HTMLDialogElement).open).toBe(true);
    expect((field("new-create") as unknown as HTMLButtonElement).disabled).toBe(false);
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
