// Two parties sign one memorandum in the real window, each on their own installation (two data
// folders, run one after the other), exchanging only files: A drafts from the kk+ru template,
// approves, creates a key, signs, exports the PDF and the certificate; B trusts A's certificate,
// verifies and imports the PDF, creates a key, signs, exports; A trusts B's certificate, verifies
// and imports the final PDF, signed by both. pyHanko then validates the final PDF with both
// certificates as trust roots, and a copy with one byte flipped is rejected by both verifiers.
//
// File choices: WebDriver cannot drive the native GTK dialog, so the debug build answers them
// from KELISIM_E2E_PICK_DIR (saving: <dir>/<suggested name>; opening: the name the test writes
// into <dir>/open.txt). See ARCHITECTURE.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Session, startDriver, appProcesses } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const binary = process.env.KELISIM_APP ?? join(root, "target/debug/kelisim-desktop");
const pyhanko = join(root, ".venv/bin/pyhanko");
const outDir = join(root, "tests/e2e/out");
const PORT = 4450;
const logLines = [];

const MINISTRY = {
  kk: "Қазақстан Республикасы Мәдениет және ақпарат министрлігі",
  ru: "Министерство культуры и информации Республики Казахстан",
  bin: "980310005674",
  signatory: { kk: "Ж. К. Әбенова", ru: "Ж. К. Абенова" },
  position: "Министр",
};
const NGO = {
  kk: "«Жас еріктілер» қоғамдық қоры",
  ru: "Общественный фонд «Молодые волонтеры»",
  bin: "211140000425",
  signatory: { kk: "Т. М. Оспанов", ru: "Т. М. Оспанов" },
  position: "Председатель правления",
};

/** One installation: its own data folder and its own folder of exchanged files. */
function installation(name) {
  const base = mkdtempSync(join(tmpdir(), `kelisim-e2e-signing-${name}-`));
  const files = join(base, "files");
  mkdirSync(files);
  return { name, dataHome: join(base, "data"), files };
}

/** Runs `steps` in a fresh window of `inst` (the app started by its own driver). */
async function session(inst, steps) {
  // The driver starts the app with its own environment: the data folder, cheap key derivation
  // (debug builds only) and the folder that answers file choices.
  process.env.KELISIM_TEST_KDF = "fast";
  process.env.KELISIM_E2E_PICK_DIR = inst.files;
  mkdirSync(inst.dataHome, { recursive: true });
  const driver = await startDriver({ port: PORT, dataHome: inst.dataHome, log: (l) => logLines.push(`[${inst.name}] ${l}`) });
  try {
    const app = await Session.start(driver.base, binary);
    try {
      await steps(app);
    } catch (error) {
      writeFileSync(join(outDir, `signing-failure-${inst.name}.png`), await app.screenshot().catch(() => Buffer.alloc(0)));
      throw error;
    } finally {
      await app.end().catch(() => {});
    }
  } finally {
    await driver.stop();
    // Should the driver have died first, its app would live on: end it (ours by its data folder).
    for (const pid of appProcesses(binary, inst.dataHome)) process.kill(pid, "SIGKILL");
  }
}

/** The next "open" choice picks `name` in the installation's files folder. */
function answerOpen(inst, name) {
  writeFileSync(join(inst.files, "open.txt"), name);
}

const squash = (s) => s.replace(/\s+/g, " ").trim();

/** A screenshot once the page has painted what it holds (two animation frames). */
async function shot(app, name) {
  await fetch(`${app.url}/execute/async`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      script: "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
      args: [],
    }),
  });
  writeFileSync(join(outDir, name), await app.screenshot());
}

