// Dependencies point one way (DESIGN.md, "Layout"): the tools (cli/, scripts/, bench/) may use the
// program, the pack and the rule book; the program (index.ts, components/) and the pack (policies/)
// use only the rule book (contracts/, the `@scaleway-infra/contracts` workspace); the rule book uses
// nothing of ours. This test reads every import of every TypeScript and JavaScript source and fails
// on the first one that points up or sideways.
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

type Layer = "contracts" | "policies" | "program" | "tools";

const ALLOWED: Readonly<Record<Layer, readonly (Layer | "other")[]>> = {
  contracts: ["contracts"],
  policies: ["policies", "contracts"],
  program: ["program", "contracts"],
  // The tools may also read files at the root (package.json for the version).
  tools: ["tools", "program", "policies", "contracts", "other"],
};

function layerOf(relativePath: string): Layer | "other" {
  const [top] = relativePath.split("/");
  if (top === "contracts") return "contracts";
  if (top === "policies") return "policies";
  if (top === "components" || relativePath === "index.ts") return "program";
  if (top === "cli" || top === "scripts" || top === "bench") return "tools";
  return "other";
}

function sourceFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, directory), { withFileTypes: true })) {
    const relative = path.posix.join(directory, entry.name);
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    if (entry.isDirectory()) found.push(...sourceFiles(relative));
    else if (/\.(ts|js)$/.test(entry.name)) found.push(relative);
  }
  return found;
}

const IMPORT = /(?:\bfrom|\bimport|\brequire\(|\bimport\()\s*["']([^"']+)["']/g;

/** The layer an import specifier of `file` points at, or undefined for a third-party package. */
export function importedLayer(file: string, specifier: string): Layer | "other" | undefined {
  if (specifier === "@scaleway-infra/contracts" || specifier.startsWith("@scaleway-infra/contracts/")) {
    return "contracts";
  }
  if (!specifier.startsWith(".")) return undefined;
  return layerOf(path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)));
}

function violations(files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const layer = layerOf(file);
    if (layer === "other") continue;
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const match of source.matchAll(IMPORT)) {
      const target = importedLayer(file, match[1]);
      if (target !== undefined && !ALLOWED[layer].includes(target)) {
        found.push(`${file} (${layer}) imports ${match[1]} (${target})`);
      }
    }
  }
  return found;
}

const LAYERED = [
  "index.ts",
  ...["contracts", "policies", "components", "cli", "scripts", "bench"].flatMap(sourceFiles),
];

describe("layering", () => {
  it("has no import that points up or sideways", () => {
    expect(violations(LAYERED)).toEqual([]);
  });

  it("keeps the policy pack inside its folder and the rule book: no ../lib or ../../lib import", () => {
    const reachingOut = sourceFiles("policies").filter((file) =>
      /["'](\.\.\/)+lib\//.test(fs.readFileSync(path.join(ROOT, file), "utf8")),
    );
    expect(reachingOut).toEqual([]);
    expect(fs.existsSync(path.join(ROOT, "lib"))).toBe(false);
  });

  it("catches an import that points up (the check can fail)", () => {
    expect(importedLayer("contracts/thresholds.ts", "../cli/plan/model")).toBe("tools");
    expect(importedLayer("policies/stack.ts", "../components/tags")).toBe("program");
    expect(importedLayer("components/tags.ts", "@scaleway-infra/contracts/thresholds")).toBe("contracts");
    expect(importedLayer("components/tags.ts", "@pulumi/pulumi")).toBeUndefined();
  });
});
