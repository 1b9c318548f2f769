// A party edited in the editor, timed to the preview's first page drawn again, in the real
// window over WebDriver. The UI marks its performance timeline (Preview.svelte): a reload's
// start, and the measure from there to its first page on screen. Figures are printed, never
// asserted. Run by scripts/bench-preview.sh, which seeds the data.
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Session, startDriver } from "../tests/e2e/webdriver.mjs";

const binary = resolve(process.env.KELISIM_APP ?? "target/debug/kelisim-desktop");
const dataHome = process.env.BENCH_DATA_HOME;
const port = Number(process.env.BENCH_PORT ?? 4451);
const edits = Number(process.env.BENCH_EDITS ?? 7);
if (!dataHome) throw new Error("BENCH_DATA_HOME is not set");

const EDIT = "bench:edit";
const RELOAD = "kelisim:preview-reload";
const FIRST_PAGE = "kelisim:preview-first-page";
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;

/** The timeline since the last edit mark: the edit, the reload it caused, its first page. */
async function timeline(app) {
  return app.script(`const edit = performance.getEntriesByName("${EDIT}", "mark").at(-1);
    const reload = performance.getEntriesByName("${RELOAD}", "mark").filter((m) => m.startTime > edit.startTime).at(-1);
    const page = performance.getEntriesByName("${FIRST_PAGE}", "measure").filter((m) => reload && m.startTime >= reload.startTime).at(-1);
    const last = (name) => performance.getEntriesByName(name, "measure").filter((m) => reload && m.startTime >= reload.startTime).at(-1);
    const fetch = last("kelisim:preview-fetch");
    const parse = last("kelisim:preview-parse");
    return page && fetch && parse
      ? { edit: edit.startTime, reload: reload.startTime, page: page.startTime + page.duration, pages: page.detail.pages, fetch: fetch.duration, parse: parse.duration }
      : null;`);
}

/** Marks the edit and does it in the same turn of the page's event loop, once the last edit
 * is saved and its preview wholly drawn. */
async function edit(app, js, args) {
  await app.waitFor('[data-testid="save-state"]', (s) => s.startsWith("Saved"), 60_000);
  await app.until("the preview drawn", async () => (await app.attribute('[data-testid="preview"]', "data-drawn")) === "true", 60_000);
  await app.script(`performance.mark("${EDIT}"); ${js}`, args);
  let found = null;
  await app.until("the preview's first page after the edit", async () => (found = await timeline(app)), 60_000);
  return found;
}

const log = [];
const driver = await startDriver({ port, dataHome, log: (l) => log.push(String(l)) });
try {
  const app = await Session.start(driver.base, binary);
  await app.waitFor('[data-testid="registry-count"]', (s) => s.startsWith("1 of 1"));
  await app.click("table.memos button.link");
  await app.waitFor('[data-testid="save-state"]', (s) => s.startsWith("Saved"));
  await app.click("#memo-preview");
  await app.until("the first preview", async () => (await app.attribute('[data-testid="preview"]', "data-drawn")) === "true", 120_000);

  const moves = [];
  for (let i = 0; i < edits; i++) {
    // The second party down, then back up: a structural edit saved at once (Rust's edit).
    const button = i % 2 === 0 ? '[data-testid="party-1-down"]' : '[data-testid="party-2-up"]';
    const t = await edit(app, `document.querySelector(arguments[0]).click();`, [button]);
    moves.push(t);
    console.log(`move a party: edit → reload ${fmt(t.reload - t.edit)}, reload → first page ${fmt(t.page - t.reload)} (the PDF from Rust ${fmt(t.fetch)}, pdf.js parse ${fmt(t.parse)}), edit → first page ${fmt(t.page - t.edit)} (${t.pages} pages)`);
    await sleep(300);
  }
  const typed = [];
  const name = `textarea[data-path="parties[1].name.ru"]`;
  const original = await app.value(name);
  for (let i = 0; i < edits; i++) {
    // A party's name typed: the autosave waits for a pause in the typing (AUTOSAVE_MS), then saves.
    const t = await edit(
      app,
      `const a = document.querySelector(arguments[0]); a.value = arguments[1];
       a.dispatchEvent(new Event("input", { bubbles: true }));`,
      [name, `${original} ${i + 1}`],
    );
    typed.push(t);
    console.log(`type a party's name: key → reload ${fmt(t.reload - t.edit)} (the autosave's pause included), reload → first page ${fmt(t.page - t.reload)} (the PDF from Rust ${fmt(t.fetch)}, pdf.js parse ${fmt(t.parse)})`);
    await sleep(300);
  }
  const m = (xs, f) => fmt(median(xs.map(f)));
  console.log(`\nmove a party (${edits} edits, medians): edit → preview's first page ${m(moves, (t) => t.page - t.edit)} (edit → reload ${m(moves, (t) => t.reload - t.edit)}; reload → first page ${m(moves, (t) => t.page - t.reload)}, of which the PDF from Rust ${m(moves, (t) => t.fetch)} and pdf.js's parse ${m(moves, (t) => t.parse)})`);
  console.log(`type a party's name (${edits} edits, medians): last key → first page ${m(typed, (t) => t.page - t.edit)}, of which the autosave's pause and save ${m(typed, (t) => t.reload - t.edit)}; saved revision → first page ${m(typed, (t) => t.page - t.reload)}`);
  await app.end();
} finally {
  await driver.stop();
}
