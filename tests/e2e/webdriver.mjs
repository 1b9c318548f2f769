// A small W3C WebDriver client over fetch, and the harness that starts Debian's WebKitWebDriver
// for the Kelisim binary with its own data folder. No dependencies beyond Node itself.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** The app binary the tests drive (scripts/e2e.sh sets it). */
const APP = process.env.KELISIM_APP ?? resolve(import.meta.dirname, "../../target/debug/kelisim-desktop");

export async function startDriver({ port, dataHome, log }) {
  const driver = spawn("WebKitWebDriver", [`--port=${port}`, "--host=127.0.0.1"], {
    env: {
      ...process.env,
      // Without it the session never starts; with it the app accepts automation.
      TAURI_WEBVIEW_AUTOMATION: "true",
      // The app's data folder (and WebKit's) live under here: a fresh one per test run.
      XDG_DATA_HOME: dataHome,
      KELISIM_DATA_DIR: "",
      LANG: "en_US.UTF-8",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  driver.stdout.on("data", (d) => log(`[driver] ${d}`));
  driver.stderr.on("data", (d) => log(`[driver] ${d}`));
  driver.on("exit", (code, signal) => log(`[driver] exited (code ${code}, signal ${signal})\n`));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`${base}/status`);
      if (res.ok && (await res.json()).value?.ready) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not become ready on ${base}`);
    await sleep(100);
  }
  const exited = () =>
    new Promise((resolve) => {
      // Gone already (exited, or killed by a signal): "exit" will not fire again.
      if (driver.exitCode !== null || driver.signalCode !== null) return resolve();
      driver.once("exit", resolve);
      driver.kill("SIGTERM");
    });
  return {
    base,
    // Ends the driver, then any app it left running: WebKitWebDriver closes the webview when a
    // session ends, which does not always end the app, and an app left behind holds the driver's
    // output pipe open, so this test file's process would never exit and the suite would hang.
    stop: async () => {
      await exited();
      await ended(appProcesses(APP, dataHome));
      driver.stdout.destroy();
      driver.stderr.destroy();
    },
  };
}

/** Ends the processes `pids` (SIGTERM, then SIGKILL after two seconds). */
async function ended(pids) {
  const alive = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const pid of pids) if (alive(pid)) process.kill(pid, "SIGTERM");
  for (let i = 0; i < 20 && pids.some(alive); i++) await sleep(100);
  for (const pid of pids) if (alive(pid)) process.kill(pid, "SIGKILL");
}

async function request(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${JSON.stringify(json.value)}`);
  return json.value;
}

export class Session {
  static async start(base, binary) {
    const value = await request("POST", `${base}/session`, {
      capabilities: { alwaysMatch: { "webkitgtk:browserOptions": { binary, args: [] } } },
    });
    return new Session(base, value.sessionId);
  }

  constructor(base, id) {
    this.url = `${base}/session/${id}`;
  }

  async end() {
    await request("DELETE", this.url);
  }

  async find(css) {
    const value = await request("POST", `${this.url}/element`, { using: "css selector", value: css });
    // W3C names the reference "element-6066-…"; take the one value rather than spell it.
    const [id] = Object.values(value);
    if (typeof id !== "string") throw new Error(`no element reference for ${css}`);
    return id;
  }

  /** Polls until `css` exists and `check(text)` holds; returns the element's text. */
  async waitFor(css, check = () => true, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    let last = "(not found)";
    for (;;) {
      try {
        const el = await this.find(css);
        last = await request("GET", `${this.url}/element/${el}/text`);
        if (check(last)) return last;
      } catch {
        // not there yet
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${css}; last text: ${last}`);
      await sleep(100);
    }
  }

  async click(css) {
    const el = await this.find(css);
    await request("POST", `${this.url}/element/${el}/click`, {});
  }

  async attribute(css, name) {
    const el = await this.find(css);
    return request("GET", `${this.url}/element/${el}/attribute/${name}`);
  }

  /** Types into an element (appending to what it holds). */
  async type(css, text) {
    const el = await this.find(css);
    await request("POST", `${this.url}/element/${el}/value`, { text });
  }

  async clear(css) {
    const el = await this.find(css);
    await request("POST", `${this.url}/element/${el}/clear`, {});
  }

  /** The value of a form field (its `value` property). */
  async value(css) {
    const el = await this.find(css);
    return request("GET", `${this.url}/element/${el}/property/value`);
  }

  /** Which element has the focus: its attribute `name`. */
  async activeAttribute(name) {
    const active = await request("GET", `${this.url}/element/active`);
    const [id] = Object.values(active);
    return request("GET", `${this.url}/element/${id}/attribute/${name}`);
  }

  async count(css) {
    const found = await request("POST", `${this.url}/elements`, { using: "css selector", value: css });
    return found.length;
  }

  /** Polls until `check()` resolves truthy. */
  async until(what, check, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        if (await check()) return;
      } catch {
        // not yet
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  /** Runs a script in the page (W3C Execute Script) and returns its value. */
  async script(body, args = []) {
    return request("POST", `${this.url}/execute/sync`, { script: body, args });
  }

  async screenshot() {
    return Buffer.from(await request("GET", `${this.url}/screenshot`), "base64");
  }
}

/** The app processes running `binary` with `dataHome` as their XDG_DATA_HOME (what a test's driver
 * started), read from /proc. */
export function appProcesses(binary, dataHome) {
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0")[0];
      if (resolve(cmdline) !== resolve(binary)) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      if (environ.includes(`XDG_DATA_HOME=${dataHome}`)) found.push(Number(entry));
    } catch {
      // ended meanwhile, or not ours to read
    }
  }
  return found;
}

/** The two parties most tests draft with. */
export const MINISTRY = {
  kk: "Қазақстан Республикасы Мәдениет және ақпарат министрлігі",
  ru: "Министерство культуры и информации Республики Казахстан",
  bin: "980310005674",
};
export const NGO = { kk: "«Жас еріктілер» қоғамдық қоры", ru: "Общественный фонд «Молодые волонтеры»", bin: "211140000425" };

/** Opens the new-memorandum dialog (the kk+ru template) and types each party's names and BIN;
 * the caller creates it (`#new-create`). */
export async function fillNewMemo(app, parties) {
  await app.click("#new-memo");
  await app.until("templates", async () => (await app.count("#new-template option")) === 3);
  for (const [i, p] of parties.entries()) {
    await app.type(`#new-party-${i}-name-kk`, p.kk);
    await app.type(`#new-party-${i}-name-ru`, p.ru);
    await app.type(`#new-party-${i}-bin`, p.bin);
  }
}

/** Starts the driver for a test with a fresh data folder under `dataHome`, stopped (and its log
 * written to `logFile`) when the test ends. */
export async function driverFor(t, { port, dataHome, logFile }) {
  const lines = [];
  const driver = await startDriver({ port, dataHome, log: (l) => lines.push(String(l)) });
  t.after(async () => {
    await driver.stop();
    writeFileSync(logFile, lines.join(""));
  });
  return driver;
}
