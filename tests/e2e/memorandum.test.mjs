// The whole memorandum in the real window: three parties (ministry, akimat, NGO), the ministry
// with a second signatory acting under a power of attorney, an annex with a 6-row action plan,
// the template's 3-year term with renewal; approved with a number from the journal, and the
// approved PDF read back by poppler's pdftotext.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { MINISTRY, NGO, Session, driverFor, fillNewMemo } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const binary = process.env.KELISIM_APP ?? join(root, "target/debug/kelisim-desktop");
const cli = join(root, "target/debug/kelisim");
const outDir = join(root, "tests/e2e/out");

const field = (path) => `textarea[data-path="${path}"]`;

/** Chooses the option whose value is `value` in a <select>, as a click would (a change event). */
async function choose(app, select, value) {
  await app.until(`option ${value} in ${select}`, async () => {
    const res = await fetch(`${app.url}/execute/sync`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        script: `const s = document.querySelector(arguments[0]);
          if (!s || ![...s.options].some((o) => o.value === arguments[1])) return false;
          s.value = arguments[1];
          s.dispatchEvent(new Event("change", { bubbles: true }));
          return true;`,
        args: [select, value],
      }),
    });
    return (await res.json()).value === true;
  });
}

/** Sets an <input> (a date field cannot be typed into portably) and fires its input event. */
async function setInput(app, css, value) {
  await app.script(
    `const i = document.querySelector(arguments[0]);
     i.value = arguments[1];
     i.dispatchEvent(new Event("input", { bubbles: true }));
     i.dispatchEvent(new Event("change", { bubbles: true }));`,
    [css, value],
  );
}

/** Clicks a button in the middle of the view (a sticky bar may cover one at the edge). */
async function press(app, css) {
  await app.find(css);
  await app.script(`document.querySelector(arguments[0]).scrollIntoView({ block: "center" })`, [css]);
  await app.click(css);
}

/** Replaces a text field's content. */
async function retype(app, css, text) {
  await app.clear(css);
  await app.type(css, text);
}

function kelisim(dataDir, args) {
  const run = spawnSync(cli, ["--data-dir", dataDir, ...args], { encoding: "utf8", env: { ...process.env, LANG: "C.UTF-8" } });
  assert.equal(run.status, 0, `kelisim ${args.join(" ")}: ${run.stderr}`);
  return run.stdout;
}

const PLAN = [
  ["Форумға дайындық отырысы", "Подготовительное совещание к форуму", "2027 жылғы қаңтар", "январь 2027 года"],
  ["ҮЕҰ тізімін бекіту", "Утверждение списка НПО", "2027 жылғы ақпан", "февраль 2027 года"],
  ["Өңірлік кездесулер", "Региональные встречи", "2027 жылғы наурыз", "март 2027 года"],
  ["Жастар алаңы", "Молодёжная площадка", "2027 жылғы сәуір", "апрель 2027 года"],
  ["Азаматтық форум", "Гражданский форум", "2027 жылғы мамыр", "май 2027 года"],
  ["Қорытынды есеп", "Итоговый отчёт", "2027 жылғы маусым", "июнь 2027 года"],
];

