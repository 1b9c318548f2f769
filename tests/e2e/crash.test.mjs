// Never lose work: the app is killed (SIGKILL, no chance to save) while a memorandum is being
// edited. After a restart the autosaved revisions are there, and text typed after the last
// revision — here a draft that cannot be saved yet (a translation missing) — comes back from the
// editor's working copy, with its problem listed, and is then saved normally.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Session, startDriver } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const binary = process.env.KELISIM_APP ?? join(root, "target/debug/kelisim-desktop");
const outDir = join(root, "tests/e2e/out");
const logLines = [];
const PORT = 4448;

const clause = (path, lang) => `textarea[data-path="${path}.${lang}"]`;
const FIRST = "sections[0].clauses[0].text";
const SECOND = "sections[0].clauses[1].text";
const saveState = '[data-testid="save-state"]';

/** The app process the driver started for this test: our binary, with our data folder. */
function appPid(dataHome) {
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0")[0];
      if (resolve(cmdline) !== resolve(binary)) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      if (environ.includes(`XDG_DATA_HOME=${dataHome}`)) found.push(Number(entry));
    } catch {
      // the process ended, or is not ours to read
    }
  }
  assert.equal(found.length, 1, `expected one app process for ${dataHome}, found ${found.length}`);
  return found[0];
}

/** Runs a script in the page (W3C Execute Script); our client has no wrapper for it. */
async function script(session, body, args = []) {
  const res = await fetch(`${session.url}/execute/sync`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ script: body, args }),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`execute: ${JSON.stringify(json.value)}`);
  return json.value;
}

async function untilGone(pid) {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
  throw new Error(`process ${pid} is still there after SIGKILL`);
}

test("a killed app loses no saved revision and gives back the unsaved text", { timeout: 240_000 }, async (t) => {
  assert.ok(existsSync(binary), `app binary missing: ${binary}`);
  mkdirSync(outDir, { recursive: true });
  const dataHome = mkdtempSync(join(tmpdir(), "kelisim-e2e-crash-"));
  const log = (l) => logLines.push(String(l));
  let driver = await startDriver({ port: PORT, dataHome, log });
  t.after(async () => {
    await driver.stop();
    writeFileSync(join(outDir, "crash-driver.log"), logLines.join(""));
  });

  let app = await Session.start(driver.base, binary);
  await app.waitFor('[data-testid="registry-empty"] h2');
  await app.click("#new-memo");
  await app.until("templates", async () => (await app.count("#new-party-0-name-kk")) === 1);
  await app.click("#new-create");
  await app.waitFor(saveState, (s) => s === "Saved · revision 1");

  // Typing, autosaved as a revision once the typing stops.
  await app.type(clause(FIRST, "kk"), " Бірінші сөйлем.");
  await app.type(clause(FIRST, "ru"), " Первое предложение.");
  await app.waitFor(saveState, (s) => s === "Saved · revision 2");

  // More typing; a few seconds later the app is killed without warning.
  await app.type(clause(FIRST, "kk"), " Екінші сөйлем.");
  await app.type(clause(FIRST, "ru"), " Второе предложение.");
  await sleep(3000);
  await app.waitFor(saveState, (s) => s === "Saved · revision 3");

  // Text that cannot be saved yet: Kazakh changed, the Russian emptied (a missing translation).
  // It lives only in the working copy.
  const draft = "Үшінші тармақ, әлі аударылмаған.";
  await app.clear(clause(SECOND, "kk"));
  await app.type(clause(SECOND, "kk"), draft);
  // Clearing fires no input event here: type a space (an input), then clear the field.
  await app.clear(clause(SECOND, "ru"));
  await app.type(clause(SECOND, "ru"), " ");
  await app.clear(clause(SECOND, "ru"));
  await app.waitFor(`[data-problem-path="${SECOND}.ru"]`);
  await app.until("the working copy to hold the draft", async () =>
    String(await script(app, "return localStorage.getItem('kelisim.working-copy.1') ?? ''")).includes(draft),
  );
  assert.equal(await app.waitFor(saveState), "Not saved yet");

  const pid = appPid(dataHome);
  process.kill(pid, "SIGKILL");
  await untilGone(pid);
  // The session's browser is gone: a fresh driver and session on the same data folder.
  await driver.stop();
  driver = await startDriver({ port: PORT, dataHome, log });

  app = await Session.start(driver.base, binary);
  await app.waitFor('[data-testid="registry-count"]', (s) => s.startsWith("1 of 1"));
  await app.click("table.memos button.link");
  // Every saved revision is there…
  await app.until("the editor", async () => (await app.count(clause(FIRST, "kk"))) === 1);
  assert.match(await app.value(clause(FIRST, "kk")), /Бірінші сөйлем\. Екінші сөйлем\.$/);
  assert.match(await app.value(clause(FIRST, "ru")), /Первое предложение\. Второе предложение\.$/);
  // …and the unsaved draft came back from the working copy, with its problem listed.
  assert.equal(await app.value(clause(SECOND, "kk")), draft);
  assert.equal((await app.value(clause(SECOND, "ru"))).trim(), "");
  assert.equal(await app.waitFor(saveState), "Not saved yet");
  await app.waitFor(`[data-problem-path="${SECOND}.ru"]`);
  writeFileSync(join(outDir, "crash-recovered.png"), await app.screenshot());

  // Translating it lets it be saved as the next revision.
  await app.clear(clause(SECOND, "ru"));
  await app.type(clause(SECOND, "ru"), "Третий пункт, уже переведён.");
  await app.waitFor(saveState, (s) => s === "Saved · revision 4");
  assert.equal(await app.count("[data-problem-path]"), 0);
  await app.end();
});
