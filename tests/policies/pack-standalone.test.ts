// The pack stands alone (issue 12): `cd policies && npm pack` gives a pack another Scaleway program can
// use, so no module of policies/ may reach outside its folder but through the packages its
// package.json declares, and the rule book it imports is bundled into the tarball.
// (`npm run e2e` packs it, installs it outside the repository and previews a foreign program with it.)
import { readFileSync, readdirSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";

const PACK_DIR = path.resolve(__dirname, "../../policies");
const manifest = JSON.parse(readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  bundleDependencies?: string[];
  files?: string[];
  main?: string;
  scripts?: Record<string, string>;
};
const RULE_BOOK = "@scaleway-infra/contracts";

/** Every file of the pack's folder but its node_modules, as [relative path, text]. */
function packFiles(dir = PACK_DIR): [string, string][] {
  return readdirSync(dir).flatMap((entry): [string, string][] => {
    const file = path.join(dir, entry);
    if (entry === "node_modules") return [];
    if (statSync(file).isDirectory()) return packFiles(file);
    return [[path.relative(PACK_DIR, file), readFileSync(file, "utf8")]];
  });
}

/** The module specifiers a TypeScript or JavaScript source imports or requires. */
function specifiers(source: string): string[] {
  const found = [
    ...source.matchAll(/\bfrom\s+"([^"]+)"/g),
    ...source.matchAll(/\bimport\s+"([^"]+)"/g),
    ...source.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g),
    ...source.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
  ];
  return found.map((m) => m[1]);
}

/** `@scope/name/deep/path` -> `@scope/name`; `name/deep` -> `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

const files = packFiles();
const sources = files.filter(([file]) => /\.(ts|js)$/.test(file) && !file.endsWith(".d.ts"));

describe("the policy pack stands alone", () => {
  it("has sources to check", () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it('mentions no "../lib" or "../../lib" path anywhere in policies/ (node_modules aside)', () => {
    const hits = files.filter(([, text]) => /\.\.\/lib|\.\.\/\.\.\/lib/.test(text)).map(([file]) => file);
    expect(hits).toEqual([]);
  });

  it.each(sources)(
    "%s imports only its own folder, Node's built-ins and declared dependencies",
    (file, text) => {
      const outside = specifiers(text).filter((specifier) => {
        if (specifier.startsWith(".")) {
          const target = path.resolve(PACK_DIR, path.dirname(file), specifier);
          return !target.startsWith(PACK_DIR + path.sep);
        }
        const name = specifier.replace(/^node:/, "");
        if (builtinModules.includes(name) || builtinModules.includes(name.split("/")[0])) return false;
        // The build script runs in this repository only, where the dev dependencies are installed.
        const declared = {
          ...manifest.dependencies,
          ...(file === "build-pack.js" ? manifest.devDependencies : {}),
        };
        return !(packageOf(specifier) in declared);
      });
      expect(outside).toEqual([]);
    },
  );

  it("bundles the rule book it depends on, so the tarball needs no workspace", () => {
    expect(manifest.dependencies?.[RULE_BOOK]).toBeDefined();
    expect(manifest.bundleDependencies).toContain(RULE_BOOK);
  });

  it("compiles itself before npm pack and cleans up after it", () => {
    expect(manifest.scripts?.prepack).toMatch(/build-pack\.js/);
    expect(manifest.scripts?.postpack).toMatch(/build-pack\.js --clean/);
  });

  it("ships JavaScript, not TypeScript that Pulumi's runner may be unable to compile", () => {
    expect(manifest.main === undefined || manifest.main.endsWith(".js")).toBe(true);
    expect(manifest.files ?? []).not.toContainEqual(expect.stringMatching(/\.ts$/));
  });
});
