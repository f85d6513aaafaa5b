// The facts module itself: every fact has a stable unique ID, a statement, and at least one source
// with the date it was read; docs/scaleway-facts.md is the table generated from them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_FACTS } from "@scaleway-infra/contracts/scaleway/facts";
import { fact } from "@scaleway-infra/contracts/scaleway/facts/fact";
import { scalewayFactsMarkdown } from "@scaleway-infra/contracts/scaleway/facts/table";
import { REPO_ROOT } from "../program/support/shipped-stacks";

describe("the Scaleway facts", () => {
  it("have unique <product>.<what> IDs", () => {
    const ids = ALL_FACTS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z-]+\.[a-z0-9-]+$/);
  });

  it("each cite a source: a docs URL or owner/repo@commit:path, read on a date", () => {
    for (const f of ALL_FACTS) {
      expect(f.sources.length).toBeGreaterThan(0);
      for (const source of f.sources) {
        // A docs page, a repository file at a commit, or a file of a pinned npm package (the SDK we ship).
        expect(source.ref).toMatch(
          /^(https:\/\/www\.scaleway\.com\/|[a-z0-9-]+\/[a-z0-9._-]+@[0-9a-f]{7,40}:|@(scaleway|pulumiverse)\/[a-z-]+@\d+\.\d+\.\d+:)/,
        );
        expect(source.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it("refuse to exist without a source", () => {
    expect(() => fact("x.y", "a statement", 1, [])).toThrow(/no source/);
  });

  it("are the table of docs/scaleway-facts.md (run node cli/run-ts.js scripts/generate-scaleway-facts.ts)", () => {
    expect(readFileSync(join(REPO_ROOT, "docs", "scaleway-facts.md"), "utf8")).toBe(scalewayFactsMarkdown());
  });
});
