// Writes schemas/<contract>.schema.json from contracts/schemas, where the schemas are
// written in TypeScript so that every number and pattern comes from contracts/thresholds.ts.
// Run: node cli/run-ts.js scripts/generate-schemas.ts   (tests/contracts/schema-files.test.ts fails
// when the committed files differ from what this would write).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as prettier from "prettier";
import { SCHEMA_SOURCES, schemaFileName } from "@scaleway-infra/contracts/schemas";
import { CONTRACT_NAMES } from "@scaleway-infra/contracts/documents/types";

async function generateSchemas(): Promise<void> {
  const root = join(__dirname, "..");
  for (const contract of CONTRACT_NAMES) {
    const file = join(root, "schemas", schemaFileName(contract));
    const text = await prettier.format(JSON.stringify(SCHEMA_SOURCES[contract]), {
      parser: "json",
      printWidth: 110,
    });
    writeFileSync(file, text);
    process.stdout.write(`wrote ${file}\n`);
  }
}

generateSchemas().catch((error: unknown) => {
  process.stderr.write(`generate-schemas: ${String(error)}\n`);
  process.exitCode = 1;
});
