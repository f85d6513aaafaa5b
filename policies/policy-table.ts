// Writes the table of every policy (name, rule IDs, severity, default level, kind, description) into docs/policy-pack.md
// (section "Every policy"), between its policy-table markers, from the registry itself, so the table
// cannot drift from the pack. `node cli/run-ts.js policies/policy-table.ts` rewrites it; a test
// checks that the committed table is current.
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { allPolicies } from "./all";
import { isStackPolicy, type ContractPolicy } from "./metadata";

export const TABLE_START = "<!-- policy-table:start -->";
export const TABLE_END = "<!-- policy-table:end -->";
export const POLICIES_DOC = path.resolve(__dirname, "..", "docs", "policy-pack.md");

export function policyTable(policies: readonly ContractPolicy[] = allPolicies()): string {
  const rows = policies.map(
    (p) =>
      `| \`${p.name}\` | ${p.ruleIds.join(", ")} | ${p.severity} | ${p.enforcementLevel ?? "mandatory"} | ${isStackPolicy(p) ? "stack" : "resource"} | ${p.description} |`,
  );
  return [
    "| Policy | Rule IDs | Severity | Default level | Kind | Description |",
    "|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/** The document with the table between the markers replaced by the current one. */
export function withCurrentTable(document: string, policies?: readonly ContractPolicy[]): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`${POLICIES_DOC} has no ${TABLE_START} ... ${TABLE_END} markers`);
  return `${document.slice(0, start + TABLE_START.length)}\n${policyTable(policies)}\n${document.slice(end)}`;
}

// Run directly, or through `node cli/run-ts.js policies/policy-table.ts` (which is then argv[1]).
if (require.main === module || path.resolve(process.argv[1] ?? "") === __filename) {
  writeFileSync(POLICIES_DOC, withCurrentTable(readFileSync(POLICIES_DOC, "utf8")));
  process.stdout.write(`updated ${path.relative(process.cwd(), POLICIES_DOC)}\n`);
}
