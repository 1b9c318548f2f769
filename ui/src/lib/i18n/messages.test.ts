import { describe, expect, it } from "vitest";
import { detectLanguage, errorHintKey, messages, UI_LANGUAGES } from "./messages";

describe("interface strings", () => {
  const keys = Object.keys(messages.en).sort();

  it.each(UI_LANGUAGES)("%s has every key, each non-empty", (lang) => {
    const table = messages[lang];
    expect(Object.keys(table).sort()).toEqual(keys);
    for (const key of keys) expect(table[key as keyof typeof table].trim()).not.toBe("");
  });

  it.each(["kk", "ru"] as const)("%s is translated, not copied from English", (lang) => {
    // Language names and text that is a proper name may match; prose must not.
    const same = keys.filter(
      (k) => !k.startsWith("lang.") && messages[lang][k as keyof typeof messages.en] === messages.en[k as keyof typeof messages.en],
    );
    expect(same).toEqual([]);
  });

  it("Kazakh strings use the Kazakh letters, not look-alikes", () => {
    expect(messages.kk["registry.empty.title"]).toMatch(/[әғқңөұүһі]/);
  });

  it("every error code has a hint in every language", () => {
    const codes = ["data_dir_unavailable", "database_unavailable", "database", "invalid_input", "validation_failed", "not_found", "conflict", "file", "wrong_passphrase", "signature_invalid", "untrusted_signer", "kdf_too_weak", "internal", "ipc"] as const;
    for (const lang of UI_LANGUAGES)
      for (const code of codes) expect(messages[lang][errorHintKey(code)]).toBeTruthy();
  });
});

describe("detectLanguage", () => {
  it.each([
    [["kk-KZ", "ru"], "kk"],
    [["ru-RU", "en-US"], "ru"],
    [["de-DE", "ru"], "ru"],
    [["EN-gb"], "en"],
    [["de", "fr"], "en"],
    [[], "en"],
  ] as const)("%j → %s", (preferred, expected) => {
    expect(detectLanguage(preferred)).toBe(expected);
  });
});
