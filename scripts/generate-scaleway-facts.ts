// Writes docs/scaleway-facts.md from contracts/scaleway/facts. Run: node cli/run-ts.js scripts/generate-scaleway-facts.ts
// (tests/scaleway/facts.test.ts fails when the committed page differs from what this writes).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { scalewayFactsMarkdown } from "@scaleway-infra/contracts/scaleway/facts/table";

const file = join(__dirname, "..", "docs", "scaleway-facts.md");
writeFileSync(file, scalewayFactsMarkdown());
process.stdout.write(`wrote ${file}\n`);
