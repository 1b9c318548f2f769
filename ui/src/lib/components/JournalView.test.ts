// The registration journal's view against the real ipc door with only Tauri's IPC faked: the
// settings saved through Rust, the next number and every refusal as Rust answers them (in the
// interface language), the list opening its memorandums, and "Export CSV…" writing through Rust.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import { fakeShell, removeFakeShell, type ShellCall } from "../ipc/testing";
import type { JournalEntryDto, JournalSettingsDto } from "../ipc";
import { language } from "../stores/app";
import JournalView from "./JournalView.svelte";

const SAVED: JournalSettingsDto = { enabled: false, prefix: "", template: "{prefix}{counter}", padding: 0, assignAt: "approval" };
const ENTRIES: JournalEntryDto[] = [
  { number: "02-15/001", date: "2026-10-06", memorandumId: 4, title: "Жастар еріктілері", status: "signed" },
  { number: "02-15/002", date: "2026-11-02", memorandumId: 7, title: "Наука", status: "approved" },
];
// Rust's refusal of a format without {counter}, as the app's catalog words it.
const NO_COUNTER = {
  code: "invalid_input",
  reason: "journal_template_no_counter",
  params: { field: "journal.template" },
  message: "journal.template: it must contain {counter}",
  text: {
    kk: "journal.template: Пішімде {counter} болуы керек",
    ru: "journal.template: Формат должен содержать {counter}",
    en: "journal.template: the format must contain {counter}",
  },
};

const NEXT_TAKEN = {
  code: "invalid_input",
  reason: "journal_next_taken",
  params: { field: "journal.next", next: "2", lowest: "3" },
  message: "journal.next: 2 is taken or passed already; the next can be 3 or more",
  text: {
    kk: "journal.next: 2 нөмірі берілген немесе өтіп кеткен; келесісі 3 не одан үлкен болуы керек",
    ru: "journal.next: номер 2 уже присвоен или пройден; следующий может быть 3 или больше",
    en: "journal.next: 2 is taken or passed already; the next can be 3 or more",
  },
};

let component: ReturnType<typeof mount> | null = null;
let calls: ShellCall[] = [];
let opened: number[] = [];

