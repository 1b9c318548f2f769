import { describe, expect, it } from "vitest";
import {
  baseName,
  fingerprintLines,
  parseSubject,
  passphraseStrength,
  shortFingerprint,
  shortHash,
  subjectParts,
} from "./format";

describe("certificate subjects", () => {
  it("reads the name and the organisation, escapes undone", () => {
    const s = "CN=Ж. К. Әбенова,title=Министр,O=Министерство \\\"Мир\\\"\\, РК,C=KZ";
    expect(parseSubject(s)).toEqual({ CN: "Ж. К. Әбенова", TITLE: "Министр", O: 'Министерство "Мир", РК', C: "KZ" });
    expect(subjectParts(s)).toEqual({ name: "Ж. К. Әбенова", organisation: 'Министерство "Мир", РК' });
  });
  it("decodes hex-escaped UTF-8 and survives nothing", () => {
    expect(parseSubject("CN=\\D0\\96 X")).toEqual({ CN: "Ж X" });
    expect(subjectParts(null)).toEqual({ name: "", organisation: "" });
    expect(subjectParts("not a subject").name).toBe("not a subject");
  });
});

describe("fingerprints and hashes", () => {
  const fp = "3F2A 9C01 0000 1111 2222 3333 4444 5555 6666 7777 8888 9999 AAAA BBBB CCCC DDDD";
  it("is read aloud in four lines of four groups", () => {
    expect(fingerprintLines(fp.replace(/ /g, "").toLowerCase())).toEqual([
      "3F2A 9C01 0000 1111",
      "2222 3333 4444 5555",
      "6666 7777 8888 9999",
      "AAAA BBBB CCCC DDDD",
    ]);
    expect(shortFingerprint(fp)).toBe("3F2A 9C01");
    expect(fingerprintLines(null)).toEqual([]);
  });
  it("shortens hashes and paths", () => {
    expect(shortHash("sha256:0123456789abcdef0123456789abcdef")).toBe("01234567…89abcdef");
    expect(shortHash("abc")).toBe("abc");
    expect(baseName("/tmp/x/memo.pdf")).toBe("memo.pdf");
    expect(baseName("C:\\x\\memo.pdf")).toBe("memo.pdf");
  });
});

describe("passphrase strength", () => {
  it.each([
    ["", "empty"],
    ["secret", "weak"],
    ["aaaaaaaaaaaaaaaaaaaa", "weak"],
    ["correcthorse", "fair"],
    ["Correct-horse-42", "strong"],
    ["жасыл алма өзен таулары", "strong"],
  ] as const)("%j is %s", (p, s) => {
    expect(passphraseStrength(p)).toBe(s);
  });
});
