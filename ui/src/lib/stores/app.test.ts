// The store against the real ipc door and generated bindings, with only Tauri's IPC faked.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeShell, removeFakeShell } from "../ipc/testing";
import { get } from "svelte/store";
import {
  about,
  chooseLanguage,
  initialise,
  language,
  lastError,
  loadAbout,
  t,
} from "./app";

beforeEach(() => {
  language.set("en");
  about.set(null);
  lastError.set(null);
});
afterEach(() => removeFakeShell());

describe("interface language", () => {
  it("starts in the saved language, whatever the system says", async () => {
    fakeShell(() => ({ uiLanguage: "kk" }));
    await initialise(["ru-RU"]);
    expect(get(language)).toBe("kk");
    expect(get(t)("registry.title")).toBe("Меморандумдар");
  });

  it("follows the system until the user chooses", async () => {
    fakeShell(() => ({ uiLanguage: null }));
    await initialise(["ru-RU"]);
    expect(get(language)).toBe("ru");
  });

  it("saves a choice through set_ui_language and shows the strings at once", async () => {
    const calls = fakeShell((cmd, args) =>
      cmd === "set_ui_language" ? { uiLanguage: args.language } : { uiLanguage: null },
    );
    await chooseLanguage("ru");
    expect(calls).toEqual([{ cmd: "set_ui_language", args: { language: "ru" } }]);
    expect(get(language)).toBe("ru");
    expect(get(t)("about.title")).toBe("О программе Kelisim");
  });

  it("keeps the previous language and shows the error when saving fails", async () => {
    fakeShell(() => {
      throw { code: "database", message: "Kelisim could not save a setting in its database." };
    });
    await chooseLanguage("kk");
    expect(get(language)).toBe("en");
    const error = get(lastError);
    expect(error?.code).toBe("database");
    expect(error?.message).toContain("save a setting");
  });
});

describe("about", () => {
  it("shows what Rust reports", async () => {
    fakeShell(() => ({ version: "0.1.0", dataDir: "/data/kelisim", database: "/data/kelisim/kelisim.sqlite3" }));
    await loadAbout();
    expect(get(about)).toEqual({
      version: "0.1.0",
      dataDir: "/data/kelisim",
      database: "/data/kelisim/kelisim.sqlite3",
    });
  });

  it("turns a rejection that is not ours into an ipc error", async () => {
    fakeShell(() => {
      throw new Error("command about not allowed by ACL");
    });
    await loadAbout();
    expect(get(lastError)?.code).toBe("ipc");
    expect(get(about)).toBeNull();
  });

  it("keeps the code of a data folder failure so the UI can explain it", async () => {
    fakeShell(() => {
      throw { code: "data_dir_unavailable", message: "the data folder /x cannot be used" };
    });
    await loadAbout();
    expect(get(lastError)?.code).toBe("data_dir_unavailable");
  });
});
