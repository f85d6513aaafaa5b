// The one place the deployment workflow validates seed contract documents (DEP-1, DEP-2, INT-1,
// INT-2): against the JSON Schemas in schemas/. Every failure is INFRA_001 with one ProblemDetail per
// schema error, naming the JSON pointer and the rule the schema annotates (`x-rule`).
import { readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv2020, { ErrorObject, ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { InfraError, ProblemDetail } from "../errors/infra-error";

export type DeployContract = "deployment-request" | "deployment-response" | "workflow-trigger" | "image" | "state";

const SCHEMA_DIR = path.join(__dirname, "..", "..", "schemas");
const validators = new Map<DeployContract, ValidateFunction>();

function validatorFor(contract: DeployContract): ValidateFunction {
  let validate = validators.get(contract);
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, `${contract}.schema.json`), "utf8")) as object;
    validate = ajv.compile(schema);
    validators.set(contract, validate);
  }
  return validate;
}

/** Throws INFRA_001 when `document` is not a valid `contract` document. */
export function checkContract(contract: DeployContract, document: unknown, file?: string): void {
  const validate = validatorFor(contract);
  if (validate(document)) return;
  const problems = (validate.errors ?? []).filter((e) => e.keyword !== "if").map((e) => problemOf(e, file));
  throw new InfraError("INFRA_001", `Invalid ${contract}${file ? ` in ${file}` : ""}: ${problems.length} problem(s).`, {
    problems,
  });
}

function problemOf(error: ErrorObject, file: string | undefined): ProblemDetail {
  const schema = error.parentSchema as { "x-rule"?: string; "x-fix"?: string; "x-message"?: string } | undefined;
  const missing = error.keyword === "required" ? `/${String((error.params as { missingProperty?: string }).missingProperty)}` : "";
  const extra =
    error.keyword === "additionalProperties"
      ? `/${String((error.params as { additionalProperty?: string }).additionalProperty)}`
      : "";
  return {
    path: `${error.instancePath}${missing}${extra}` || "/",
    rule: schema?.["x-rule"] ?? "SCHEMA",
    message: schema?.["x-message"] ?? error.message ?? "is invalid",
    fix: schema?.["x-fix"] ?? "Correct the value to match the contract schema.",
    ...(file ? { file } : {}),
  };
}
