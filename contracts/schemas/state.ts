// state_spec (STA-1..STA-5): where the stack's Pulumi state lives (Scaleway Object Storage).
import {
  BUCKET_NAME_PATTERN,
  ENVIRONMENTS,
  EU_REGIONS,
  STATE_BACKEND_TYPES,
  STATE_ENCRYPTION_ALGORITHMS,
  stateKeyPrefix,
} from "../thresholds";
import { JsonSchema, SCHEMA_DIALECT, object, positiveInteger, ruled, schemaId, when } from "./annotations";

/** A bucket "belongs" to an environment when the environment is one of its dot/dash-separated words. */
export function bucketOfEnvironmentPattern(env: string): string {
  return `(^|[.-])${env}([.-]|$)`;
}

export const stateSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: schemaId("state"),
  title: "state_spec",
  description: "The stack's state backend (seed: State Management Contract).",
  ...object(
    {
      environment: ruled(
        "ENV-1",
        { fix: `Set environment to ${ENVIRONMENTS.join(" or ")}.` },
        { type: "string", enum: [...ENVIRONMENTS] },
      ),
      backend: ruled(
        "STA-1",
        { fix: "Declare backend.type (s3), backend.bucket, backend.key and backend.region." },
        object(
          {
            type: ruled(
              "STA-1",
              { fix: "Use backend.type s3 (Scaleway Object Storage)." },
              { type: "string", enum: [...STATE_BACKEND_TYPES] },
            ),
            bucket: ruled(
              "STA-2",
              {
                message:
                  "must be an Object Storage bucket name (3-63 lowercase letters, digits, dots, hyphens)",
                fix: "Name the bucket after its environment, e.g. scaleway-infra-state-production.",
              },
              { type: "string", pattern: BUCKET_NAME_PATTERN },
            ),
            key: ruled(
              "STA-5",
              {
                message: "must be a path under the environment, <env>/...",
                fix: "Use a key such as production/scaleway-infra.tfstate.",
              },
              { type: "string", pattern: `^(${ENVIRONMENTS.join("|")})/.+` },
            ),
            region: ruled(
              "ENV-4",
              { fix: `Keep state in an EU region: ${EU_REGIONS.join(", ")}.` },
              { type: "string", enum: [...EU_REGIONS] },
            ),
          },
          ["type", "bucket", "key", "region"],
        ),
      ),
      locking: ruled(
        "STA-3",
        { fix: "Declare locking.enabled and locking.timeout (seconds)." },
        object({ enabled: { type: "boolean" }, timeout: { ...positiveInteger, description: "seconds" } }, [
          "enabled",
          "timeout",
        ]),
      ),
      encryption: ruled(
        "STA-4",
        { fix: `Set encryption.enabled: true with algorithm ${STATE_ENCRYPTION_ALGORITHMS.join(" or ")}.` },
        object(
          {
            enabled: ruled(
              "STA-4",
              { fix: "Set encryption.enabled: true; state is encrypted everywhere." },
              { const: true },
            ),
            algorithm: { type: "string", enum: [...STATE_ENCRYPTION_ALGORITHMS] },
          },
          ["enabled", "algorithm"],
        ),
      ),
    },
    ["environment", "backend", "locking", "encryption"],
  ),
  allOf: [
    ...ENVIRONMENTS.map((env) =>
      when("environment", env, {
        properties: {
          backend: {
            properties: {
              bucket: ruled(
                "STA-2",
                {
                  message: `must belong to ${env}: the bucket name must contain "${env}" as a word`,
                  fix: `Use a bucket of its own for ${env}, e.g. scaleway-infra-state-${env}.`,
                },
                { pattern: bucketOfEnvironmentPattern(env) },
              ),
              key: ruled(
                "STA-5",
                {
                  message: `must start with ${stateKeyPrefix(env)}`,
                  fix: `Use a key such as ${stateKeyPrefix(env)}scaleway-infra.tfstate.`,
                },
                { pattern: `^${stateKeyPrefix(env)}` },
              ),
            },
          },
        },
      }),
    ),
    when("environment", "production", {
      properties: {
        locking: {
          properties: {
            enabled: ruled("STA-3", { fix: "Set locking.enabled: true in production." }, { const: true }),
          },
        },
      },
    }),
  ],
};
