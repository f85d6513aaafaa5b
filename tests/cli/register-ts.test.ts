// cli/register-ts.js (the TypeScript loader with SWC and V8 code caches): a module that calls import()
// must run through it. Node 20's vm.Script cannot take Node's dynamic-import loader, so such modules
// are left to Node's own compile; without that, import() throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING
// (the schema generator's prettier call did).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const RUN_TS = resolve(__dirname, "../../cli/run-ts.js");

function runTs(source: string, cacheDir: string) {
  const dir = mkdtempSync(join(tmpdir(), "register-ts-"));
  const file = join(dir, "module.ts");
  writeFileSync(file, source);
  return spawnSync(process.execPath, [RUN_TS, file], {
    encoding: "utf8",
    env: { ...process.env, SCW_INFRA_CACHE_DIR: cacheDir, SCW_INFRA_DEBUG: "" },
    timeout: 60_000,
  });
}

describe("the TypeScript loader", () => {
  const cache = mkdtempSync(join(tmpdir(), "register-ts-cache-"));

  it("runs a module that calls import(), twice (cold and warm caches)", () => {
    const source =
      'const n: number = 2;\nvoid import("node:path").then((p) => console.log(p.posix.join("a", String(n))));\n';
    for (const run of [runTs(source, cache), runTs(source, cache)]) {
      expect(run.stderr).not.toMatch(/ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING/);
      expect(run.stdout.trim()).toBe("a/2");
      expect(run.status).toBe(0);
    }
  });

  it("runs a plain module from its code cache the second time with the same result", () => {
    const source = 'const words: string[] = ["cached", "module"];\nconsole.log(words.join(" "));\n';
    expect(runTs(source, cache).stdout.trim()).toBe("cached module");
    expect(runTs(source, cache).stdout.trim()).toBe("cached module");
  });
});