async function settle() {
  for (let i = 0; i < 6; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
  flushSync();
}
const q = <T extends HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`);
function type(id: string, value: string) {
  const el = q<HTMLInputElement>(id);
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  flushSync();
}
const sentSettings = (cmd: "preview_journal_number" | "set_journal_settings") =>
  calls.filter((c) => c.cmd === cmd).map((c) => (c.args as { settings: JournalSettingsDto }).settings);

beforeEach(() => {
  language.set("en");
  opened = [];
  calls = fakeShell((cmd, args) => {
    switch (cmd) {
      case "get_journal_settings":
        return SAVED;
      case "list_journal":
        return ENTRIES;
      case "format_dates":
        return (args.dates as string[]).map((d) => `D:${d}`);
      case "preview_journal_number": {
        const s = args.settings as JournalSettingsDto;
        if (!s.template.includes("{counter}")) throw NO_COUNTER;
        if (typeof args.next === "number" && args.next < 3) throw NEXT_TAKEN;
        // Rust's answer stands in for the real number: the view shows what it is given.
        const counter = typeof args.next === "number" ? args.next : 3;
        return { number: `RUST(${s.prefix}|${s.template}|${s.padding}|${counter})`, counter, year: 2026 };
      }
      case "set_journal_next":
        return args.next;
      case "set_journal_settings":
        return args.settings;
      case "test_pick_path":
        return args.purpose === "save" ? `/tmp/picked/${String(args.suggested)}` : null;
      case "export_journal_csv":
        return { path: args.path, entries: 2 };
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
});
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = "";
  removeFakeShell();
});

function show() {
  component = mount(JournalView, { target: document.body, props: { onopenmemo: (id: number) => opened.push(id) } });
}

describe("the journal view", () => {
  it("lists the numbers assigned and opens a memorandum from its title", async () => {
    show();
    await settle();
    const rows = [...document.querySelectorAll('[data-testid^="journal-entry-"]')];
    expect(rows.map((r) => r.querySelector("td")?.textContent)).toEqual(["02-15/001", "02-15/002"]);
    expect(q("journal-entry-4")?.textContent).toContain("D:2026-10-06");
    expect(q("journal-entry-4")?.textContent).toContain("Signed");
    expect(q("journal-entry-7")?.textContent).toContain("Approved");
    q("journal-open-7")?.click();
    expect(opened).toEqual([7]);
  });

  it("shows the next number Rust computes for the settings as typed, and saves them through Rust", async () => {
    show();
    await settle();
    expect(q("journal-preview")?.textContent).toContain("RUST(|{prefix}{counter}|0|3)");
    expect(q<HTMLInputElement>("journal-next")?.value).toBe("3");
    expect(q<HTMLButtonElement>("journal-save")?.disabled).toBe(true);
    q<HTMLInputElement>("journal-enabled")?.click();
    type("journal-prefix", "02-15/");
    type("journal-template", "{prefix}{counter}-{year}");
    type("journal-padding", "3");
    q<HTMLInputElement>("journal-assign-first_signature")?.click();
    await settle();
    expect(q("journal-preview")?.textContent).toContain("RUST(02-15/|{prefix}{counter}-{year}|3|3)");
    expect(q("journal-preview")?.textContent).toContain("counter 3, year 2026");
    expect(sentSettings("set_journal_settings")).toEqual([]); // previewing saves nothing

    q<HTMLButtonElement>("journal-save")?.click();
    await settle();
    expect(sentSettings("set_journal_settings")).toEqual([
      { enabled: true, prefix: "02-15/", template: "{prefix}{counter}-{year}", padding: 3, assignAt: "first_signature" },
    ]);
    expect(q("journal-notice")?.textContent).toBe("The settings are saved.");
    expect(q<HTMLButtonElement>("journal-save")?.disabled).toBe(true);
    expect(calls.some((c) => c.cmd === "set_journal_next")).toBe(false);
  });

  it("starts the numbering where it is told through Rust, showing Rust's refusal of a number passed", async () => {
    language.set("ru");
    show();
    await settle();
    type("journal-next", "2");
    await settle();
    expect(q("journal-refusal")?.textContent).toBe("journal.next: номер 2 уже присвоен или пройден; следующий может быть 3 или больше");
    expect(q("journal-next")?.getAttribute("aria-invalid")).toBe("true");
    type("journal-next", "124");
    await settle();
    expect(q("journal-preview")?.textContent).toContain("RUST(|{prefix}{counter}|0|124)");
    q<HTMLButtonElement>("journal-save")?.click();
    await settle();
    expect(calls.filter((c) => c.cmd === "set_journal_next").map((c) => c.args)).toEqual([{ next: 124 }]);
    expect(sentSettings("set_journal_settings")).toEqual([]); // the settings did not change
    expect(q<HTMLButtonElement>("journal-save")?.disabled).toBe(true);
  });

  it("shows Rust's refusal of a format in the interface language, marking the field", async () => {
    language.set("kk");
    show();
    await settle();
    type("journal-template", "{prefix}");
    await settle();
    expect(q("journal-refusal")?.textContent).toBe("journal.template: Пішімде {counter} болуы керек");
    expect(q("journal-template")?.getAttribute("aria-invalid")).toBe("true");
    expect(q("journal-prefix")?.getAttribute("aria-invalid")).toBe("false");
    expect(q("journal-preview")).toBeNull();
    language.set("ru");
    flushSync();
    expect(q("journal-refusal")?.textContent).toBe("journal.template: Формат должен содержать {counter}");

    type("journal-template", "{prefix}{counter}");
    await settle();
    expect(q("journal-refusal")).toBeNull();
    expect(q("journal-preview")).not.toBeNull();
  });

  it("exports the CSV through Rust to the file picked in the save dialog", async () => {
    show();
    await settle();
    q("journal-export")?.click();
    await settle();
    const exports = calls.filter((c) => c.cmd === "export_journal_csv");
    expect(exports.map((c) => c.args)).toEqual([{ path: "/tmp/picked/journal.csv" }]);
    expect(q("journal-notice")?.textContent).toBe("2 number(s) saved to /tmp/picked/journal.csv");
  });
});
