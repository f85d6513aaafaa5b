// The pack's own README (policies/README.md) is what a team outside this repository reads before it
// runs the pack on its program: every setting it can pass with --policy-pack-config is documented
// there, and every policy name its examples use exists.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ALL_POLICIES_KEY } from "../../policies/registry";
import { allPolicies } from "../../policies/all";
import { checkLinks } from "../docs/markdown-links";

const README_FILE = path.resolve(__dirname, "../../policies/README.md");
const README = readFileSync(README_FILE, "utf8");
const policies = allPolicies();
const names = new Set(policies.map((p) => p.name));

const settings = policies.flatMap((p) =>
  Object.keys(p.configSchema?.properties ?? {}).map((setting): [string, string] => [p.name, setting]),
);

/** The JSON blocks of the README: its --policy-pack-config examples. */
function jsonBlocks(markdown: string): Record<string, unknown>[] {
  return [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map(
    (m) => JSON.parse(m[1]) as Record<string, unknown>,
  );
}

describe("policies/README.md", () => {
  it("has at least one setting to document", () => {
    expect(settings.length).toBeGreaterThan(0);
  });

  it.each(settings)("documents the setting %s.%s in its settings table", (policy, setting) => {
    expect(README).toMatch(new RegExp(`\\| \`${policy}\` \\| \`${setting}\` \\|`));
  });

  it("names only policies of the pack in its --policy-pack-config examples", () => {
    const blocks = jsonBlocks(README);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      for (const key of Object.keys(block).filter((k) => k !== ALL_POLICIES_KEY)) {
        expect(names).toContain(key);
      }
    }
  });

  it("links only to files and headings that exist", () => {
    expect(checkLinks(README_FILE).map((p) => `${p.line} ${p.target}: ${p.problem}`)).toEqual([]);
  });

  it("names only policies of the pack in its waiver examples", () => {
    for (const match of README.matchAll(/^- policy: ([a-z0-9-]+)/gm)) expect(names).toContain(match[1]);
  });
});
