// Writes contracts/documents/validators.generated.js: the contract validators as ajv standalone code, so
// that no command compiles a schema at start. Run: node cli/run-ts.js scripts/generate-validators.ts
// (tests/contracts/validators-generated.test.ts fails when the committed file is not current).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  GENERATED_VALIDATORS_FILE,
  standaloneValidatorsSource,
} from "@scaleway-infra/contracts/documents/standalone-validators";

const file = join(__dirname, "..", GENERATED_VALIDATORS_FILE);
writeFileSync(file, standaloneValidatorsSource());
process.stdout.write(`wrote ${file}\n`);
