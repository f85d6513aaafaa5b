// The ajv validators of the eleven contracts: one Ajv instance, each schema compiled once, on first
// use, and reused. The schemas are the committed files in schemas/ (generated from
// contracts/schemas); the `x-rule`, `x-fix` and `x-message` keywords are registered as
// annotations so that strict mode accepts them.
import Ajv2020 from "ajv/dist/2020";
import type { ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { SCHEMA_SOURCES } from "../schemas";
import { FIX_KEYWORD, MESSAGE_KEYWORD, RULE_KEYWORD } from "../schemas/annotations";
import type { ContractName } from "./types";

/**
 * The contract schemas, from their sources in the rule book. schemas/*.json is generated from the
 * same sources (scripts/generate-schemas.ts), and a test keeps the files equal to them.
 */
export const CONTRACT_SCHEMAS: Readonly<Record<ContractName, Record<string, unknown>>> = SCHEMA_SOURCES;

let ajv: Ajv2020 | undefined;
const compiled = new Map<ContractName, ValidateFunction>();
let compilations = 0;

function sharedAjv(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
    addFormats(ajv, ["date-time", "uri"]);
    for (const keyword of [RULE_KEYWORD, FIX_KEYWORD, MESSAGE_KEYWORD])
      ajv.addKeyword({ keyword, schemaType: "string" });
  }
  return ajv;
}

/** The compiled validator of a contract; compiled on first call, then the same function. */
export function schemaValidator(contract: ContractName): ValidateFunction {
  let validate = compiled.get(contract);
  if (!validate) {
    validate = sharedAjv().compile(CONTRACT_SCHEMAS[contract]);
    compiled.set(contract, validate);
    compilations += 1;
  }
  return validate;
}

/** How many schemas have been compiled in this process (tests check they are compiled once). */
export function schemaCompilationCount(): number {
  return compilations;
}
