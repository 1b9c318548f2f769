// The real Kelisim window (a custom-protocol build), driven over WebDriver under Xvfb.
// Run by scripts/e2e.sh, which builds the app and provides the display.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Session, startDriver } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const binary = process.env.KELISIM_APP ?? join(root, "target/debug/kelisim-desktop");
const outDir = join(root, "tests/e2e/out");
const logLines = [];
const log = (line) => logLines.push(String(line));

function workspaceVersion() {
  const toml = readFileSync(join(root, "Cargo.toml"), "utf8");
  const match = toml.match(/\[workspace\.package\][^[]*?\nversion\s*=\s*"([^"]+)"/);
  assert.ok(match, "workspace version not found in Cargo.toml");
  return match[1];
}

test("home screen, language switch remembered across restarts, About from Rust", { timeout: 120_000 }, async (t) => {
  assert.ok(existsSync(binary), `app binary missing: ${binary}`);
  mkdirSync(outDir, { recursive: true });
  const dataHome = mkdtempSync(join(tmpdir(), "kelisim-e2e-"));
  const expectedDataDir = join(dataHome, "kz.kelisim.desktop");
  const driver = await startDriver({ port: 4445, dataHome, log });
  t.after(async () => {
    await driver.stop();
    writeFileSync(join(outDir, "driver.log"), logLines.join(""));
  });

  // First start on a fresh data folder: the empty registry, in the system's language (en).
  let app = await Session.start(driver.base, binary);
  await app.waitFor('[data-testid="registry-empty"] h2', (s) => s === "No memorandums yet");
  assert.equal(await app.attribute("#lang-en", "aria-pressed"), "true");

  await app.click("#lang-kk");
  await app.waitFor("#registry-title", (s) => s === "Меморандумдар");
  assert.equal(await app.waitFor('[data-testid="registry-empty"] h2'), "Әзірге меморандумдар жоқ");
  assert.equal(await app.attribute("#lang-kk", "aria-pressed"), "true");

  await app.click("#lang-ru");
  await app.waitFor("#registry-title", (s) => s === "Меморандумы");
  assert.match(await app.waitFor('[data-testid="tagline"]'), /без сети/);

  // About: the version and the data folder come from Rust over IPC.
  await app.click("#open-about");
  await app.waitFor("#about-title", (s) => s === "О программе Kelisim");
  assert.equal(await app.waitFor('[data-testid="about-version"]', (s) => s !== ""), workspaceVersion());
  assert.equal(await app.waitFor('[data-testid="about-data-dir"]', (s) => s !== ""), expectedDataDir);
  assert.equal(
    await app.waitFor('[data-testid="about-database"]', (s) => s !== ""),
    join(expectedDataDir, "kelisim.sqlite3"),
  );
  assert.ok(existsSync(join(expectedDataDir, "kelisim.sqlite3")), "the database file was not created");
  writeFileSync(join(outDir, "about-ru.png"), await app.screenshot());
  await app.end();

  // Second start on the same data folder: Russian was remembered.
  app = await Session.start(driver.base, binary);
  await app.waitFor("#registry-title", (s) => s === "Меморандумы");
  assert.equal(await app.attribute("#lang-ru", "aria-pressed"), "true");

  // The README's screenshot: the home screen in Kazakh, then About in English.
  await app.click("#lang-kk");
  await app.waitFor("#registry-title", (s) => s === "Меморандумдар");
  const shot = await app.screenshot();
  assert.equal(shot.subarray(1, 4).toString(), "PNG");
  writeFileSync(join(outDir, "home-kk.png"), shot);
  await app.click("#lang-en");
  await app.waitFor("#registry-title", (s) => s === "Memorandums");
  await app.click("#open-about");
  await app.waitFor('[data-testid="about-data-dir"]', (s) => s === expectedDataDir);
  writeFileSync(join(outDir, "about-en.png"), await app.screenshot());
  await app.end();
});
