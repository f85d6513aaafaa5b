// The inputs of a Scaleway resource, checked against what Scaleway accepts (contracts/scaleway/facts): types,
// units, ranges, enums and pairs, per resource type of @pulumiverse/scaleway 1.54.0. The provider
// contract test runs it on every resource the program registers; the advisory policy
// `scaleway-provider-inputs` runs it on any resource, hand-written ones included. Values not known yet
// (undefined, or the UNKNOWN marker of a plan) are skipped, never guessed.
import {
  CONTAINER_CPU_MEMORY_PAIRS,
  CONTAINER_CPU_RANGE,
  CONTAINER_MAX_SCALE,
  CONTAINER_MEMORY_RANGE,
  CONTAINER_MEMORY_UNIT,
  CONTAINER_PORT_RANGE,
  CONTAINER_PROTOCOLS,
  CONTAINER_RESERVED_PORTS,
  CONTAINER_RESERVED_VARIABLES,
  CONTAINER_VARIABLE_LIMITS,
  isDocumentedCpuMemoryPair,
  isReservedVariableName,
} from "./facts/containers";
import { citeFact, type ScalewayFact } from "./facts/fact";
import {
  isNodeTypeOnSale,
  normaliseNodeType,
  postgresqlVersionsOnSale,
  RDB_ENGINE_STRING,
  RDB_LOCAL_SSD_NODE_PREFIXES,
  RDB_NODE_TYPES,
  RDB_POSTGRESQL_VERSIONS,
  RDB_VOLUME_SIZE,
  RDB_VOLUME_TYPES,
} from "./facts/rdb";
import { IAM_SECRET_MANAGER_PERMISSION_SETS, isKnownSecretManagerPermissionSet } from "./facts/iam";
import { SECRET_EPHEMERAL_ACTIONS, SECRET_EPHEMERAL_TTL, SECRET_TYPES } from "./facts/secret-manager";

export interface ProviderInputProblem {
  /** The input, as a dotted path (`memoryLimitBytes`, `ephemeralPolicies.0.ttl`). */
  field: string;
  factId: string;
  /** What is wrong and what Scaleway accepts, citing the fact and its source. */
  message: string;
}

/** Inputs of @pulumiverse/scaleway 1.54.0 marked deprecated, with what replaces them. */
export const DEPRECATED_INPUTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  container: {
    memoryLimit: "memoryLimitBytes",
    registryImage: "image",
    healthChecks: "livenessProbe",
    httpOption: "httpsConnectionsOnly",
    localStorageLimit: "localStorageLimitBytes",
    deploy: "(nothing: containers deploy on every change)",
  },
};

type Props = Record<string, unknown>;

function known(value: unknown): boolean {
  return value !== undefined && value !== null && typeof value !== "symbol";
}

function problem(field: string, fact: ScalewayFact<unknown>, what: string): ProviderInputProblem {
  return { field, factId: fact.id, message: `${field} ${what}: ${fact.statement} (${citeFact(fact)})` };
}

function integerIn(
  props: Props,
  field: string,
  range: { min: number; max: number },
  fact: ScalewayFact<unknown>,
): ProviderInputProblem[] {
  const value = props[field];
  if (!known(value)) return [];
  if (typeof value !== "number" || !Number.isInteger(value))
    return [problem(field, fact, `is ${JSON.stringify(value)}, not an integer`)];
  if (value < range.min || value > range.max)
    return [problem(field, fact, `is ${value}, outside ${range.min}-${range.max}`)];
  return [];
}