async function createKey(app, { label, name, position, organisation, bin, passphrase }) {
  await app.click("#nav-keys");
  await app.waitFor('[data-testid="keys"] h1');
  await app.type("#key-label", label);
  await app.type("#key-name", name);
  await app.type("#key-position", position);
  await app.type("#key-organisation", organisation);
  await app.type("#key-bin", bin);
  await app.type("#key-passphrase", passphrase);
  await app.waitFor('[data-testid="key-strength"]', (s) => s === "Strong.");
  await app.type("#key-passphrase-repeat", passphrase);
  await app.click("#key-create");
  await app.waitFor('[data-testid="key-created"]', (s) => s.includes(label), 60_000);
  // The passphrase fields are empty again.
  assert.equal(await app.value("#key-passphrase"), "");
  assert.equal(await app.value("#key-passphrase-repeat"), "");
  const fingerprint = squash(await app.waitFor(`[data-testid="key"][data-label="${label}"] [data-testid="key-fingerprint"]`));
  assert.match(fingerprint, /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  // The certificate for the other party.
  await app.click(`[data-testid="key"][data-label="${label}"] [data-testid="key-export"]`);
  await app.waitFor('[data-testid="keys-notice"]', (s) => s.includes(`${label}.pem`));
  return fingerprint;
}

async function trustCertificate(app, inst, file, expectedFingerprint) {
  await app.click("#nav-keys");
  answerOpen(inst, file);
  await app.click("#trust-import");
  const shown = squash(await app.waitFor('[data-testid="trust-added-fingerprint"]'));
  // Read aloud over the phone: it is the fingerprint the other party's window showed.
  assert.equal(shown, expectedFingerprint);
}

async function openMemo(app) {
  await app.click("#nav-registry");
  await app.waitFor('[data-testid="registry-count"]', (s) => s.startsWith("1 of 1"));
  await app.click("table.memos button.link");
  await app.waitFor('[data-testid="editor-status"]');
}

async function sign(app, { passphrase, expectName, screenshot }) {
  await app.click("#memo-sign");
  await app.waitFor('[data-testid="sign-dialog"][aria-busy="false"] [data-testid="sign-fingerprint"]');
  assert.equal(await app.count('[data-testid="sign-key"]'), 1, "exactly the matching key is offered");
  assert.match(await app.waitFor('[data-testid="sign-place"]'), new RegExp(`page \\d+, in the place of ${expectName}`));
  assert.match(await app.waitFor('[data-testid="sign-pdf-hash"]'), /^[0-9a-f]{64}$/);
  // A wrong passphrase: refused in the dialog, nothing signed, the field empty again.
  await app.type("#sign-passphrase", "not the passphrase");
  await app.click("#sign-submit");
  await app.waitFor('[data-testid="sign-error"]', (s) => s.includes("passphrase is not right"), 60_000);
  assert.equal(await app.attribute('[data-testid="sign-error"]', "data-code"), "wrong_passphrase");
  assert.equal(await app.value("#sign-passphrase"), "");
  await app.waitFor('[data-testid="sign-dialog"][aria-busy="false"] #sign-passphrase');
  await app.type("#sign-passphrase", passphrase);
  // Typing again takes the error away.
  await app.until("the error to go", async () => (await app.count('[data-testid="sign-error"]')) === 0);
  if (screenshot) await shot(app, screenshot);
  await app.click("#sign-submit");
  // Cleared at once, before the signature is made.
  assert.equal(await app.value("#sign-passphrase").catch(() => ""), "");
  const done = await app.waitFor('[data-testid="sign-done"]', () => true, 120_000);
  assert.match(done, new RegExp(`Signed by ${expectName}`));
  // The dialog shows the signatories as they are now (it reloads them; wait until it has, so
  // the layout is still when the close button is clicked).
  await app.waitFor('[data-testid="sign-dialog"][aria-busy="false"] [data-testid="sign-signatories"] li[data-signed="true"]');
  await app.click("#sign-close");
  await app.until("the sign dialog to close", async () => (await app.count('[data-testid="sign-dialog"]')) === 0);
  return done;
}

/** Clicks once the element can take the click: the editor re-renders after a signature. */
async function clickWhenReady(app, css) {
  await app.until(`${css} to take a click`, async () => {
    await app.click(css);
    return true;
  });
}

async function exportPdf(app) {
  await clickWhenReady(app, "#memo-export-pdf");
  const saved = await app.waitFor('[data-testid="memo-exported"]');
  const m = /Saved (\S+\.pdf)/.exec(saved);
  assert.ok(m, saved);
  return m[1];
}

async function verifyFile(app, inst, file) {
  await app.click("#nav-verify");
  await app.waitFor('[data-testid="verify"] h1');
  const run = async () => Number((await app.count('[data-testid="verify-verdict"]')) ? await app.attribute('[data-testid="verify-verdict"]', "data-run") : 0);
  const before = await run();
  answerOpen(inst, file);
  await app.click("#verify-open");
  await app.until(`the verdict on ${file}`, async () => (await run()) > before, 120_000);
  assert.equal(await app.waitFor('[data-testid="verify-verdict"] .file'), file);
  return app.attribute('[data-testid="verify-verdict"]', "data-verdict");
}

function validateWithPyhanko(pdf, trust) {
  const args = ["sign", "validate", "--pretty-print", "--trust-replace"];
  for (const t of trust) args.push("--trust", t);
  const run = spawnSync(pyhanko, [...args, pdf], { encoding: "utf8" });
  return { ok: run.status === 0, text: `${run.stdout}${run.stderr}` };
}

test("two parties sign in turn on their own installations; pyHanko agrees", { timeout: 900_000 }, async (t) => {
  assert.ok(existsSync(binary), `app binary missing: ${binary}`);
  assert.ok(existsSync(pyhanko), `pyHanko missing at ${pyhanko}: run scripts/setup.sh`);
  mkdirSync(outDir, { recursive: true });
  t.after(() => writeFileSync(join(outDir, "signing-driver.log"), logLines.join("")));

  const a = installation("a");
  const b = installation("b");
  let aFingerprint = "";
  let bFingerprint = "";
  let aPdf = "";
  let finalPdf = "";

  // ---- Party A: draft, approve, preview, key, sign, export. ----
  await session(a, async (app) => {
    await app.waitFor('[data-testid="registry-empty"] h2');
    await app.click("#new-memo");
    await app.until("templates", async () => (await app.count("#new-template option")) === 3);
    await app.type("#new-party-0-name-kk", MINISTRY.kk);
    await app.type("#new-party-0-name-ru", MINISTRY.ru);
    await app.type("#new-party-0-bin", MINISTRY.bin);
    await app.type("#new-party-0-signatory-kk", MINISTRY.signatory.kk);
    await app.type("#new-party-0-signatory-ru", MINISTRY.signatory.ru);
    await app.type("#new-party-1-name-kk", NGO.kk);
    await app.type("#new-party-1-name-ru", NGO.ru);
    await app.type("#new-party-1-bin", NGO.bin);
    await app.type("#new-party-1-signatory-kk", NGO.signatory.kk);
    await app.type("#new-party-1-signatory-ru", NGO.signatory.ru);
    await app.click("#new-create");
    await app.waitFor('[data-testid="save-state"]', (s) => s === "Saved · revision 1");

    // The draft's preview follows the editing: a saved change is rendered again.
    await app.click("#memo-preview");
    await app.waitFor('[data-testid="preview"][data-drawn="true"] [data-testid="preview-pages"]', (s) => /^Page 1 of \d+$/.test(s), 120_000);
    assert.equal(await app.attribute('[data-testid="preview"]', "data-loads"), "1");
    await app.type('textarea[data-path="sections[0].clauses[0].text.kk"]', " Тараптар жыл сайын есеп береді.");
    await app.type('textarea[data-path="sections[0].clauses[0].text.ru"]', " Стороны ежегодно отчитываются.");
    await app.waitFor('[data-testid="save-state"]', (s) => s === "Saved · revision 2");
    await app.until("the preview to render revision 2", async () =>
      (await app.attribute('[data-testid="preview"]', "data-loads")) === "2" &&
      (await app.attribute('[data-testid="preview"]', "data-drawn")) === "true",
    120_000);
    await app.click("#preview-close");

    // The draft circulates as a PDF marked on every page (issue 15), which is never signed.
    await clickWhenReady(app, "#memo-export-draft");
    const draftSaved = await app.waitFor('[data-testid="memo-exported"]');
    const draftFile = /Saved (\S+\.pdf)/.exec(draftSaved)?.[1];
    assert.ok(draftFile, draftSaved);
    const draftText = spawnSync("pdftotext", ["-f", "1", "-l", "1", draftFile, "-"], { encoding: "utf8" }).stdout;
    assert.match(draftText, /ПРОЕКТ/);
    assert.match(draftText, /DRAFT #2 · /);

    // Approve: the text is frozen and the PDF to be signed is stored.
    await app.click("#editor-approve");
    await app.waitFor('[data-testid="editor-status"]', (s) => s === "Approved", 120_000);
    // Reopening asks first (signatures would no longer apply); cancelling keeps it approved.
    await app.click("#editor-reopen");
    await app.waitFor("#reopen-body", (s) => s.includes("signatures on it will no longer apply"));
    await app.click("#reopen-cancel");
    await app.until("reopen dialog closed", async () => (await app.count('dialog[data-testid="reopen-confirm"][open]')) === 0);
    assert.equal(await app.waitFor('[data-testid="editor-status"]'), "Approved");

    // The preview shows the stored PDF's pages with the content hash.
    await app.click("#memo-preview");
    await app.waitFor('[data-testid="preview"][data-drawn="true"] [data-testid="preview-pages"]', (s) => /^Page 1 of \d+$/.test(s), 120_000);
    const pages = Number(/of (\d+)/.exec(await app.waitFor('[data-testid="preview-pages"]'))?.[1]);
    assert.ok(pages >= 2, `pages: ${pages}`);
    assert.equal(await app.count(".thumbs .thumb"), pages);
    assert.match(await app.waitFor('[data-testid="preview-hash"]'), /^sha256:[0-9a-f]{64}$/);
    await shot(app, "preview.png");
    // Fitted to the width at first; zooming in goes to the next level up.
    const fitted = parseInt(await app.waitFor('[data-testid="preview-zoom"]'), 10);
    await app.click("#preview-zoom-in");
    const zoomed = parseInt(await app.waitFor('[data-testid="preview-zoom"]', (s) => parseInt(s, 10) !== fitted), 10);
    assert.ok(zoomed > fitted && [75, 100, 125, 150, 200].includes(zoomed), `${fitted}% → ${zoomed}%`);
    await app.click("#preview-close");

    // Nobody can sign yet: the dialog says why.
    await app.click("#memo-sign");
    await app.waitFor('[data-testid="sign-dialog"][aria-busy="false"] [data-testid="sign-none"]', (s) => s.includes("no keys"));
    await app.click("#sign-close");
    await app.until("the sign dialog to close", async () => (await app.count('[data-testid="sign-dialog"]')) === 0);

    aFingerprint = await createKey(app, {
      label: "aigerim",
      name: MINISTRY.signatory.kk,
      position: MINISTRY.position,
      organisation: MINISTRY.ru,
      bin: MINISTRY.bin,
      passphrase: "Minister's long passphrase 1",
    });

    await openMemo(app);
    await sign(app, { passphrase: "Minister's long passphrase 1", expectName: MINISTRY.signatory.kk, screenshot: "sign.png" });
    await app.waitFor('[data-testid="editor-status"]', (s) => s === "Being signed");
    aPdf = await exportPdf(app);
  });
  assert.ok(existsSync(aPdf), aPdf);

  // A sends the PDF and the certificate to B.
  copyFileSync(aPdf, join(b.files, "from-a.pdf"));
  copyFileSync(join(a.files, "aigerim.pem"), join(b.files, "aigerim.pem"));

  // ---- Party B: trust A, verify and import, key, sign, export. ----
  await session(b, async (app) => {
    await app.waitFor('[data-testid="registry-empty"] h2');

    // Before trusting A, the signature verifies but its signer is not trusted.
    assert.equal(await verifyFile(app, b, "from-a.pdf"), "validUntrusted");
    await trustCertificate(app, b, "aigerim.pem", aFingerprint);

    assert.equal(await verifyFile(app, b, "from-a.pdf"), "valid");
    assert.equal(await app.count('[data-testid="signature-card"]'), 1);
    assert.equal(await app.attribute('[data-testid="signature-card"]', "data-trusted"), "true");
    assert.equal(squash(await app.waitFor('[data-testid="signature-fingerprint"]')), aFingerprint);
    assert.equal(await app.attribute('[data-testid="verify-verdict"] .agreement', "data-agreement"), "matches");
    await app.click("#verify-import");
    await app.waitFor('[data-testid="verify-imported"]', (s) => s.includes("(Being signed)"), 120_000);

    bFingerprint = await createKey(app, {
      label: "timur",
      name: NGO.signatory.ru,
      position: NGO.position,
      organisation: NGO.ru,
      bin: NGO.bin,
      passphrase: "Chairman's long passphrase 2",
    });
    assert.notEqual(bFingerprint, aFingerprint);

    await openMemo(app);
    const done = await sign(app, { passphrase: "Chairman's long passphrase 2", expectName: NGO.signatory.ru });
    assert.match(done, /Every signatory has signed/);
    await app.waitFor('[data-testid="editor-status"]', (s) => s === "Signed");
    finalPdf = await exportPdf(app);

    // B's key backed up under its own passphrase and restored under another label.
    await app.click("#nav-keys");
    await app.waitFor('[data-testid="key"][data-label="timur"]');
    await app.click('[data-testid="key"][data-label="timur"] [data-testid="key-backup"]');
    await app.type("#backup-passphrase", "Chairman's long passphrase 2");
    await app.type("#backup-file-passphrase", "Backup file passphrase 3");
    await app.click("#backup-save");
    await app.waitFor('[data-testid="keys-notice"]', (s) => s.includes("timur.kelisim-key"));
    await app.type("#restore-label", "timur-restored");
    await app.type("#restore-file-passphrase", "Backup file passphrase 3");
    await app.type("#restore-passphrase", "Restored key passphrase 4");
    answerOpen(b, "timur.kelisim-key");
    await app.click("#restore-choose");
    await app.waitFor('[data-testid="keys-notice"]', (s) => s.includes("timur-restored restored"));
    assert.equal(
      squash(await app.waitFor('[data-testid="key"][data-label="timur-restored"] [data-testid="key-fingerprint"]')),
      bFingerprint,
      "the same key and certificate",
    );

    // An organisation certification authority, and a key it issues.
    const fill = async (css, text) => {
      await app.clear(css);
      await app.type(css, text);
    };
    await fill("#key-label", "ngo-ca");
    await fill("#key-name", "Certification authority of the fund");
    await fill("#key-position", "CA");
    await fill("#key-organisation", NGO.ru);
    await app.click("#key-is-ca");
    await app.type("#key-passphrase", "Certification authority passphrase 5");
    await app.type("#key-passphrase-repeat", "Certification authority passphrase 5");
    await app.click("#key-create");
    await app.waitFor('[data-testid="key-created"]', (s) => s.includes("ngo-ca"), 60_000);
    // The form is fresh again (not a CA); the new CA is offered as an issuer.
    assert.equal(await app.value("#key-name"), "");
    await app.until("the CA among the issuers", async () => (await app.count('#key-issuer option[value="ngo-ca"]')) === 1);
    await fetch(`${app.url}/execute/sync`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        script: 'const s = document.querySelector("#key-issuer"); s.value = "ngo-ca"; s.dispatchEvent(new Event("change", { bubbles: true })); return true;',
        args: [],
      }),
    });
    await app.waitFor("#key-issuer-passphrase");
    await fill("#key-label", "deputy");
    await fill("#key-name", "А. Б. Орынбасарова");
    await fill("#key-position", "Заместитель председателя");
    await app.type("#key-issuer-passphrase", "Certification authority passphrase 5");
    await app.type("#key-passphrase", "Deputy's long passphrase 6");
    await app.type("#key-passphrase-repeat", "Deputy's long passphrase 6");
    await app.click("#key-create");
    await app.waitFor('[data-testid="key-created"]', (s) => s.includes("deputy"), 60_000);
    assert.match(await app.waitFor('[data-testid="key"][data-label="deputy"]'), /issued by CN=Certification authority of the fund/);
    assert.match(await app.waitFor('[data-testid="key"][data-label="ngo-ca"]'), /certification authority/);
    await shot(app, "keys.png");
  });

  // B sends the final PDF and the certificate back to A; a tampered copy is made too.
  copyFileSync(finalPdf, join(a.files, "final.pdf"));
  copyFileSync(join(b.files, "timur.pem"), join(a.files, "timur.pem"));
  const bytes = readFileSync(finalPdf);
  const tampered = Buffer.from(bytes);
  const at = 2000; // inside the rendering that both signatures cover
  tampered[at] ^= 0x01;
  writeFileSync(join(a.files, "tampered.pdf"), tampered);
  mkdirSync(join(a.files, "batch"));
  copyFileSync(finalPdf, join(a.files, "batch", "1-final.pdf"));
  copyFileSync(aPdf, join(a.files, "batch", "2-from-a.pdf"));
  writeFileSync(join(a.files, "batch", "3-tampered.pdf"), tampered);

  // ---- Party A again: trust B, verify and import the final PDF, signed by both. ----
  await session(a, async (app) => {
    await app.waitFor('[data-testid="registry-count"]', (s) => s.startsWith("1 of 1"));
    await trustCertificate(app, a, "timur.pem", bFingerprint);
    assert.equal(await verifyFile(app, a, "final.pdf"), "valid");
    assert.equal(await app.count('[data-testid="signature-card"]'), 2);
    assert.equal(await app.count('[data-testid="signature-card"][data-verdict="valid"][data-trusted="true"]'), 2);
    await shot(app, "verify.png");
    await app.click("#verify-import");
    await app.waitFor('[data-testid="verify-imported"]', (s) => s.includes("(Signed)"), 120_000);
    await app.click("#verify-open-memo");
    await app.waitFor('[data-testid="editor-status"]', (s) => s === "Signed");

    // The history: created, the draft exported, approved, signed by A, exported, signed by B;
    // the chain intact.
    await app.click("#memo-history");
    await app.waitFor('[data-testid="audit-check"]', (s) => s.startsWith("The audit log is intact"));
    assert.equal(await app.count('[data-testid="audit-entry"][data-action="signed"]'), 2);
    assert.equal(await app.count('[data-testid="audit-entry"][data-action="exported"]'), 2);
    await app.click("#audit-close");

    // One flipped byte: Kelisim refuses it.
    const verdict = await verifyFile(app, a, "tampered.pdf");
    assert.notEqual(verdict, "valid");
    assert.notEqual(verdict, "validUntrusted");
    await shot(app, "verify-tampered.png");

    // A folder at once: a progress bar, one row per file, the summary saved as CSV.
    answerOpen(a, "batch");
    await app.click("#verify-folder");
    await app.waitFor('[data-testid="verify-folder-summary"] span', (s) => s === "3 of 3 files", 120_000);
    assert.equal(await app.count('[data-testid="verify-folder-summary"] tbody tr'), 3);
    assert.equal(await app.count('[data-testid="verify-folder-summary"] tbody tr[data-verdict="valid"]'), 2);
    await app.click("#verify-export-csv");
    await app.until("the CSV", async () => existsSync(join(a.files, "verification.csv")));
  });
  const csv = readFileSync(join(a.files, "verification.csv"), "utf8").trim().split("\r\n");
  assert.equal(csv[0], "file,verdict,signatures,signers,detail");
  assert.deepEqual(csv.slice(1).map((l) => l.split(",").slice(0, 3).join(",")), [
    '"1-final.pdf","valid",2',
    '"2-from-a.pdf","valid",1',
    // The flipped byte breaks a dictionary key of object 13: the strict structure reader refuses
    // the file before any signature is read, so the row lists none (and says why in "detail").
    '"3-tampered.pdf","invalid",0',
  ]);
  assert.match(csv[3], /structure is refused.*object_malformed/);

  // The independent validator agrees on both counts.
  const trust = [join(a.files, "aigerim.pem"), join(a.files, "timur.pem")];
  const good = validateWithPyhanko(join(a.files, "final.pdf"), trust);
  assert.ok(good.ok, good.text);
  assert.equal(good.text.match(/The signature is judged VALID/g)?.length, 2, good.text);
  const bad = validateWithPyhanko(join(a.files, "tampered.pdf"), trust);
  assert.ok(!bad.ok, bad.text);
});
