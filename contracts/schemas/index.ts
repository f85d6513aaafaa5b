// The eleven contract schemas, keyed by the contract names of `scw-infra validate`. schemas/*.json
// is generated from these (scripts/generate-schemas.ts) and checked against them by a test.
import type { ContractName } from "../documents/types";
import type { JsonSchema } from "./annotations";
import { alertRuleSchema } from "./alert-rule";
import { containerSchema } from "./container";
import { databaseSchema } from "./database";
import { deploymentRequestSchema, deploymentResponseSchema } from "./deployment";
import { environmentSchema } from "./environment";
import { errorResponseSchema } from "./error-response";
import { imageSchema, workflowTriggerSchema } from "./integration";
import { secretSchema } from "./secret";
import { stateSchema } from "./state";

export const SCHEMA_SOURCES: Readonly<Record<ContractName, JsonSchema>> = {
  container: containerSchema,
  database: databaseSchema,
  secret: secretSchema,
  "alert-rule": alertRuleSchema,
  "deployment-request": deploymentRequestSchema,
  "deployment-response": deploymentResponseSchema,
  state: stateSchema,
  environment: environmentSchema,
  "workflow-trigger": workflowTriggerSchema,
  image: imageSchema,
  "error-response": errorResponseSchema,
};

export function schemaFileName(contract: ContractName): string {
  return `${contract}.schema.json`;
}
