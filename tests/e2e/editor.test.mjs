// Legal staff's day in the real window: a bilingual memorandum from the template with two
// parties, edited in both languages, a missing translation found and fixed, autosaved revisions
// compared, found again by a Kazakh word in capitals, and all of it still there after a restart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { MINISTRY, NGO, Session, driverFor, fillNewMemo } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const binary = process.env.KELISIM_APP ?? join(root, "target/debug/kelisim-desktop");
const outDir = join(root, "tests/e2e/out");

/** Drags clause arguments[0]'s handle onto clause arguments[1], in its upper or lower half. */
const DRAG = `
  const [from, to, where] = arguments;
  const handle = document.querySelector('[data-drag-clause="' + from + '"]');
  const target = document.querySelector('[data-clause="' + to + '"]');
  const box = target.getBoundingClientRect();
  const at = { bubbles: true, cancelable: true, dataTransfer: new DataTransfer(), clientX: box.left + 20,
    clientY: where === "after" ? box.bottom - 4 : box.top + 4 };
  handle.dispatchEvent(new DragEvent("dragstart", at));
  target.dispatchEvent(new DragEvent("dragenter", at));
  target.dispatchEvent(new DragEvent("dragover", at));
  target.dispatchEvent(new DragEvent("drop", at));
  handle.dispatchEvent(new DragEvent("dragend", at));`;

/** Chooses the option of a <select> whose text contains `text`, as a click would (a change event). */
async function chooseOption(app, select, text) {
  await app.until(`an option "${text}" in ${select}`, async () => {
    const res = await fetch(`${app.url}/execute/sync`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        script: `const s = document.querySelector(arguments[0]);
          const o = s && [...s.options].find((o) => o.text.includes(arguments[1]) || o.value === arguments[1]);
          if (!o) return false;
          s.value = o.value;
          s.dispatchEvent(new Event("change", { bubbles: true }));
          return true;`,
        args: [select, text],
      }),
    });
    return (await res.json()).value === true;
  });
}

const clause = (path, lang) => `textarea[data-path="${path}.${lang}"]`;
const FIRST = "sections[0].clauses[0].text";
const SECOND_SECTION = "sections[1].clauses[0].text";

