// The ajv validators of the eleven contracts. The schemas are the committed files in schemas/
// (generated from lib/contracts/schema-sources); their validators are precompiled, in ajv's strict
// mode with the `x-rule`, `x-fix` and `x-message` annotations, into validators.generated.js
// (lib/contracts/standalone-validators.ts says how), which is loaded on first use: no command pays
// for compiling a schema, nor for loading ajv's compiler.
import type { ValidateFunction } from "ajv";
import alertRule from "../../schemas/alert-rule.schema.json";
import container from "../../schemas/container.schema.json";
import database from "../../schemas/database.schema.json";
import deploymentRequest from "../../schemas/deployment-request.schema.json";
import deploymentResponse from "../../schemas/deployment-response.schema.json";
import environment from "../../schemas/environment.schema.json";
import errorResponse from "../../schemas/error-response.schema.json";
import image from "../../schemas/image.schema.json";
import secret from "../../schemas/secret.schema.json";
import state from "../../schemas/state.schema.json";
import workflowTrigger from "../../schemas/workflow-trigger.schema.json";
import type { ContractName } from "./types";

/** The committed schema files, as loaded. */
export const CONTRACT_SCHEMAS: Readonly<Record<ContractName, Record<string, unknown>>> = {
  container,
  database,
  secret,
  "alert-rule": alertRule,
  "deployment-request": deploymentRequest,
  "deployment-response": deploymentResponse,
  state,
  environment,
  "workflow-trigger": workflowTrigger,
  image,
  "error-response": errorResponse,
};

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
