// Regenerates the rules tables of docs/contracts.md (section "Rules table") from the schemas and checks.
// Run: node cli/run-ts.js scripts/generate-rules-table.ts   (tests/contracts/rules-table.test.ts
// fails when the committed document is not current).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withCurrentRulesTable } from "@scaleway-infra/contracts/documents/rules-table";

const file = join(__dirname, "..", "docs", "contracts.md");
writeFileSync(file, withCurrentRulesTable(readFileSync(file, "utf8")));
process.stdout.write(`wrote ${file}\n`);
