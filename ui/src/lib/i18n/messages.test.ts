import { describe, expect, it } from "vitest";
import type { UiErrorCode } from "../ipc";
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
    // Typed against the generated ErrorCode: a code added in Rust fails the type check here
    // until it is listed (and `errorHintKey` fails it until it has a hint).
    const every: Record<UiErrorCode, true> = {
      data_dir_unavailable: true, database_unavailable: true, database: true, invalid_input: true,
      validation_failed: true, not_found: true, conflict: true, file: true, wrong_passphrase: true,
      signature_invalid: true, untrusted_signer: true, kdf_too_weak: true, internal: true, ipc: true,
    };
    const codes = Object.keys(every) as UiErrorCode[];
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
