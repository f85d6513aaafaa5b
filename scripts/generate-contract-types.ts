// Writes contracts/documents/contract-types.generated.ts, the TypeScript types of the contracts,
// from the schema sources (contracts/schemas) with json-schema-to-typescript, so that each contract
// is written once. Run after changing a schema source:
//   node cli/run-ts.js scripts/generate-schemas.ts && node cli/run-ts.js scripts/generate-contract-types.ts
// With --stdout it prints the text instead: tests/contracts/contract-types.test.ts compares it with
// the committed file (in a child process, since prettier cannot be loaded inside jest's VM).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "json-schema-to-typescript";
import * as prettier from "prettier";
import { SCHEMA_SOURCES } from "@scaleway-infra/contracts/schemas";
import { CONTRACT_NAMES } from "@scaleway-infra/contracts/documents/types";
import { schemaForTypes } from "./schema-for-types";

const file = join(__dirname, "..", "contracts", "documents", "contract-types.generated.ts");

const HEADER = [
  "// Generated from the schema sources in contracts/schemas by scripts/generate-contract-types.ts: do not",
  "// edit. Change the schema source, then run `node cli/run-ts.js scripts/generate-contract-types.ts`",
  "// (tests/contracts/contract-types.test.ts fails while this file is stale). Import these types through",
  "// contracts/documents/types.ts.",
  "",
].join("\n");

async function contractTypesSource(): Promise<string> {
  const parts: string[] = [];
  for (const contract of CONTRACT_NAMES) {
    const schema = schemaForTypes(SCHEMA_SOURCES[contract]) as Parameters<typeof compile>[0];
    parts.push(
      await compile(schema, contract, {
        bannerComment: "",
        format: false,
        // JSON Schema's own default: an object is open unless its schema closes it. Every contract
        // object is closed (additionalProperties: false); error_response's `details` is free-form.
        additionalProperties: true,
        unknownAny: true,
        // Arrays stay arrays: `minItems: 1` is checked by validation, not spelled as a tuple.
        ignoreMinAndMaxItems: true,
      }),
    );
  }
  // A blank line between declarations, as in hand-written code (the generator writes a schema's
  // titled sub-objects right after it).
  const text = HEADER + "\n" + parts.join("\n").replace(/^}\nexport /gm, "}\n\nexport ");
  const declared = [...text.matchAll(/^export (?:interface|type) (\w+)/gm)].map((match) => match[1]);
  const repeated = declared.filter((name, index) => declared.indexOf(name) !== index);
  if (repeated.length > 0) {
    throw new Error(`two schemas declare the type ${repeated.join(", ")}: give them distinct titles`);
  }
  const options = await prettier.resolveConfig(file);
  return prettier.format(text, { ...options, filepath: file });
}

contractTypesSource()
  .then((text) => {
    if (process.argv.includes("--stdout")) {
      process.stdout.write(text);
    } else {
      writeFileSync(file, text);
      process.stdout.write(`wrote ${file}\n`);
    }
  })
  .catch((error: unknown) => {
    process.stderr.write(`generate-contract-types: ${String(error)}\n`);
    process.exitCode = 1;
  });
