// Pure helpers of the signing screens: certificate subjects, fingerprints read aloud, verdicts,
// passphrase strength. No IPC, no DOM: unit-tested.

/** The attributes of an RFC 4514 subject (`CN=Ж. К. Әбенова,O=…,C=KZ`), escapes undone. */
export function parseSubject(subject: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!subject) return out;
  let key = "";
  let value = "";
  let inValue = false;
  const flush = () => {
    const k = key.trim().toUpperCase();
    if (k && !(k in out)) out[k] = value.trim();
    key = "";
    value = "";
    inValue = false;
  };
  for (let i = 0; i < subject.length; i++) {
    const c = subject[i] as string;
    if (c === "\\" && i + 1 < subject.length) {
      const next = subject.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(next)) {
        // A hex escape: collect consecutive ones as UTF-8 bytes.
        const bytes: number[] = [];
        while (subject[i] === "\\" && /^[0-9a-fA-F]{2}$/.test(subject.slice(i + 1, i + 3))) {
          bytes.push(parseInt(subject.slice(i + 1, i + 3), 16));
          i += 3;
        }
        i -= 1;
        const text = new TextDecoder().decode(new Uint8Array(bytes));
        if (inValue) value += text;
        else key += text;
      } else {
        if (inValue) value += subject[i + 1];
        else key += subject[i + 1];
        i += 1;
      }
    } else if (c === "=" && !inValue) {
      inValue = true;
    } else if ((c === "," || c === "+") && inValue) {
      flush();
    } else if (inValue) {
      value += c;
    } else {
      key += c;
    }
  }
  if (key) flush();
  return out;
}

/** The person and organisation a subject names. */
export function subjectParts(subject: string | null | undefined): { name: string; organisation: string } {
  const a = parseSubject(subject);
  return { name: a["CN"] ?? subject ?? "", organisation: a["O"] ?? "" };
}

/** A SHA-256 fingerprint as four lines of four groups of four hex digits, for reading aloud. */
export function fingerprintLines(fingerprint: string | null | undefined): string[] {
  const hex = (fingerprint ?? "").replace(/[^0-9a-fA-F]/g, "").toUpperCase();
  const groups = hex.match(/.{1,4}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += 4) lines.push(groups.slice(i, i + 4).join(" "));
  return lines;
}

/** The first two groups, enough to tell keys apart on screen (not to compare them). */
export function shortFingerprint(fingerprint: string | null | undefined): string {
  return fingerprintLines(fingerprint)[0]?.split(" ").slice(0, 2).join(" ") ?? "";
}

/** A SHA-256 hex digest shortened for display: the first and last 8 digits. */
export function shortHash(hash: string | null | undefined): string {
  const h = (hash ?? "").replace(/^sha256:/, "");
  return h.length > 20 ? `${h.slice(0, 8)}…${h.slice(-8)}` : h;
}

/** The last part of a file path. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export type Strength = "empty" | "weak" | "fair" | "strong";

/** A rough strength of a new passphrase: length first, then variety. A hint, not a rule. */
export function passphraseStrength(passphrase: string): Strength {
  if (passphrase.length === 0) return "empty";
  const chars = [...passphrase];
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((re) =>
    chars.some((c) => re.test(c)),
  ).length;
  const distinct = new Set(chars).size;
  if (chars.length < 10 || distinct < 6) return "weak";
  if (chars.length >= 16 && distinct >= 10) return "strong";
  if (chars.length >= 12 && classes >= 3) return "strong";
  return "fair";
}