test("draft, validate, autosave, compare, search and restart", { timeout: 240_000 }, async (t) => {
  assert.ok(existsSync(binary), `app binary missing: ${binary}`);
  mkdirSync(outDir, { recursive: true });
  const dataHome = mkdtempSync(join(tmpdir(), "kelisim-e2e-editor-"));
  const driver = await driverFor(t, { port: 4446, dataHome, logFile: join(outDir, "editor-driver.log") });

  let app = await Session.start(driver.base, binary);
  await app.waitFor('[data-testid="registry-empty"] h2');

  // New memorandum from the kk+ru template, two parties, the BIN checked as it is typed.
  await fillNewMemo(app, [MINISTRY, { ...NGO, bin: "211140000426" }]);
  await app.waitFor("#new-party-1-bin-hint", (s) => s.includes("check digit"));
  await app.clear("#new-party-1-bin");
  await app.type("#new-party-1-bin", "211140000425");
  await app.waitFor("#new-party-1-bin-hint", (s) => s === "");
  await app.click("#new-create");

  // The editor: both languages side by side, saved as revision 1.
  await app.waitFor('[data-testid="save-state"]', (s) => s === "Saved · revision 1");
  // The title keeps its placeholders; what the PDF will print is shown resolved under it.
  assert.match(await app.value(clause("title", "kk")), /^\{\{party\.state\.name\}\} мен/);
  assert.match(
    await app.waitFor('[data-resolved="title.kk"]'),
    /^Қазақстан Республикасы Мәдениет және ақпарат министрлігі мен «Жас еріктілер» қоғамдық қоры/,
  );

  // Edit a clause in both languages.
  await app.type(clause(FIRST, "kk"), " Тараптар жыл сайын есеп береді.");
  await app.type(clause(FIRST, "ru"), " Стороны ежегодно отчитываются.");
  await app.waitFor('[data-testid="save-state"]', (s) => s === "Saved · revision 2");

  // A missing translation: the problem names its path, a click takes us there.
  await app.clear(clause(SECOND_SECTION, "ru"));
  await app.type(clause(SECOND_SECTION, "ru"), " ");
  await app.clear(clause(SECOND_SECTION, "ru"));
  const problem = `[data-problem-path="${SECOND_SECTION}.ru"]`;
  await app.waitFor(problem, (s) => s.includes(SECOND_SECTION + ".ru"));
  writeFileSync(join(outDir, "editor-problem.png"), await app.screenshot());
  // Keyboard-first: the problem is reached and activated with the keyboard.
  await app.type(problem, "\uE007");
  assert.equal(await app.activeAttribute("data-path"), `${SECOND_SECTION}.ru`);
  await app.type(clause(SECOND_SECTION, "ru"), "Стороны определяют направления сотрудничества совместно.");
  await app.until("problems to clear", async () => (await app.count("[data-problem-path]")) === 0);
  await app.waitFor('[data-testid="save-state"]', (s) => s === "Saved · revision 3");

  // Compare revisions 2 and 3.
  await app.click("#editor-revisions");
  await app.waitFor('[data-testid="revisions"]', (s) => s.includes("Revision 3"));
  await app.type("#diff-compare", "\uE007");
  const diff = await app.waitFor('[data-testid="diff"]', (s) => s.includes("совместно"));
  assert.match(diff, /Kazakh\s+No differences\./);
  writeFileSync(join(outDir, "editor.png"), await app.screenshot());

  await app.click("#editor-back");
  await app.waitFor('[data-testid="registry-count"]', (s) => s.startsWith("1 of 1"));

  // A second memorandum: the ministry picked from the organisations registry (its fields
  // prefilled), English added from the English template, the languages one after the other.
  await app.click("#new-memo");
  await app.until("the registry's organisations", async () => (await app.count("#new-org-0 option")) === 3);
  await chooseOption(app, "#new-org-0", "980310005674");
  await app.until("the prefilled name", async () =>
    (await app.value("#new-party-0-name-ru")) === "Министерство культуры и информации Республики Казахстан",
  );
  assert.equal(await app.value("#new-party-0-bin"), "980310005674");
  await app.click("#new-lang-en");
  await app.until("the layout choice", async () => (await app.count("#new-layout")) === 1);
  await chooseOption(app, "#new-layout", "sequential");
  // The registry's party has no English yet: its English fields are filled in here.
  await app.type("#new-party-0-name-en", "Ministry of Culture and Information of the Republic of Kazakhstan");
  await app.type("#new-party-0-short-en", "Ministry of Culture");
  await app.type("#new-party-0-address-en", "Astana, Mangilik El avenue, 8");
  await app.type("#new-party-0-position-en", "Minister");
  await app.type("#new-party-0-signatory-en", "A. A. Akhmetov");
  await app.click("#new-create");
  await app.waitFor('[data-testid="save-state"]', (s) => s === "Saved · revision 1");
  assert.equal(await app.count('textarea[data-path="title.en"]'), 1);
  assert.match(await app.value(clause(FIRST, "en")), /\S/);
  assert.equal(await app.count("[data-problem-path]"), 0);

  // Reordered by drag and drop: the first clause dropped below the second, renumbered at once
  // and autosaved. (HTML5 drag events dispatched in the page: WebDriver cannot drag natively.)
  const first = await app.value(clause(FIRST, "en"));
  const second = await app.value(clause("sections[0].clauses[1].text", "en"));
  await app.script(DRAG, ["0.0", "0.1", "after"]);
  await app.until("the clauses to swap", async () => (await app.value(clause(FIRST, "en"))) === second);
  assert.equal(await app.value(clause("sections[0].clauses[1].text", "en")), first);
  await app.waitFor('[data-testid="save-state"]', (s) => s === "Saved · revision 2");

  // The shortcuts, listed on F1.
  await app.type(clause(FIRST, "kk"), "\uE031"); // F1
  const shortcuts = await app.waitFor('[data-testid="shortcuts"]', (s) => s.includes("Ctrl+S"));
  assert.match(shortcuts, /Ctrl\+F\s*Search the registry/);
  assert.match(shortcuts, /Ctrl\+1 · Ctrl\+2 · Ctrl\+3\s*Go to the first, second or third language column/);
  await app.click("#close-shortcuts");

  await app.click("#editor-back");
  await app.waitFor('[data-testid="registry-count"]', (s) => s.startsWith("2 of 2"));

  // Found by a Kazakh word in capitals (typed into the first memorandum's clause only).
  await app.type("#registry-search", "САЙЫН");
  await app.waitFor('[data-testid="registry-count"]', (s) => s.startsWith("1 of 1"));
  assert.equal(await app.count('table.memos tr[data-id="1"]'), 1);
  writeFileSync(join(outDir, "registry.png"), await app.screenshot());
  await app.clear("#registry-search");
  await app.type("#registry-search", "ЖОҚСӨЗ");
  await app.waitFor('[data-testid="registry-no-results"]');
  // Clearing fires no input event here: type a space (searching for nothing), then clear.
  await app.clear("#registry-search");
  await app.type("#registry-search", " ");
  await app.clear("#registry-search");
  await app.waitFor('[data-testid="registry-count"]', (s) => s.startsWith("2 of 2"));

  // The party filter: the NGO is a party to the first memorandum only.
  await chooseOption(app, "#registry-party", "211140000425");
  await app.waitFor('[data-testid="registry-count"]', (s) => s.startsWith("1 of 1"));
  await chooseOption(app, "#registry-party", "980310005674");
  await app.waitFor('[data-testid="registry-count"]', (s) => s.startsWith("2 of 2"));
  await app.end();

  // After a restart everything is still there.
  app = await Session.start(driver.base, binary);
  await app.waitFor('[data-testid="registry-count"]', (s) => s.startsWith("2 of 2"));
  await app.click('table.memos tr[data-id="1"] button.link');
  await app.waitFor('[data-testid="save-state"]', (s) => s === "Saved · revision 3");
  assert.match(await app.value(clause(FIRST, "kk")), /Тараптар жыл сайын есеп береді\.$/);
  assert.equal(await app.value(clause(SECOND_SECTION, "ru")), "Стороны определяют направления сотрудничества совместно.");
  await app.end();
});
