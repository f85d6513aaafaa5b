import { readFileSync } from "node:fs";
import { allPolicies } from "../../policies/all";
import { POLICIES_DOC, policyTable, withCurrentTable } from "../../policies/policy-table";

describe("the policy table of docs/policy-pack.md", () => {
  it("is the table generated from the registry (run `node cli/run-ts.js policies/policy-table.ts`)", () => {
    const document = readFileSync(POLICIES_DOC, "utf8");
    expect(withCurrentTable(document)).toBe(document);
  });

  it("has one row per policy, with its rule IDs, severity and the level that severity gives it", () => {
    const rows = policyTable().split("\n").slice(2);
    expect(rows).toHaveLength(allPolicies().length);
    expect(rows).toContain(
      "| `database-high-availability` | DB-2 | high | mandatory | resource | Every production database instance runs as a high-availability cluster. |",
    );
    expect(rows.find((row) => row.startsWith("| `database-acl-documented` |"))).toContain(
      "| low | advisory |",
    );
  });
});
