// The Kazakh interface shows no English sentence (issue 14): the error banner, the editor's
// problem list and the verification view, fed the DTOs Rust produced from a real validation of a
// bad document (problems of many kinds), its refused import, a really refused signature and the
// verification of a really tampered PDF (`fixtures/rust-messages.json`, written and kept fresh by
// crates/app/tests/messages.rs).
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import raw from "./fixtures/rust-messages.json?raw";
import { KelisimError, type ApiError, type ProblemDto, type VerificationDto } from "../ipc";
import { fakeShell, removeFakeShell } from "../ipc/testing";
import { language, lastError } from "../stores/app";
import ErrorBanner from "./ErrorBanner.svelte";
import ProblemList from "./ProblemList.svelte";
import VerifyView from "./VerifyView.svelte";

// The PDF preview (pdf.js and its worker) is not shown here.
vi.mock("./Preview.svelte", () => ({ default: () => {} }));

const fixture = JSON.parse(raw) as {
  problems: ProblemDto[];
  validationError: ApiError;
  refusedSignature: ApiError;
  verification: VerificationDto;
};

let mounted: ReturnType<typeof mount>[] = [];

afterEach(() => {
  for (const m of mounted) void unmount(m);
  mounted = [];
  lastError.set(null);
  language.set("en");
  document.body.innerHTML = "";
  removeFakeShell();
});

/** Runs of three or more words of ASCII letters in `text` once `keep` (paths, codes, values) is
 * taken out. */
export function englishRuns(text: string, keep: readonly string[]): string[] {
  let rest = text;
  for (const k of [...keep].filter((k) => k.length > 0).sort((a, b) => b.length - a.length)) rest = rest.split(k).join(" ");
  const runs: string[] = [];
  let run: string[] = [];
  const close = () => {
    if (run.length >= 3) runs.push(run.join(" "));
    run = [];
  };
  for (const word of rest.split(/\s+/)) {
    const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (bare.length > 0 && /^[A-Za-z]+$/.test(bare)) run.push(bare);
    else close();
  }
  close();
  return runs;
}

function kept(problems: ProblemDto[], error?: ApiError): string[] {
  const values = (params: Partial<Record<string, string>> | undefined) => Object.values(params ?? {}).filter((v): v is string => v !== undefined);
  const keep = problems.flatMap((p) => [p.path, p.code, ...values(p.params)]);
  if (error) keep.push(error.code, error.reason, ...values(error.params));
  return keep;
}

function asError(e: ApiError): KelisimError {
  return new KelisimError(e.code, e.message, e.problems ?? [], e.text);
}

describe("the Kazakh interface", () => {
  it("shows six kinds of problems and a refused signature with no English sentence", () => {
    expect(new Set(fixture.problems.map((p) => p.code)).size).toBeGreaterThanOrEqual(6);
    language.set("kk");

    const list = document.createElement("div");
    document.body.append(list);
    mounted.push(mount(ProblemList, { target: list, props: { problems: fixture.problems, onjump: () => {} } }));
    const banner = document.createElement("div");
    document.body.append(banner);
    mounted.push(mount(ErrorBanner, { target: banner }));

    for (const error of [fixture.validationError, fixture.refusedSignature]) {
      lastError.set(asError(error));
      flushSync();
      const shown = document.body.textContent ?? "";
      expect(shown).toContain(error.text.kk);
      for (const p of fixture.problems) expect(shown).toContain(p.text.kk);
      expect(englishRuns(shown, kept([...fixture.problems, ...(error.problems ?? [])], error))).toEqual([]);
      // The English log sentence is not what is shown.
      expect(shown).not.toContain(error.message);
    }
    expect(document.body.textContent).toContain("қол қоюшы емес");
  });

  it("shows the same DTOs in Russian and English when the interface is", () => {
    const list = document.createElement("div");
    document.body.append(list);
    mounted.push(mount(ProblemList, { target: list, props: { problems: fixture.problems, onjump: () => {} } }));
    language.set("ru");
    flushSync();
    for (const p of fixture.problems) expect(list.textContent).toContain(p.text.ru);
    language.set("en");
    flushSync();
    for (const p of fixture.problems) expect(list.textContent).toContain(p.text.en);
  });

  it("shows a tampered PDF's verification with no English sentence", async () => {
    const v = fixture.verification;
    const signature = v.signatures[0];
    expect(signature).toBeDefined();
    if (!signature) return;
    // The fixture is the real thing: findings of the file and of the signature, changes after
    // signing, and pages that are no longer what was agreed.
    expect(v.problems.length).toBeGreaterThanOrEqual(2);
    expect(signature.problems.length).toBeGreaterThanOrEqual(3);
    expect(signature.modifications.length).toBeGreaterThanOrEqual(2);
    expect(v.agreement.status).toBe("differs");

    language.set("kk");
    fakeShell((cmd) => {
      if (cmd === "test_pick_path") return "/tmp/tampered.pdf";
      if (cmd === "verify_pdf_file") return v;
      throw new Error(`unexpected ${cmd}`);
    });
    const target = document.createElement("div");
    document.body.append(target);
    mounted.push(mount(VerifyView, { target, props: { onopenmemo: () => {} } }));
    flushSync();
    target.querySelector<HTMLButtonElement>("#verify-open")?.click();
    for (let i = 0; i < 20 && !target.querySelector("[data-testid=signature-card]"); i++) {
      await new Promise((r) => setTimeout(r, 10));
      await tick();
    }
    const verdict = target.querySelector("[data-testid=verify-verdict]")?.textContent ?? "";
    const card = target.querySelector("[data-testid=signature-card]")?.textContent ?? "";
    expect(card).not.toBe("");

    const findings = [...v.problems, ...signature.problems];
    for (const f of v.problems) expect(verdict).toContain(f.text.kk);
    for (const f of signature.problems) expect(card).toContain(f.text.kk);
    for (const m of signature.modifications) expect(card).toContain(m.text.kk);
    expect(verdict).toContain(v.agreement.text.kk);
    // None of the English log sentences is what is shown.
    for (const f of findings) expect(verdict + card).not.toContain(f.message);
    for (const m of signature.modifications) expect(card).not.toContain(m.description);
    expect(verdict).not.toContain(v.agreement.detail);

    const values = (params: Partial<Record<string, string>>) => Object.values(params).filter((x): x is string => x !== undefined);
    const keep = [
      ...findings.flatMap((f) => [f.code, ...values(f.params)]),
      ...signature.modifications.flatMap((m) => [m.kind, m.object ?? ""]),
      v.agreement.code,
      ...values(v.agreement.params),
      "/tmp/tampered.pdf",
      "tampered.pdf",
    ];
    // The whole view: the verdict, the card and everything around them.
    expect(englishRuns(target.textContent ?? "", keep)).toEqual([]);
  });

  it("finds a run of three English words, and not in values", () => {
    expect(englishRuns("«x» is not allowed here", ["x"])).toEqual(["is not allowed here"]);
    expect(englishRuns("Kelisim «a b c» қолдамайды", ["a b c"])).toEqual([]);
  });
});