function checkContainer(props: Props): ProviderInputProblem[] {
  const problems: ProviderInputProblem[] = [];
  for (const [field, replacement] of Object.entries(DEPRECATED_INPUTS.container)) {
    if (known(props[field]))
      problems.push({
        field,
        factId: "provider.deprecated-input",
        message: `${field} is deprecated in @pulumiverse/scaleway 1.54.0; use ${replacement}`,
      });
  }
  problems.push(...integerIn(props, "cpuLimit", CONTAINER_CPU_RANGE.value, CONTAINER_CPU_RANGE));
  const bytes = props.memoryLimitBytes;
  let memoryMb: number | undefined;
  if (known(bytes)) {
    if (typeof bytes !== "number" || !Number.isInteger(bytes)) {
      problems.push(
        problem(
          "memoryLimitBytes",
          CONTAINER_MEMORY_UNIT,
          `is ${JSON.stringify(bytes)}, not a whole number of bytes`,
        ),
      );
    } else if (bytes % CONTAINER_MEMORY_UNIT.value !== 0) {
      problems.push(
        problem(
          "memoryLimitBytes",
          CONTAINER_MEMORY_UNIT,
          `is ${bytes}, not a whole number of decimal MB (${bytes % (1024 * 1024) === 0 ? `it is ${bytes / (1024 * 1024)} MiB: binary MB` : "a wrong unit"})`,
        ),
      );
    } else {
      memoryMb = bytes / CONTAINER_MEMORY_UNIT.value;
      const range = CONTAINER_MEMORY_RANGE.value;
      if (memoryMb < range.min || memoryMb > range.max)
        problems.push(
          problem(
            "memoryLimitBytes",
            CONTAINER_MEMORY_RANGE,
            `is ${memoryMb} MB, outside ${range.min}-${range.max} MB`,
          ),
        );
    }
  }
  const cpu = props.cpuLimit;
  if (typeof cpu === "number" && memoryMb !== undefined && !isDocumentedCpuMemoryPair(cpu, memoryMb))
    problems.push(
      problem(
        "cpuLimit",
        CONTAINER_CPU_MEMORY_PAIRS,
        `${cpu} mvCPU with ${memoryMb} MB is not a documented pair`,
      ),
    );
  problems.push(...integerIn(props, "port", CONTAINER_PORT_RANGE.value, CONTAINER_PORT_RANGE));
  if (typeof props.port === "number" && CONTAINER_RESERVED_PORTS.value.includes(props.port))
    problems.push(problem("port", CONTAINER_RESERVED_PORTS, `is ${props.port}, a reserved port`));
  const scaleRange = { min: 0, max: CONTAINER_MAX_SCALE.value };
  problems.push(...integerIn(props, "minScale", scaleRange, CONTAINER_MAX_SCALE));
  problems.push(...integerIn(props, "maxScale", scaleRange, CONTAINER_MAX_SCALE));
  if (known(props.protocol) && !CONTAINER_PROTOCOLS.value.includes(String(props.protocol)))
    problems.push(problem("protocol", CONTAINER_PROTOCOLS, `is ${JSON.stringify(props.protocol)}`));
  problems.push(...checkVariables(props));
  return problems;
}

function checkVariables(props: Props): ProviderInputProblem[] {
  const problems: ProviderInputProblem[] = [];
  const limits = CONTAINER_VARIABLE_LIMITS.value;
  const groups: Array<[string, number, (value: string) => boolean]> = [
    ["environmentVariables", limits.maxVariables, (v) => v.length <= limits.maxVariableChars],
    [
      "secretEnvironmentVariables",
      limits.maxSecretVariables,
      (v) => Buffer.byteLength(v, "utf8") <= limits.maxSecretVariableBytes,
    ],
  ];
  for (const [field, maxCount, fits] of groups) {
    const variables = props[field];
    if (!known(variables) || typeof variables !== "object") continue;
    const entries = Object.entries(variables as Props);
    if (entries.length > maxCount)
      problems.push(problem(field, CONTAINER_VARIABLE_LIMITS, `has ${entries.length} variables`));
    for (const [name, value] of entries) {
      if (isReservedVariableName(name))
        problems.push(problem(`${field}.${name}`, CONTAINER_RESERVED_VARIABLES, "is a reserved name"));
      // The value itself is never quoted: a secret variable's value is a secret.
      if (typeof value === "string" && !fits(value))
        problems.push(problem(`${field}.${name}`, CONTAINER_VARIABLE_LIMITS, "is too long"));
    }
  }
  return problems;
}

