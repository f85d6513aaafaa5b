// The ajv validators of the eleven contracts. The schemas come from their sources in the rule book
// (contracts/schemas; schemas/*.json is generated from them); their validators are precompiled, in
// ajv's strict mode with the `x-rule`, `x-fix` and `x-message` annotations, into
// validators.generated.js (standalone-validators.ts says how), which is loaded on first use: no
// command pays for compiling a schema, nor for loading ajv's compiler.
import type { ValidateFunction } from "ajv";
import { SCHEMA_SOURCES } from "../schemas";
import type { ContractName } from "./types";

/**
 * The contract schemas, from their sources in the rule book. schemas/*.json is generated from the
 * same sources (scripts/generate-schemas.ts), and a test keeps the files equal to them.
 */
export const CONTRACT_SCHEMAS: Readonly<Record<ContractName, Record<string, unknown>>> = SCHEMA_SOURCES;

let generated: Readonly<Record<ContractName, ValidateFunction>> | undefined;
const compiled = new Map<ContractName, ValidateFunction>();
let compilations = 0;

/** The precompiled validators, loaded once. */
function generatedValidators(): Readonly<Record<ContractName, ValidateFunction>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  generated ??= require("./validators.generated.js") as Record<ContractName, ValidateFunction>;
  return generated;
}

/** The validator of a contract; taken from the precompiled module on first call, then the same function. */
export function schemaValidator(contract: ContractName): ValidateFunction {
  let validate = compiled.get(contract);
  if (!validate) {
    validate = generatedValidators()[contract];
    compiled.set(contract, validate);
    compilations += 1;
  }
  return validate;
}

/** How many contract validators have been taken into use in this process (tests check: once each). */
export function schemaCompilationCount(): number {
  return compilations;
}
