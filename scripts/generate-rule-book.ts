// Regenerates the tables of docs/rule-book.md from the rule objects (contracts/rules/<group>.ts).
// Run: node cli/run-ts.js scripts/generate-rule-book.ts   (tests/rules/rule-book-table.test.ts fails
// when the committed page is not current).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withCurrentRuleBook } from "@scaleway-infra/contracts/rules/rule-book-table";

const file = join(__dirname, "..", "docs", "rule-book.md");
writeFileSync(file, withCurrentRuleBook(readFileSync(file, "utf8")));
process.stdout.write(`wrote ${file}\n`);
