// deployment_request (DEP-1, DEP-3) and deployment_response (DEP-2): the deployment workflow's input
// and output.
import {
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_STRATEGIES,
  ENVIRONMENTS,
  HTTP_PATH_PATTERN,
  ROLLBACK_TIMEOUT_SECONDS,
  SERVICE_HEALTH,
  SERVICE_NAMES,
} from "../thresholds";
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
        environment: ruled(
          "DEP-1",
          { fix: `Deploy to one of the environments: ${ENVIRONMENTS.join(", ")}.` },
          { type: "string", enum: [...ENVIRONMENTS] },
        ),
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
        strategy: ruled(
          "DEP-1",
          { fix: `Use one of the strategies: ${DEPLOYMENT_STRATEGIES.join(", ")}.` },
          { type: "string", enum: [...DEPLOYMENT_STRATEGIES] },
        ),
        rollback: object(
          {
            enabled: boolean,
            timeout: ruled(
              "DEP-1",
              {
                fix: `Give rollback.timeout a number of seconds from ${ROLLBACK_TIMEOUT_SECONDS.min} to ${ROLLBACK_TIMEOUT_SECONDS.max}.`,
              },
              {
                ...positiveInteger,
                maximum: ROLLBACK_TIMEOUT_SECONDS.max,
                description: `seconds, at most ${ROLLBACK_TIMEOUT_SECONDS.max}`,
              },
            ),
          },
          ["enabled", "timeout"],
        ),
        validation: object({ health_checks: boolean, smoke_tests: boolean }, [
          "health_checks",
          "smoke_tests",
        ]),
        notifications: object({ slack: boolean, email: boolean }, ["slack", "email"]),
        smoke_tests: ruled(
          "DEP-1",
          { fix: "Write a list of {service, path, expected_status?, body_contains?}." },
          {
            type: "array",
            description:
              "Extra, optional: HTTP checks run against the deployed services when validation.smoke_tests is on.",
            items: smokeTestSchema(),
          },
        ),
        smoke_tests_file: ruled(
          "DEP-1",
          { fix: "Give the path of a smoke-tests file, relative to the request." },
          {
            ...nonEmptyString,
            description: "Extra, optional: a YAML/JSON file of smoke tests, relative to the request.",
          },
        ),
        canary: ruled(
          "DEP-1",
          { fix: "Give the canary observation window in seconds, e.g. canary: {observation_window: 300}." },
          object(
            { observation_window: { type: "number", minimum: 0, description: "seconds" } },
            ["observation_window"],
            {
              description: "Extra, optional: how long a canary is observed before it is promoted.",
            },
          ),
        ),
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

/**
 * An HTTP check run against a deployed service (extra optional field of deployment_request, used by
 * the deployment workflow when validation.smoke_tests is on).
 */
export function smokeTestSchema(): JsonSchema {
  return object(
    {
      service: { type: "string", enum: [...SERVICE_NAMES] },
      path: ruled(
        "DEP-1",
        { message: "must be an absolute HTTP path", fix: "Start the path with /." },
        { type: "string", pattern: HTTP_PATH_PATTERN },
      ),
      expected_status: { type: "integer", minimum: 100, maximum: 599, description: "Default 200." },
      body_contains: { type: "string", description: "A substring the response body must contain." },
    },
    ["service", "path"],
    { title: "smoke_test_spec" },
  );
}

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
              detail: {
                ...nonEmptyString,
                description:
                  "Extra, optional: why the service has its status, e.g. `skipped` when it already runs the requested version.",
              },
            },
            ["name", "status", "health"],
            { title: "deployment_service_status" },
          ),
        },
        rollback_info: object(
          {
            available: boolean,
            previous_version: nonEmptyString,
            backup_id: {
              ...nonEmptyString,
              description:
                "Extra, optional: the ID of the on-demand database backup taken before a production deployment.",
            },
          },
          ["available"],
        ),
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
