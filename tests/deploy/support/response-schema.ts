// Validates a deployment_response against schemas/deployment-response.schema.json with ajv, the
// independent check the tests hold every response to (DEP-2).
import { readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(
  JSON.parse(readFileSync(path.join(__dirname, "..", "..", "..", "schemas", "deployment-response.schema.json"), "utf8")) as object,
);

/** The schema errors of a response, empty when it is valid. */
export function responseSchemaErrors(response: unknown): string[] {
  return validate(response) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
