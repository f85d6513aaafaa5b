// container_spec (CTR-1..CTR-9): one Scaleway Serverless Container of a service.
import {
  CONTAINER_CPU_MCPU,
  CONTAINER_MEMORY_MB,
  CONTAINER_PRIVACY,
  DNS_NAME_PATTERN,
  ENVIRONMENTS,
  ENV_VAR_NAME_PATTERN,
  HEALTH_INTERVAL_SECONDS,
  HEALTH_TIMEOUT_SECONDS,
  HTTP_PATH_PATTERN,
  MAX_INSTANCES_LIMIT,
  MIN_INSTANCES,
  MUTABLE_IMAGE_TAGS,
  PINNED_IMAGE_PATTERN,
  REGISTRY_IMAGE_PATTERN,
  SECRET_NAME_PATTERN,
  SERVICE_NAMES,
  DEFAULT_CONTAINER_PORT,
} from "../thresholds";
import { CONTAINER_PORT_RANGE, CONTAINER_RESERVED_PORTS } from "../scaleway/facts/containers";
import { JsonSchema, SCHEMA_DIALECT, object, ruled, schemaId, when } from "./annotations";

const lowestMinInstances = Math.min(...Object.values(MIN_INSTANCES));

const environmentVariable = object(
  {
    name: { type: "string", pattern: ENV_VAR_NAME_PATTERN, description: "Variable name (POSIX)." },
    value: {
      type: "string",
      description:
        "Plain value; with `secret: true`, the name of a declared secret (never the secret itself).",
    },
    secret: {
      type: "boolean",
      description: "The value names a secret, which reaches the container as a secret variable.",
    },
  },
  ["name", "value"],
  {
    title: "environment_variable_spec",
    allOf: [
      when("secret", true, {
        properties: {
          value: ruled(
            "CTR-6",
            {
              message: "must be the name of a declared secret (env-service-type) when `secret` is true",
              fix: "Put the secret's name (e.g. production-documentation-api_key) as the value, never the secret itself.",
            },
            { pattern: SECRET_NAME_PATTERN },
          ),
        },
      }),
    ],
  },
);

