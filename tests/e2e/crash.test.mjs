// Never lose work. The app is killed (SIGKILL, no chance to save) while a memorandum is being
// edited: after a restart the autosaved revisions are there, and text typed after the last
// revision — here a draft that cannot be saved yet (a translation missing) — comes back from the
// editor's working copy, with its problem listed, and is then saved normally. And the window is
// closed (as a window manager's close button does): pending text is saved on the way out, and
// text that cannot be saved makes the app ask (stay, or close anyway keeping the working copy).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { execFileSync } from "node:child_process";
import { Session, appProcesses, startDriver } from "./webdriver.mjs";

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
  const found = appProcesses(binary, dataHome);
  assert.equal(found.length, 1, `expected one app process for ${dataHome}, found ${found.length}`);
  return found[0];
}

/** Ends what the killed or closed app may have left behind (WebKit's helper processes carry
 * the test's data folder in their environment), so that nothing holds the driver's output open. */
function endLeftovers(dataHome) {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`XDG_DATA_HOME=${dataHome}`)) continue;
      logLines.push(`[test] ending leftover process ${entry}: ${readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0")[0]}\n`);
      process.kill(Number(entry), "SIGKILL");
    } catch {
      // gone already
    }
  }
}

/** Starts the app on an empty data folder and creates a memorandum from the first template. */
async function firstMemorandum(driver) {
  const app = await Session.start(driver.base, binary);
  await app.waitFor('[data-testid="registry-empty"] h2');
  await app.click("#new-memo");
  await app.until("templates", async () => (await app.count("#new-party-0-name-kk")) === 1);
  await app.click("#new-create");
  await app.waitFor(saveState, (s) => s === "Saved · revision 1");
  return app;
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
    endLeftovers(dataHome);
    writeFileSync(join(outDir, "crash-driver.log"), logLines.join(""));
  });

  let app = await firstMemorandum(driver);

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
    String(await app.script("return localStorage.getItem('kelisim.working-copy.1') ?? ''")).includes(draft),
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

/** Asks the app's window to close as a window manager would (Xvfb here has none). */
function askToClose(pid) {
  execFileSync("python3", [join(root, "tests/e2e/wm_close.py"), String(pid)], { stdio: "pipe" });
}


test("closing the window saves first, and asks when the text cannot be saved", { timeout: 240_000 }, async (t) => {
  assert.ok(existsSync(binary), `app binary missing: ${binary}`);
  const dataHome = mkdtempSync(join(tmpdir(), "kelisim-e2e-close-"));
  const log = (l) => logLines.push(String(l));
  let driver = await startDriver({ port: PORT, dataHome, log });
  t.after(async () => {
    await driver.stop();
    endLeftovers(dataHome);
    writeFileSync(join(outDir, "close-driver.log"), logLines.join(""));
  });
  const restart = async () => {
    await driver.stop();
    driver = await startDriver({ port: PORT, dataHome, log });
    const session = await Session.start(driver.base, binary);
    await session.waitFor('[data-testid="registry-count"]', (s) => s.startsWith("1 of 1"));
    await session.click("table.memos button.link");
    await session.until("the editor", async () => (await session.count(clause(FIRST, "kk"))) === 1);
    return session;
  };

  let app = await firstMemorandum(driver);

  // Typed and closed at once, before the autosave's pause is over: saved on the way out.
  await app.type(clause(FIRST, "ru"), " Сохранено при закрытии.");
  await app.type(clause(FIRST, "kk"), " Жабу кезінде сақталды.");
  assert.equal(await app.waitFor(saveState), "Not saved yet");
  let pid = appPid(dataHome);
  askToClose(pid);
  await untilGone(pid);
  app = await restart();
  await app.waitFor(saveState, (s) => s === "Saved · revision 2");
  assert.match(await app.value(clause(FIRST, "ru")), /Сохранено при закрытии\.$/);

  // Text that cannot be saved (a translation missing): closing asks first.
  await app.clear(clause(FIRST, "ru"));
  await app.type(clause(FIRST, "ru"), " ");
  await app.clear(clause(FIRST, "ru"));
  await app.waitFor(`[data-problem-path="${FIRST}.ru"]`);
  pid = appPid(dataHome);
  askToClose(pid);
  await app.waitFor('[data-testid="close-guard"]', (s) => s.includes("The latest changes are not saved"));
  writeFileSync(join(outDir, "close-guard.png"), await app.screenshot());
  assert.equal(await app.activeAttribute("id"), "close-stay"); // the safe choice has the focus
  // Stay: the window and the text are still there.
  await app.click("#close-stay");
  await app.until("the question to go", async () => (await app.waitFor('[data-testid="close-guard"]', () => true)) === "");
  process.kill(pid, 0);
  assert.equal(await app.waitFor(saveState), "Not saved yet");
  // Close anyway: the window closes; the text waits in the working copy.
  askToClose(pid);
  await app.waitFor('[data-testid="close-guard"]', (s) => s.includes("Close anyway"));
  // The window goes away while WebDriver still waits for the click's answer: an error is fine.
  await app.click("#close-anyway").catch(() => {});
  await untilGone(pid);
  app = await restart();
  assert.equal(await app.waitFor(saveState), "Not saved yet");
  assert.equal((await app.value(clause(FIRST, "ru"))).trim(), "");
  await app.waitFor(`[data-problem-path="${FIRST}.ru"]`);
  // Translated, it is saved; then the session can close the app (it would ask otherwise).
  await app.clear(clause(FIRST, "ru"));
  await app.type(clause(FIRST, "ru"), "Стороны сотрудничают.");
  await app.waitFor(saveState, (s) => s === "Saved · revision 3");
  await app.end();
});