test("three parties, a power of attorney, an action-plan annex, a term, a registration number", { timeout: 300_000 }, async (t) => {
  assert.ok(existsSync(binary), `app binary missing: ${binary}`);
  assert.ok(existsSync(cli), `kelisim binary missing: ${cli}`);
  mkdirSync(outDir, { recursive: true });
  const dataHome = mkdtempSync(join(tmpdir(), "kelisim-e2e-memo-"));
  const dataDir = join(dataHome, "kz.kelisim.desktop");
  // The body's journal: numbers 02-15/1, 02-15/2… assigned at approval.
  kelisim(dataDir, ["journal", "settings", "--enable", "--prefix", "02-15/"]);

  const driver = await driverFor(t, { port: 4448, dataHome, logFile: join(outDir, "memorandum-driver.log") });
  const app = await Session.start(driver.base, binary);
  await app.waitFor('[data-testid="registry-empty"] h2');

  // From the kk+ru template: the ministry and the NGO.
  await fillNewMemo(app, [MINISTRY, NGO]);
  await app.click("#new-create");
  await app.waitFor('[data-testid="save-state"]', (s) => s === "Saved · revision 1");

  // A third party, the akimat: added by Rust's edit, then its names and signatory typed.
  await choose(app, '[data-testid="party-add-kind"]', "state_body");
  await press(app, '[data-testid="party-add"]');
  await app.until("a third party", async () => (await app.count('[data-testid="party-2"]')) === 1);
  await retype(app, field("parties[2].name.kk"), "Астана қаласының әкімдігі");
  await retype(app, field("parties[2].name.ru"), "Акимат города Астаны");
  await retype(app, field("parties[2].signatories[0].name.kk"), "Б. Б. Серікбаев");
  await retype(app, field("parties[2].signatories[0].name.ru"), "Б. Б. Серикбаев");
  await retype(app, field("parties[2].signatories[0].position.kk"), "Әкім");
  await retype(app, field("parties[2].signatories[0].position.ru"), "Аким");

  // The ministry's second signatory, a vice-minister under power of attorney No. 12.
  await press(app, '[data-testid="party-0-add-signatory"]');
  await app.until("a second ministry signatory", async () => (await app.count(field("parties[0].signatories[1].name.kk"))) === 1);
  await retype(app, field("parties[0].signatories[1].name.kk"), "В. В. Ахметова");
  await retype(app, field("parties[0].signatories[1].name.ru"), "В. В. Ахметова");
  await retype(app, field("parties[0].signatories[1].position.kk"), "Вице-министр");
  await retype(app, field("parties[0].signatories[1].position.ru"), "Вице-министр");
  const sig = "party-0-signatory-1";
  await choose(app, `[data-testid="${sig}-authority"]`, "power_of_attorney");
  await app.type(`[data-testid="${sig}-poa-number"]`, "12");
  await setInput(app, `[data-testid="${sig}-poa-date"]`, "2026-10-01");
  // Rust words the authority as the PDF will.
  await app.waitFor(`[data-testid="${sig}-authority-words"]`, (s) =>
    s.includes("действующий на основании доверенности № 12 от 1 октября 2026 года") &&
    s.includes("2026 жылғы 1 қазандағы № 12 сенімхат негізінде әрекет ететін"),
  );
  await app.script(`document.querySelector('[data-testid="parties-panel"]').scrollIntoView()`);
  writeFileSync(join(outDir, "parties.png"), await app.screenshot());

  // An annex with the joint action plan: a table of two columns and six rows.
  await press(app, '[data-testid="annex-add-table"]');
  await app.until("an annex", async () => (await app.count('[data-testid="annex-0-table"]')) === 1);
  await retype(app, field("annexes[0].title.kk"), "Бірлескен іс-шаралар жоспары");
  await retype(app, field("annexes[0].title.ru"), "План совместных мероприятий");
  await press(app, '[data-testid="annex-0-add-column"]');
  for (let r = 1; r < PLAN.length; r++) {
    await press(app, '[data-testid="annex-0-add-row"]');
    await app.until(`${r + 1} rows`, async () => (await app.count('tr[data-testid^="annex-0-row-"]')) === r + 1, 30_000);
  }
  const heading = (c, l) => field(`annexes[0].content.table.columns[${c}].heading.${l}`);
  await retype(app, heading(0, "kk"), "Іс-шара");
  await retype(app, heading(0, "ru"), "Мероприятие");
  await retype(app, heading(1, "kk"), "Мерзімі");
  await retype(app, heading(1, "ru"), "Срок");
  for (const [r, [kk, ru, whenKk, whenRu]] of PLAN.entries()) {
    await retype(app, `[data-testid="annex-0-cell-${r}-0-kk"]`, kk);
    await retype(app, `[data-testid="annex-0-cell-${r}-0-ru"]`, ru);
    await retype(app, `[data-testid="annex-0-cell-${r}-1-kk"]`, whenKk);
    await retype(app, `[data-testid="annex-0-cell-${r}-1-ru"]`, whenRu);
  }
  await app.script(`document.querySelector('[data-testid="annexes-panel"]').scrollIntoView()`);
  writeFileSync(join(outDir, "annex.png"), await app.screenshot());

  // The template's term: three years from the last signature, renewed yearly.
  assert.equal(await app.value('[data-testid="term-years"]'), "3");
  const renewal = await app.script(`return document.querySelector('[data-testid="term-renewal"]').checked`);
  assert.equal(renewal.value ?? renewal, true);

  // Everything valid and saved; approval assigns the journal's first number.
  await app.until("no problems", async () => (await app.count("[data-problem-path]")) === 0, 30_000);
  await app.waitFor('[data-testid="save-state"]', (s) => /^Saved · revision \d+$/.test(s) && !s.endsWith(" 1"), 30_000);
  await press(app, "#editor-approve");
  await app.waitFor('[data-testid="editor-status"]', (s) => s === "Approved", 60_000);
  await app.waitFor('[data-testid="editor-registration"]', (s) => s.includes("02-15/1"));
  await app.end();

  // The approved PDF, read by poppler.
  const pdf = join(dataHome, "approved.pdf");
  kelisim(dataDir, ["memo", "pdf", "1", "--out", pdf]);
  const text = spawnSync("pdftotext", ["-raw", pdf, "-"], { encoding: "utf8" }).stdout;
  const firstPage = spawnSync("pdftotext", ["-raw", "-f", "1", "-l", "1", pdf, "-"], { encoding: "utf8" }).stdout;
  assert.match(firstPage, /№ 02-15\/1/);
  const flat = text.replace(/\s+/g, " ");
  assert.match(flat, /действующий на основании доверенности № 12 от 1 октября 2026 года/);
  assert.match(flat, /сенімхат негізінде әрекет ететін/);
  assert.match(flat, /Акимат города Астаны/);
  assert.match(flat, /Приложение 1 к Меморандуму о сотрудничестве/);
  assert.match(flat, /План совместных мероприятий/);
  let at = 0;
  for (const [, ru] of PLAN) {
    const found = flat.indexOf(ru, at);
    assert.ok(found > at, `table row «${ru}» in order in the PDF text`);
    at = found;
  }
  // The journal lists it.
  assert.match(kelisim(dataDir, ["journal", "list", "--csv"]), /02-15\/1/);
});
