// deployment_request (DEP-1, DEP-3) and deployment_response (DEP-2): the deployment workflow's input
// and output.
import {
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_STRATEGIES,
  ENVIRONMENTS,
  SERVICE_HEALTH,
  SERVICE_NAMES,
} from "../../rules/thresholds";
import {
  JsonSchema,
  SCHEMA_DIALECT,
  nonEmptyString,
  object,
  positiveInteger,
  ruled,
  schemaId,
  when,
} from "./annotations";

const boolean: JsonSchema = { type: "boolean" };

export const deploymentRequestSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: schemaId("deployment-request"),
  title: "deployment_request",
  description: "A request to deploy services to an environment (seed: Deployment Workflow Contract).",
  ...ruled(
    "DEP-1",
    { fix: "Give environment, services, version, strategy, rollback, validation and notifications." },
    object(
      {
        environment: { type: "string", enum: [...ENVIRONMENTS] },
        services: ruled(
          "DEP-1",
          { fix: `List the services to deploy, among ${SERVICE_NAMES.join(", ")}.` },
          {
            type: "array",
            minItems: 1,
            uniqueItems: true,
            items: { type: "string", enum: [...SERVICE_NAMES] },
          },
        ),
        version: ruled(
          "DEP-1",
          {
            message: "must be a version without spaces (a release tag or a commit SHA)",
            fix: "Give the release tag or commit SHA to deploy, e.g. 1.4.2.",
          },
          { type: "string", pattern: "^\\S+$" },
        ),
        strategy: { type: "string", enum: [...DEPLOYMENT_STRATEGIES] },
        rollback: object({ enabled: boolean, timeout: { ...positiveInteger, description: "seconds" } }, [
          "enabled",
          "timeout",
        ]),
        validation: object({ health_checks: boolean, smoke_tests: boolean }, [
          "health_checks",
          "smoke_tests",
        ]),
        notifications: object({ slack: boolean, email: boolean }, ["slack", "email"]),
      },
      ["environment", "services", "version", "strategy", "rollback", "validation", "notifications"],
    ),
  ),
  allOf: [
    when("environment", "production", {
      properties: {
        rollback: {
          properties: {
            enabled: ruled(
              "DEP-3",
              { fix: "Set rollback.enabled: true for production deployments." },
              { const: true },
            ),
          },
        },
        validation: {
          properties: {
            health_checks: ruled(
              "DEP-3",
              { fix: "Set validation.health_checks: true for production deployments." },
              { const: true },
            ),
          },
        },
      },
    }),
  ],
};

/** Statuses after which a deployment has ended, and so has an end_time. */
export const FINAL_DEPLOYMENT_STATUSES = ["completed", "failed", "rolled_back"] as const;

export const deploymentResponseSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: schemaId("deployment-response"),
  title: "deployment_response",
  description: "The outcome of a deployment (seed: Deployment Response Specification).",
  ...ruled(
    "DEP-2",
    { fix: "Follow deployment_response: deployment_id, status, start_time, services and rollback_info." },
    object(
      {
        deployment_id: nonEmptyString,
        status: { type: "string", enum: [...DEPLOYMENT_STATUSES] },
        start_time: { type: "string", format: "date-time" },
        end_time: { type: "string", format: "date-time", description: "Set once the deployment has ended." },
        services: {
          type: "array",
          items: object(
            {
              name: { type: "string", enum: [...SERVICE_NAMES] },
              status: nonEmptyString,
              url: { type: "string", format: "uri" },
              health: { type: "string", enum: [...SERVICE_HEALTH] },
            },
            ["name", "status", "health"],
          ),
        },
        rollback_info: object({ available: boolean, previous_version: nonEmptyString }, ["available"]),
        errors: { type: "array", items: { type: "string" } },
      },
      ["deployment_id", "status", "start_time", "services", "rollback_info"],
    ),
  ),
  allOf: FINAL_DEPLOYMENT_STATUSES.map((status) =>
    when(
      "status",
      status,
      ruled("DEP-2", { fix: `Set end_time: a ${status} deployment has ended.` }, { required: ["end_time"] }),
    ),
  ),
};
