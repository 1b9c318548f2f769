// One door to the shell: only src/lib/ipc/ may import @tauri-apps/*. Fails the type check otherwise.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

const root = new URL("../src", import.meta.url).pathname;
const door = join(root, "lib", "ipc") + sep;
const offenders = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(ts|svelte|js)$/.test(name) && !path.startsWith(door)) {
      if (/from\s+["']@tauri-apps\//.test(readFileSync(path, "utf8"))) offenders.push(relative(root, path));
    }
  }
}
walk(root);
if (offenders.length) {
  console.error(`@tauri-apps/* imported outside src/lib/ipc/: ${offenders.join(", ")}`);
  process.exit(1);
}
console.log("ipc door: only src/lib/ipc/ imports @tauri-apps/*");