function checkDatabaseInstance(props: Props): ProviderInputProblem[] {
  const problems: ProviderInputProblem[] = [];
  const nodeType = props.nodeType;
  if (known(nodeType) && (typeof nodeType !== "string" || !isNodeTypeOnSale(nodeType)))
    problems.push(
      problem("nodeType", RDB_NODE_TYPES, `is ${JSON.stringify(nodeType)}, not a node type on sale`),
    );
  const engine = props.engine;
  if (known(engine)) {
    const match = typeof engine === "string" ? /^postgresql-(\d+)$/i.exec(engine) : null;
    if (match === null) problems.push(problem("engine", RDB_ENGINE_STRING, `is ${JSON.stringify(engine)}`));
    else if (!postgresqlVersionsOnSale().includes(match[1]))
      problems.push(problem("engine", RDB_POSTGRESQL_VERSIONS, `is ${engine}, not a version on sale`));
  }
  const volumeType = props.volumeType;
  if (known(volumeType) && !RDB_VOLUME_TYPES.value.includes(String(volumeType)))
    problems.push(problem("volumeType", RDB_VOLUME_TYPES, `is ${JSON.stringify(volumeType)}`));
  if (
    volumeType === "lssd" &&
    typeof nodeType === "string" &&
    !RDB_LOCAL_SSD_NODE_PREFIXES.some((prefix) => normaliseNodeType(nodeType).startsWith(prefix))
  )
    problems.push(problem("volumeType", RDB_VOLUME_TYPES, `lssd cannot go with node type ${nodeType}`));
  const size = props.volumeSizeInGb;
  if (known(size)) {
    const limits = RDB_VOLUME_SIZE.value;
    if (volumeType === "lssd")
      problems.push(problem("volumeSizeInGb", RDB_VOLUME_SIZE, "is set with an lssd volume"));
    else if (
      typeof size !== "number" ||
      !Number.isInteger(size) ||
      size % limits.multipleOf !== 0 ||
      size < limits.min ||
      size > limits.max
    )
      problems.push(problem("volumeSizeInGb", RDB_VOLUME_SIZE, `is ${JSON.stringify(size)}`));
  }
  return problems;
}

/** Go durations as an ephemeral policy takes them: `2160h`, `90m`, `1h30m`. */
function goDurationHours(text: string): number | undefined {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (match === null || text === "") return undefined;
  const [, h = "0", m = "0", s = "0"] = match;
  return Number(h) + Number(m) / 60 + Number(s) / 3600;
}

function checkSecret(props: Props): ProviderInputProblem[] {
  const problems: ProviderInputProblem[] = [];
  if (known(props.type) && !SECRET_TYPES.value.includes(String(props.type)))
    problems.push(problem("type", SECRET_TYPES, `is ${JSON.stringify(props.type)}`));
  const policies = props.ephemeralPolicies;
  if (Array.isArray(policies)) {
    policies.forEach((policy: unknown, index) => {
      if (typeof policy !== "object" || policy === null) return;
      const { ttl, action } = policy as Props;
      if (known(ttl)) {
        const hours = typeof ttl === "string" ? goDurationHours(ttl) : undefined;
        if (hours === undefined || hours <= 0 || hours > SECRET_EPHEMERAL_TTL.value.maxHours)
          problems.push(
            problem(`ephemeralPolicies.${index}.ttl`, SECRET_EPHEMERAL_TTL, `is ${JSON.stringify(ttl)}`),
          );
      }
      if (known(action) && !SECRET_EPHEMERAL_ACTIONS.value.includes(String(action)))
        problems.push(
          problem(
            `ephemeralPolicies.${index}.action`,
            SECRET_EPHEMERAL_ACTIONS,
            `is ${JSON.stringify(action)}`,
          ),
        );
    });
  }
  return problems;
}

function checkIamPolicy(props: Props): ProviderInputProblem[] {
  const rules = props.rules;
  if (!Array.isArray(rules)) return [];
  const problems: ProviderInputProblem[] = [];
  rules.forEach((rule: unknown, index) => {
    const names = typeof rule === "object" && rule !== null ? (rule as Props).permissionSetNames : undefined;
    if (!Array.isArray(names)) return;
    for (const name of names)
      if (
        typeof name === "string" &&
        name.startsWith("SecretManager") &&
        !isKnownSecretManagerPermissionSet(name)
      )
        problems.push(
          problem(
            `rules.${index}.permissionSetNames`,
            IAM_SECRET_MANAGER_PERMISSION_SETS,
            `names ${name}, which Scaleway does not list`,
          ),
        );
  });
  return problems;
}

/** The resource kinds checked here, named as policies/resource-types.ts names them (both type tokens map to one). */
export const PROVIDER_CHECKED_KINDS = ["container", "databaseInstance", "secret", "iamPolicy"] as const;
export type ProviderCheckedKind = (typeof PROVIDER_CHECKED_KINDS)[number];

const CHECKS: Readonly<Record<ProviderCheckedKind, (props: Props) => ProviderInputProblem[]>> = {
  container: checkContainer,
  databaseInstance: checkDatabaseInstance,
  secret: checkSecret,
  iamPolicy: checkIamPolicy,
};

/** Every problem of a resource's inputs against the Scaleway facts. */
export function checkProviderInputs(kind: ProviderCheckedKind, props: Props): ProviderInputProblem[] {
  return CHECKS[kind](props);
}
