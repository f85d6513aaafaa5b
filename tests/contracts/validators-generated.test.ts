// contracts/documents/validators.generated.js is ajv's standalone code for the committed schemas: it must be
// exactly what the schemas compile to now (in ajv's strict mode), and judge documents as ajv does.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  GENERATED_VALIDATORS_FILE,
  contractAjv,
  standaloneValidatorsSource,
} from "@scaleway-infra/contracts/documents/standalone-validators";
import { CONTRACT_NAMES } from "@scaleway-infra/contracts/documents/types";
import { CONTRACT_SCHEMAS, schemaValidator } from "@scaleway-infra/contracts/documents/validator";
import { REPO_ROOT } from "./support";

describe(GENERATED_VALIDATORS_FILE, () => {
  it("is what the committed schemas compile to (run node cli/run-ts.js scripts/generate-validators.ts)", () => {
    const committed = readFileSync(join(REPO_ROOT, GENERATED_VALIDATORS_FILE), "utf8");
    expect(committed === standaloneValidatorsSource()).toBe(true);
  });

  it.each(CONTRACT_NAMES)(
    "%s: reports the same errors as a validator ajv compiles at run time",
    (contract) => {
      const compiled = contractAjv().compile(CONTRACT_SCHEMAS[contract]);
      const generated = schemaValidator(contract);
      const documents: unknown[] = [{}, null, "text", [], { name: 1, extra: true }, { environment: "qa" }];
      for (const document of documents) {
        expect(generated(document)).toBe(compiled(document));
        expect(generated.errors ?? null).toEqual(compiled.errors ?? null);
      }
    },
  );
});
