// The rules tables of docs/contracts.md are generated from the schemas and checks; the
// committed document must be current.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderRulesTable, withCurrentRulesTable } from "@scaleway-infra/contracts/documents/rules-table";
import { CONTRACT_NAMES } from "@scaleway-infra/contracts/documents/types";
import { REPO_ROOT } from "./support";

const doc = readFileSync(join(REPO_ROOT, "docs", "contracts.md"), "utf8");

describe("docs/contracts.md", () => {
  it("holds the current generated rules tables (run scripts/generate-rules-table.ts)", () => {
    expect(withCurrentRulesTable(doc)).toBe(doc);
  });

  it("has a table for every contract and for the stack rules", () => {
    const table = renderRulesTable();
    for (const contract of CONTRACT_NAMES) expect(table).toContain(`#### \`${contract}\``);
    expect(table).toContain("#### Stack rules");
  });

  it("lists every example it refers to", () => {
    for (const contract of CONTRACT_NAMES) expect(doc).toContain(`examples/contracts/${contract}.yaml`);
  });
});
