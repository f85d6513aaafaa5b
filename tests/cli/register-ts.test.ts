// cli/register-ts.js (the TypeScript loader with SWC and V8 code caches): a JavaScript module that
// calls import() must run through it, also when its code cache is warm. Node 20's vm.Script cannot take
// Node's dynamic-import loader, so such modules are left to Node's own compile; without that, the
// second run throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING (the schema generator's prettier call did).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const RUN_TS = resolve(__dirname, "../../cli/run-ts.js");

/** Runs `source` as module.ts in `dir` (the same dir twice: the second run finds its caches). */
function runTs(dir: string, source: string, cacheDir: string, javascript?: string) {
  const file = join(dir, "module.ts");
  writeFileSync(file, source);
  // A plain JavaScript module with a real import() (SWC turns one in TypeScript into a require).
  if (javascript !== undefined) writeFileSync(join(dir, "dynamic.js"), javascript);
  return spawnSync(process.execPath, [RUN_TS, file], {
    encoding: "utf8",
    env: { ...process.env, SCW_INFRA_CACHE_DIR: cacheDir, SCW_INFRA_DEBUG: "", SCW_INFRA_NO_CACHE: "" },
    timeout: 60_000,
  });
}

describe("the TypeScript loader", () => {
  const cache = mkdtempSync(join(tmpdir(), "register-ts-cache-"));

  it("runs a JavaScript module that calls import(), cold and then from its caches", () => {
    const dir = mkdtempSync(join(tmpdir(), "register-ts-"));
    const source = 'require("./dynamic.js")(String(2 as number));\n';
    const javascript =
      'module.exports = (n) => import("node:path").then((p) => console.log(p.posix.join("a", n)));\n';
    for (const run of [runTs(dir, source, cache, javascript), runTs(dir, source, cache, javascript)]) {
      expect(run.stderr).not.toMatch(/ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING/);
      expect(run.stdout.trim()).toBe("a/2");
      expect(run.status).toBe(0);
    }
  });

  it("runs a plain module from its code cache the second time with the same result", () => {
    const dir = mkdtempSync(join(tmpdir(), "register-ts-"));
    const source = 'const words: string[] = ["cached", "module"];\nconsole.log(words.join(" "));\n';
    expect(runTs(dir, source, cache).stdout.trim()).toBe("cached module");
    expect(runTs(dir, source, cache).stdout.trim()).toBe("cached module");
  });
});