export const containerSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: schemaId("container"),
  title: "container_spec",
  description:
    "A Scaleway Serverless Container running one of the services (seed: Container Deployment Contract).",
  ...object(
    {
      name: ruled(
        "CTR-1",
        { fix: `Use one of the services: ${SERVICE_NAMES.join(", ")}.` },
        { type: "string", enum: [...SERVICE_NAMES] },
      ),
      image: ruled(
        "CTR-2",
        {
          message:
            "must be an EU Scaleway Container Registry image, rg.<region>.scw.cloud/<namespace>/<repo>[:tag][@sha256:<digest>]",
          fix: "Push the image to Scaleway Container Registry in fr-par, nl-ams or pl-waw and reference it there.",
        },
        { type: "string", pattern: REGISTRY_IMAGE_PATTERN },
      ),
      environment: ruled(
        "CTR-3",
        { fix: `Set environment to the stack's environment (${ENVIRONMENTS.join(" or ")}).` },
        { type: "string", enum: [...ENVIRONMENTS] },
      ),
      scaling: ruled(
        "CTR-4",
        { fix: "Set scaling.min_instances and scaling.max_instances as whole numbers of instances." },
        object(
          {
            min_instances: { type: "integer", minimum: lowestMinInstances, maximum: MAX_INSTANCES_LIMIT },
            max_instances: { type: "integer", minimum: lowestMinInstances, maximum: MAX_INSTANCES_LIMIT },
          },
          ["min_instances", "max_instances"],
        ),
      ),
      resources: ruled(
        "CTR-7",
        {
          fix: `Use cpu between ${CONTAINER_CPU_MCPU.min} and ${CONTAINER_CPU_MCPU.max} mCPU and memory between ${CONTAINER_MEMORY_MB.min} and ${CONTAINER_MEMORY_MB.max} MB.`,
        },
        object(
          {
            cpu: {
              type: "integer",
              minimum: CONTAINER_CPU_MCPU.min,
              maximum: CONTAINER_CPU_MCPU.max,
              description: "mCPU",
            },
            memory: {
              type: "integer",
              minimum: CONTAINER_MEMORY_MB.min,
              maximum: CONTAINER_MEMORY_MB.max,
              description: "MB",
            },
          },
          ["cpu", "memory"],
        ),
      ),
      health: ruled(
        "CTR-5",
        { fix: "Give every container a health check: health.path, health.interval and health.timeout." },
        object(
          {
            path: ruled(
              "CTR-5",
              {
                message: "must be an absolute HTTP path such as /healthz",
                fix: "Set health.path to the absolute path that answers HTTP 200, e.g. /healthz.",
              },
              { type: "string", pattern: HTTP_PATH_PATTERN },
            ),
            interval: ruled(
              "CTR-9",
              {
                fix: `Use a health check interval between ${HEALTH_INTERVAL_SECONDS.min} and ${HEALTH_INTERVAL_SECONDS.max} seconds.`,
              },
              {
                type: "integer",
                minimum: HEALTH_INTERVAL_SECONDS.min,
                maximum: HEALTH_INTERVAL_SECONDS.max,
                description: "seconds",
              },
            ),
            timeout: ruled(
              "CTR-9",
              {
                fix: `Use a health check timeout between ${HEALTH_TIMEOUT_SECONDS.min} and ${HEALTH_TIMEOUT_SECONDS.max} seconds, below the interval.`,
              },
              {
                type: "integer",
                minimum: HEALTH_TIMEOUT_SECONDS.min,
                maximum: HEALTH_TIMEOUT_SECONDS.max,
                description: "seconds",
              },
            ),
          },
          ["path", "interval", "timeout"],
        ),
      ),
      port: ruled(
        "CTR-8",
        {
          fix: `Set port to the TCP port the service listens on (${CONTAINER_PORT_RANGE.value.min}-${CONTAINER_PORT_RANGE.value.max}); without it the service listens on ${DEFAULT_CONTAINER_PORT}.`,
        },
        {
          type: "integer",
          minimum: CONTAINER_PORT_RANGE.value.min,
          maximum: CONTAINER_PORT_RANGE.value.max,
          description: `Extra, optional: the port the service listens on (default ${DEFAULT_CONTAINER_PORT}); Scaleway passes it as $PORT. Scaleway's reserved ports are refused (${CONTAINER_RESERVED_PORTS.value.join(", ")}).`,
        },
      ),
      networking: ruled(
        "CTR-8",
        { fix: "Set networking.privacy to public or private; list domains as DNS names." },
        object(
          {
            privacy: { type: "string", enum: [...CONTAINER_PRIVACY] },
            domains: {
              type: "array",
              uniqueItems: true,
              items: ruled(
                "CTR-8",
                {
                  message: "must be a DNS name such as docs.example.gouv.fr",
                  fix: "Write each domain as a lowercase DNS name without scheme or path.",
                },
                { type: "string", pattern: DNS_NAME_PATTERN },
              ),
            },
            cname_ready: {
              type: "array",
              uniqueItems: true,
              description:
                "Extra, optional: the domains whose CNAME to the container already resolves; only these are bound to the container (a domain added before its CNAME resolves ends in error at Scaleway).",
              items: ruled(
                "CTR-8",
                {
                  message: "must be a DNS name listed in networking.domains",
                  fix: "List here, once its CNAME resolves, a domain of networking.domains.",
                },
                { type: "string", pattern: DNS_NAME_PATTERN },
              ),
            },
          },
          ["privacy"],
        ),
      ),
      environment_variables: ruled(
        "CTR-6",
        { fix: "List variables as { name, value, secret? }; secret values are referenced by secret name." },
        { type: "array", items: environmentVariable },
      ),
    },
    ["name", "image", "environment", "scaling", "resources", "health", "networking"],
  ),
  allOf: [
    ...ENVIRONMENTS.map((env) =>
      when("environment", env, {
        properties: {
          scaling: {
            properties: {
              min_instances: ruled(
                "CTR-4",
                {
                  fix: `In ${env}, run at least ${MIN_INSTANCES[env]} instance(s): raise scaling.min_instances.`,
                },
                { minimum: MIN_INSTANCES[env] },
              ),
            },
          },
        },
      }),
    ),
    when("environment", "production", {
      properties: {
        image: ruled(
          "CTR-2",
          {
            message: `must be pinned in production: a @sha256 digest or an immutable tag (not ${MUTABLE_IMAGE_TAGS.join(", ")})`,
            fix: "Reference the image by digest (@sha256:...) or by a release tag such as 1.4.2.",
          },
          { pattern: PINNED_IMAGE_PATTERN },
        ),
      },
    }),
  ],
};
