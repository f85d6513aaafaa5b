// secret_spec (SEC-1..SEC-7): a Secret Manager secret and who may read it.
import {
  BASE64_PATTERN,
  ENVIRONMENTS,
  PRINCIPAL_PATTERN,
  ROTATION_PERIOD_DAYS,
  SECRET_ACCESS_PERMISSION_SETS,
  SECRET_NAME_PATTERN,
  SECRET_TYPES,
} from "../thresholds";
import { JsonSchema, SCHEMA_DIALECT, object, ruled, schemaId, when } from "./annotations";

/** The one secret type whose value may be absent: the program derives it from the database. */
export const DERIVED_SECRET_TYPE = "database_url";

export const secretSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: schemaId("secret"),
  title: "secret_spec",
  description: "A Scaleway Secret Manager secret (seed: Secret Management Contract).",
  ...object(
    {
      name: ruled(
        "SEC-1",
        {
          message: "must follow env-service-type, e.g. production-documentation-database_url",
          fix: "Name the secret <environment>-<service>-<type>, e.g. staging-runners-api_key.",
        },
        { type: "string", pattern: SECRET_NAME_PATTERN },
      ),
      type: ruled(
        "SEC-2",
        { fix: `Use one of the secret types: ${SECRET_TYPES.join(", ")}.` },
        { type: "string", enum: [...SECRET_TYPES] },
      ),
      value: ruled(
        "SEC-3",
        {
          message: "must be base64 encoded",
          fix: "Encode the value in base64 and store it as a Pulumi secret: pulumi config set --secret --path ...",
        },
        {
          type: "string",
          pattern: BASE64_PATTERN,
          description: `Base64. In a stack file, a Pulumi secret (secure:); may be absent for ${DERIVED_SECRET_TYPE}, derived from the database.`,
        },
      ),
      environment: ruled(
        "SEC-7",
        { fix: `Set environment to the stack's environment (${ENVIRONMENTS.join(" or ")}).` },
        { type: "string", enum: [...ENVIRONMENTS] },
      ),
      rotation: ruled(
        "SEC-6",
        { fix: "Declare rotation.enabled, and rotation.period_days when it is enabled." },
        object(
          {
            enabled: { type: "boolean" },
            period_days: {
              type: "integer",
              minimum: ROTATION_PERIOD_DAYS.min,
              maximum: ROTATION_PERIOD_DAYS.max,
            },
            last_rotated: ruled(
              "SEC-6",
              {
                message: "must be a date, YYYY-MM-DD",
                fix: "Set rotation.last_rotated to the day the current version was created, e.g. 2026-11-20.",
              },
              {
                type: "string",
                pattern: "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$",
                description:
                  "Extra, optional: the day the current value was set. Scaleway does not rotate secrets (it only expires versions), so `scw-infra plan` warns when this is older than period_days.",
              },
            ),
          },
          ["enabled"],
          {
            allOf: [
              when(
                "enabled",
                true,
                ruled(
                  "SEC-6",
                  { fix: "Set rotation.period_days to a positive number of days, e.g. 90." },
                  { required: ["period_days"] },
                ),
              ),
            ],
          },
        ),
      ),
      access_policy: ruled(
        "SEC-4",
        { fix: "Declare access_policy.principals and access_policy.permissions." },
        object(
          {
            principals: ruled(
              "SEC-4",
              {
                message:
                  "must name at least one principal: application:<name>, user:<uuid>, group:<uuid> or application_id:<uuid>",
                fix: "List the IAM application (e.g. application:documentation-production) that reads the secret.",
              },
              {
                type: "array",
                minItems: 1,
                uniqueItems: true,
                items: { type: "string", pattern: PRINCIPAL_PATTERN },
              },
            ),
            permissions: ruled(
              "SEC-5",
              {
                fix: `Grant read access only: ${SECRET_ACCESS_PERMISSION_SETS.join(" or ")}.`,
              },
              {
                type: "array",
                minItems: 1,
                uniqueItems: true,
                items: { type: "string", enum: [...SECRET_ACCESS_PERMISSION_SETS] },
              },
            ),
          },
          ["principals", "permissions"],
        ),
      ),
    },
    ["name", "type", "environment", "rotation", "access_policy"],
  ),
  allOf: [
    {
      if: { properties: { type: { not: { const: DERIVED_SECRET_TYPE } } } },
      then: ruled(
        "SEC-3",
        { fix: "Set value as a Pulumi secret: pulumi config set --secret --path '<key>.value' <base64>." },
        { required: ["value"] },
      ),
    },
    ...ENVIRONMENTS.map((env) =>
      when("environment", env, {
        properties: {
          name: ruled(
            "SEC-1",
            {
              message: `must start with ${env}- in ${env}`,
              fix: `Rename the secret to ${env}-<service>-<type>.`,
            },
            { pattern: `^${env}-` },
          ),
        },
      }),
    ),
    ...SECRET_TYPES.map((type) =>
      when("type", type, {
        properties: {
          name: ruled(
            "SEC-1",
            {
              message: `must end with -${type}, the secret's type`,
              fix: `Rename the secret to <environment>-<service>-${type}.`,
            },
            { pattern: `-${type}$` },
          ),
        },
      }),
    ),
  ],
};
