// The desktop registry with many memorandums, timed in the real window (driven over
// WebDriver): start-up to the first registry page on screen, and search round-trips.
// Figures are printed, never asserted. Run by scripts/bench-ui.sh, which seeds the data.
import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { Session, startDriver } from "../tests/e2e/webdriver.mjs";

const binary = resolve(process.env.KELISIM_APP ?? "target/debug/kelisim-desktop");
const dataHome = process.env.BENCH_DATA_HOME;
const port = Number(process.env.BENCH_PORT ?? 4450);
const runs = Number(process.env.BENCH_RUNS ?? 3);
if (!dataHome) throw new Error("BENCH_DATA_HOME is not set");

const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());

/** The app process of this data folder, and when it started (ms since the epoch, 10 ms steps). */
function appStart() {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0")[0];
      if (resolve(cmd) !== binary) continue;
      if (!readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`XDG_DATA_HOME=${dataHome}`)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(fields[19]); // field 22 of stat: start time in clock ticks after boot
      // Boot time from the uptime (10 ms steps) rather than /proc/stat's btime (whole seconds).
      const uptime = Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]);
      const bootAt = Date.now() - uptime * 1000;
      return { pid: Number(entry), startedAt: bootAt + (ticks / CLK_TCK) * 1000 };
    } catch {
      // gone, or not ours
    }
  }
  throw new Error("the app process was not found");
}

// What the UI put on its performance timeline (ui/src/lib/stores/registry.ts): the first page
// on screen (ms since the epoch), and the last list call (its duration and the search it answered).
const FIRST_PAGE = "kelisim:registry-first-page";
const LIST = "kelisim:registry-list";
async function firstPageAt(app) {
  return Number(await app.script(`const m = performance.getEntriesByName("${FIRST_PAGE}", "mark")[0];
    return m ? performance.timeOrigin + m.startTime : 0;`));
}
async function lastList(app) {
  return app.script(`const m = performance.getEntriesByName("${LIST}", "measure").at(-1);
    return m ? { ms: m.duration, query: m.detail.query } : null;`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;

const log = [];
const driver = await startDriver({ port, dataHome, log: (l) => log.push(String(l)) });
try {
  const startup = [];
  const session = [];
  const page = [];
  const calls = [];
  for (let run = 0; run < runs; run++) {
    const asked = Date.now();
    const app = await Session.start(driver.base, binary);
    await app.until("the first registry page", async () => (await firstPageAt(app)) > 0, 60_000);
    const shown = await firstPageAt(app);
    const { startedAt } = appStart();
    const count = await app.waitFor('[data-testid="registry-count"]');
    const origin = Number(await app.script("return performance.timeOrigin"));
    const firstCall = (await lastList(app)).ms;
    startup.push(shown - startedAt);
    session.push(shown - asked);
    page.push(shown - origin);
    calls.push(firstCall);
    console.log(`run ${run + 1}: process start → first page on screen ${fmt(shown - startedAt)}; page load start → first page ${fmt(shown - origin)}; the first list call ${fmt(firstCall)} (WebDriver session request → first page ${fmt(shown - asked)}; ${count})`);

    if (run === runs - 1) {
      // Search as you type: from the last key to the new count on screen (includes the 150 ms
      // pause that coalesces keystrokes and WebDriver's polling), and the list call itself as
      // the UI measured it (IPC + store).
      const words = ["ЕРІКТІЛЕР", "мәдениет", "БЕЗОПАСНОСТЬ", "цифровизация", "ҚАУІПСІЗДІК жастар", "ЖОҚСӨЗ"];
      const wall = [];
      const call = [];
      for (const word of words) {
        await app.clear("#registry-search");
        const t0 = Date.now();
        await app.type("#registry-search", word);
        await app.until(`results for ${word}`, async () => (await lastList(app))?.query === word, 30_000);
        wall.push(Date.now() - t0);
        const ms = (await lastList(app)).ms;
        call.push(ms);
        const shown = await app.waitFor('[data-testid="registry-count"], [data-testid="registry-no-results"]');
        console.log(`search ${JSON.stringify(word)}: ${shown}; list call ${fmt(ms)}, key → page on screen ${fmt(Date.now() - t0)}`);
        await sleep(200);
      }
      console.log(`search: median list call (IPC + SQLite FTS, as the UI measures it) ${fmt(median(call))}; median last key → results on screen ${fmt(median(wall))} (includes the 150 ms typing pause and WebDriver polling)`);
    }
    await app.end();
    await sleep(500);
  }
  console.log(`start-up, ${runs} runs (medians): process start → first registry page on screen ${fmt(median(startup))} (min ${fmt(Math.min(...startup))}, max ${fmt(Math.max(...startup))}); page load start → first page ${fmt(median(page))}; first list call ${fmt(median(calls))}`);
} finally {
  await driver.stop();
}
