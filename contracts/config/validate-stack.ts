// Validates a whole stack: every `scaleway-infra:*` key against its contract, then the rules that
// span several documents (the stack's environment, declared secrets, state ownership, provider
// region and zone, alert names and targets). Every problem is reported at once, with its config
// key, JSON pointer and, when the stack came from a file, file and line.
import type { ProblemDetail } from "../errors/infra-error";
import {
  asRecord,
  fieldAt,
  humanPath,
  isWithin,
  parentPointer,
  pointerOf,
  segmentsOf,
  stringAt,
} from "../documents/json-pointer";
import type { SourceLocation } from "../documents/source-location";
import { plaintextCredentialsInConfigValue, secureConfigFix } from "./plaintext-config-secrets";
import { finalizeProblems, uniqueProblems } from "../documents/problems";
import { didYouMean } from "../documents/suggest";
import type { RawProblem } from "../documents/raw-problem";
import type { ContractName, StackContracts } from "../documents/types";
import { MAX_REPORTED_PROBLEMS, invalidDocumentError, rawContractProblems } from "../documents/validate";
import { bucketOfEnvironmentPattern } from "../schemas/state";
import {
  DATABASE_SERVICE_NAME,
  EU_REGIONS,
  ENVIRONMENTS,
  isEnvironmentName,
  isEuRegion,
  regionOfZone,
  stateKeyPrefix,
  type EnvironmentName,
} from "../thresholds";
import { deploymentConfigProblems, type DeploymentConfig } from "../documents/deployment-config";
import { checkPromQL } from "../detectors/promql";
import { selectorsOf, selectsResource } from "../detectors/promql-selectors";
import { PUBLISHED_METRICS } from "../scaleway/facts/cockpit";
import {
  STACK_CONFIG_KEYS,
  STACK_CONTRACT_KEYS,
  configKeyOf,
  type StackConfigKey,
  type StackContractKey,
  type StackInput,
} from "./stack-input";

/** The contract of each stack key, and whether the key holds a list of documents. */
export const STACK_KEY_CONTRACTS: Readonly<
  Record<StackContractKey, { contract: ContractName; list: boolean }>
> = {
  environment: { contract: "environment", list: false },
  state: { contract: "state", list: false },
  containers: { contract: "container", list: true },
  database: { contract: "database", list: false },
  secrets: { contract: "secret", list: true },
  alerts: { contract: "alert-rule", list: true },
};

/** A problem in one document of the stack: the key, the list index, and a pointer inside the document. */
export interface StackRawProblem {
  key: StackConfigKey;
  index?: number;
  problem: RawProblem;
}

/** The documents of a stack as read, before validation, with typed-enough access for cross checks. */
interface StackView {
  stack: string;
  env: EnvironmentName | undefined;
  input: StackInput;
  one: (key: StackContractKey) => Record<string, unknown> | undefined;
  many: (key: StackContractKey) => Record<string, unknown>[];
}

export interface StackCheck {
  rule: string;
  description: string;
  check: (view: StackView) => StackRawProblem[];
}

function mismatch(
  key: StackContractKey,
  index: number | undefined,
  path: string,
  rule: string,
  predicate: string,
  fix: string,
): StackRawProblem {
  return {
    key,
    ...(index === undefined ? {} : { index }),
    problem: { path, rule, predicate, fix, showValue: true },
  };
}

const stackIsAnEnvironment: StackCheck = {
  rule: "ENV-1",
  description:
    "The stack is named after its environment (staging or production), and environment.name is that name.",
  check: ({ stack, env, one }) => {
    const name = stringAt(one("environment"), "name");
    if (env === undefined) {
      return [
        mismatch(
          "environment",
          undefined,
          "/name",
          "ENV-1",
          `belongs to stack "${stack}", which is not an environment (${ENVIRONMENTS.join(", ")})`,
          `Name the stack after its environment: Pulumi.${ENVIRONMENTS[0]}.yaml or Pulumi.${ENVIRONMENTS[1]}.yaml.`,
        ),
      ];
    }
    if (name === undefined || name === env) return [];
    return [
      mismatch(
        "environment",
        undefined,
        "/name",
        "ENV-1",
        `must be the stack's environment, ${env}`,
        `Set name: ${env}.`,
      ),
    ];
  },
};

function sameEnvironmentCheck(key: StackContractKey, rule: string, description: string): StackCheck {
  return {
    rule,
    description,
    check: ({ env, one, many }) => {
      if (env === undefined) return [];
      const documents = STACK_KEY_CONTRACTS[key].list ? many(key) : [one(key)];
      const problems: StackRawProblem[] = [];
      documents.forEach((document, index) => {
        const found = stringAt(document, "environment");
        if (found === undefined || found === env) return;
        problems.push(
          mismatch(
            key,
            STACK_KEY_CONTRACTS[key].list ? index : undefined,
            "/environment",
            rule,
            `must be the stack's environment, ${env}`,
            `Set environment: ${env}; a stack only holds its own environment's resources.`,
          ),
        );
      });
      return problems;
    },
  };
}

const containersInStackEnvironment = sameEnvironmentCheck(
  "containers",
  "CTR-3",
  "Each container's environment is the stack's environment.",
);
const secretsInStackEnvironment = sameEnvironmentCheck(
  "secrets",
  "SEC-7",
  "Each secret's environment is the stack's environment.",
);
const databaseInStackEnvironment = sameEnvironmentCheck(
  "database",
  "DB-1",
  "The database's environment is the stack's environment.",
);

const secretNamesCarryEnvironment: StackCheck = {
  rule: "SEC-1",
  description: "Every secret name starts with the stack's environment, and names are unique.",
  check: ({ env, many }) => {
    const problems: StackRawProblem[] = [];
    const seen = new Map<string, number>();
    many("secrets").forEach((secret, index) => {
      const name = stringAt(secret, "name");
      if (name === undefined) return;
      if (env !== undefined && !name.startsWith(`${env}-`)) {
        problems.push(
          mismatch(
            "secrets",
            index,
            "/name",
            "SEC-1",
            `must carry the stack's environment: ${env}-<service>-<type>`,
            `Rename it to start with ${env}-.`,
          ),
        );
      }
      const first = seen.get(name);
      if (first !== undefined) {
        problems.push(
          mismatch(
            "secrets",
            index,
            "/name",
            "SEC-1",
            `repeats the name of secrets[${first}]`,
            "Give each secret its own name, or remove the duplicate.",
          ),
        );
      } else seen.set(name, index);
    });
    return problems;
  },
};

const secretVariablesReferenceDeclaredSecrets: StackCheck = {
  rule: "CTR-6",
  description:
    "Every container variable marked `secret: true` has as value the name of a secret declared in scaleway-infra:secrets.",
  check: ({ many }) => {
    const declared = new Set(
      many("secrets")
        .map((s) => stringAt(s, "name"))
        .filter((n): n is string => n !== undefined),
    );
    const problems: StackRawProblem[] = [];
    many("containers").forEach((container, index) => {
      const variables = container.environment_variables;
      if (!Array.isArray(variables)) return;
      variables.forEach((variable, v) => {
        if (fieldAt(variable, "secret") !== true) return;
        const value = stringAt(variable, "value");
        if (value === undefined || declared.has(value)) return;
        problems.push({
          key: "containers",
          index,
          problem: {
            path: pointerOf(["environment_variables", v, "value"]),
            rule: "CTR-6",
            predicate: "must name a secret declared in scaleway-infra:secrets",
            fix: `${didYouMean(value, [...declared])}Declare the secret in scaleway-infra:secrets, or use one of: ${[...declared].join(", ") || "(none declared)"}.`,
            showValue: true,
          },
        });
      });
    });
    return problems;
  },
};

const secretValuesAreSecure: StackCheck = {
  rule: "SEC-3",
  description:
    "A secret's value is a Pulumi secret (`secure:` in the stack file), never in clear; a database_url may omit it.",
  check: ({ input, many }) => {
    const problems: StackRawProblem[] = [];
    many("secrets").forEach((secret, index) => {
      if (secret.value === undefined) return;
      const pointer = `/secrets/${index}/value`;
      if ([...input.secretPointers].some((p) => isWithin(pointer, p))) return;
      problems.push({
        key: "secrets",
        index,
        problem: {
          path: "/value",
          rule: "SEC-3",
          predicate: "is in clear in the stack configuration",
          fix: `Make it a Pulumi secret: pulumi config set --secret --path '${configKeyOf("secrets")}[${index}].value' <base64>.`,
          showValue: false,
        },
      });
    });
    return problems;
  },
};

const PLAINTEXT_FIX_HINT = "a credential in a stack file must be a Pulumi secret (secure:)";

/** Fields that other checks judge with more context: a secret's value (above), container variables (CTR-6). */
function judgedByAnotherCheck(key: StackConfigKey, pointer: string): boolean {
  if (key === "secrets") return /^\/\d+\/value(?:\/|$)/.test(pointer);
  if (key === "containers") return /^\/\d+\/environment_variables(?:\/|$)/.test(pointer);
  return false;
}

/** `input.secretPointers` under `/<key>`, relative to the key's value. */
function securePointersOf(input: StackInput, key: StackConfigKey): Set<string> {
  const prefix = `/${key}`;
  const relative = new Set<string>();
  for (const pointer of input.secretPointers) {
    if (pointer === prefix) relative.add("");
    else if (pointer.startsWith(`${prefix}/`)) relative.add(pointer.slice(prefix.length));
  }
  return relative;
}

const noPlaintextCredentialInContracts: StackCheck = {
  rule: "SEC-3",
  description:
    "No field of a contract document holds a plaintext credential (issue 11 §2); secret values and container variables are judged by their own checks.",
  check: ({ input }) => {
    const problems: StackRawProblem[] = [];
    for (const key of STACK_CONFIG_KEYS) {
      const value = input.values[key];
      if (value === undefined) continue;
      const list = key !== "deployment" && STACK_KEY_CONTRACTS[key].list && Array.isArray(value);
      const found = plaintextCredentialsInConfigValue(configKeyOf(key), value, {
        securePointers: securePointersOf(input, key),
        skip: (pointer) => judgedByAnotherCheck(key, pointer),
      });
      for (const credential of found) {
        const [first, ...rest] = segmentsOf(credential.pointer);
        const index = list ? Number(first) : undefined;
        problems.push({
          key,
          ...(index === undefined ? {} : { index }),
          problem: {
            path: list ? pointerOf(rest) : credential.pointer,
            rule: "SEC-3",
            predicate: `holds a plaintext credential (${credential.kind}); ${PLAINTEXT_FIX_HINT}`,
            fix: secureConfigFix(configKeyOf(key), credential.pointer),
            showValue: false,
          },
        });
      }
    }
    return problems;
  },
};

/**
 * SEC-3 on every config key outside `scaleway-infra:` (provider keys, `aws:*`, application keys), and
 * on every top-level key of the stack file beside `config:`: a plaintext credential is refused at its
 * file, line and key path, never with its value.
 */
function plaintextCredentialsOutsideContracts(input: StackInput): ProblemDetail[] {
  const details: ProblemDetail[] = [];
  for (const entry of input.otherConfig ?? []) {
    const found = plaintextCredentialsInConfigValue(entry.configKey, entry.value, {
      securePointers: entry.securePointers,
    });
    for (const credential of found) {
      let location: SourceLocation | undefined;
      for (let p: string | undefined = credential.pointer; p !== undefined && !location; p = parentPointer(p))
        location = input.locateConfig?.(entry.configKey, p);
      details.push({
        path: credential.pointer,
        rule: "SEC-3",
        message: `${entry.configKey}${credential.pointer === "" ? "" : ` at ${humanPath(credential.pointer)}`} holds a plaintext credential (${credential.kind}: ${credential.reason}); ${PLAINTEXT_FIX_HINT}.`,
        redacted: true,
        fix: secureConfigFix(entry.configKey, credential.pointer),
        configKey: entry.configKey,
        ...locatedAt(input, location),
      });
    }
  }
  for (const entry of input.outsideConfig ?? []) {
    const found = plaintextCredentialsInConfigValue(entry.key, entry.value, {
      securePointers: entry.securePointers,
    });
    for (const credential of found) {
      const pointer = `${pointerOf([entry.key])}${credential.pointer}`;
      let location: SourceLocation | undefined;
      const locate = entry.locate ?? input.locateInFile;
      for (let p: string | undefined = pointer; p !== undefined && !location; p = parentPointer(p))
        location = locate?.(p);
      const place = entry.file === undefined ? "(outside config:)" : `of ${entry.file}`;
      details.push({
        path: pointer,
        rule: "SEC-3",
        message: `${humanPath(pointer)} ${place} holds a plaintext credential (${credential.kind}: ${credential.reason}); whatever Pulumi reads of it, the file holds it in clear.`,
        redacted: true,
        fix: "Take it out of the file: keep it as a Pulumi secret (pulumi config set --secret), or as fn::secret in a Pulumi ESC environment, and rotate the exposed credential.",
        ...locatedAt(
          input,
          location ?? (entry.file === undefined ? undefined : { file: entry.file, line: 1 }),
        ),
      });
    }
  }
  return details;
}

/** The file, line and column of a problem: where the value was found, else the stack's file. */
function locatedAt(input: StackInput, location: SourceLocation | undefined): Partial<ProblemDetail> {
  const file = location?.file ?? input.file;
  return {
    ...(file === undefined ? {} : { file }),
    ...(location ? { line: location.line, ...(location.column ? { column: location.column } : {}) } : {}),
  };
}

const stateBelongsToEnvironment: StackCheck = {
  rule: "STA-2",
  description:
    "The state bucket belongs to the stack's environment (its name carries the environment) and the key lies under <env>/ (STA-5).",
  check: ({ env, one }) => {
    if (env === undefined) return [];
    const state = one("state");
    const problems: StackRawProblem[] = [];
    const bucket = stringAt(state, "backend", "bucket");
    if (bucket !== undefined && !new RegExp(bucketOfEnvironmentPattern(env)).test(bucket)) {
      problems.push(
        mismatch(
          "state",
          undefined,
          "/backend/bucket",
          "STA-2",
          `must be the ${env} state bucket (its name carries "${env}")`,
          `Use a bucket of ${env}'s own, e.g. scaleway-infra-state-${env}.`,
        ),
      );
    }
    const others = ENVIRONMENTS.filter((e) => e !== env);
    if (
      bucket !== undefined &&
      others.some((other) => new RegExp(bucketOfEnvironmentPattern(other)).test(bucket))
    ) {
      problems.push(
        mismatch(
          "state",
          undefined,
          "/backend/bucket",
          "STA-2",
          `belongs to another environment (${others.join(", ")})`,
          `Never share a state bucket between environments; use scaleway-infra-state-${env}.`,
        ),
      );
    }
    const key = stringAt(state, "backend", "key");
    if (key !== undefined && !key.startsWith(stateKeyPrefix(env))) {
      problems.push(
        mismatch(
          "state",
          undefined,
          "/backend/key",
          "STA-5",
          `must lie under ${stateKeyPrefix(env)}`,
          `Use a key such as ${stateKeyPrefix(env)}scaleway-infra.tfstate.`,
        ),
      );
    }
    const stateEnv = stringAt(state, "environment");
    if (stateEnv !== undefined && stateEnv !== env) {
      problems.push(
        mismatch(
          "state",
          undefined,
          "/environment",
          "STA-2",
          `must be the stack's environment, ${env}`,
          `Set environment: ${env}.`,
        ),
      );
    }
    return problems;
  },
};

const providerAgreesWithEnvironment: StackCheck = {
  rule: "ENV-4",
  description:
    "scaleway:region and scaleway:zone equal environment.scaleway's, and the zone lies in the region; scaleway:projectId equals the project_id (OPS-1).",
  check: ({ input, one }) => {
    const environment = one("environment");
    const region = stringAt(environment, "scaleway", "region");
    const zone = stringAt(environment, "scaleway", "zone");
    const projectId = stringAt(environment, "scaleway", "project_id");
    const { provider } = input;
    const problems: StackRawProblem[] = [];
    if (provider.region !== undefined && region !== undefined && provider.region !== region) {
      problems.push(
        mismatch(
          "environment",
          undefined,
          "/scaleway/region",
          "ENV-4",
          isEuRegion(provider.region)
            ? `disagrees with the provider key scaleway:region (${provider.region})`
            : `disagrees with the provider key scaleway:region (${provider.region}, which is not an EU region)`,
          isEuRegion(region)
            ? `Set scaleway:region: ${region}, the region of environment.scaleway (EU regions: ${EU_REGIONS.join(", ")}).`
            : "Make scaleway:region and environment.scaleway.region the same EU region.",
        ),
      );
    }
    if (provider.zone !== undefined && zone !== undefined && provider.zone !== zone) {
      problems.push(
        mismatch(
          "environment",
          undefined,
          "/scaleway/zone",
          "ENV-4",
          `disagrees with the provider key scaleway:zone (${provider.zone})`,
          "Make scaleway:zone and environment.scaleway.zone the same EU zone.",
        ),
      );
    }
    // The environment document's own region/zone pair is checked by its schema; here only the
    // pair the provider will actually use, when a provider key changes it.
    const effectiveRegion = provider.region ?? region;
    const effectiveZone = provider.zone ?? zone;
    const changed = effectiveRegion !== region || effectiveZone !== zone;
    // A non-EU provider region is reported above; a zone "of" it would be no fix.
    if (
      changed &&
      effectiveRegion !== undefined &&
      isEuRegion(effectiveRegion) &&
      effectiveZone !== undefined &&
      regionOfZone(effectiveZone) !== effectiveRegion
    ) {
      problems.push({
        key: "environment",
        problem: {
          path: "/scaleway/zone",
          rule: "ENV-4",
          predicate: `lies outside the region the provider uses: with the provider keys, zone ${effectiveZone} is not in region ${effectiveRegion}`,
          fix: `Set scaleway:zone to a zone of ${effectiveRegion}, e.g. ${effectiveRegion}-1.`,
          showValue: false,
        },
      });
    }
    if (provider.projectId !== undefined && projectId !== undefined && provider.projectId !== projectId) {
      problems.push(
        mismatch(
          "environment",
          undefined,
          "/scaleway/project_id",
          "OPS-1",
          `disagrees with the provider key scaleway:projectId (${provider.projectId})`,
          "Point scaleway:projectId at this environment's own project.",
        ),
      );
    }
    return problems;
  },
};

const encryptionRequirementHonoured: StackCheck = {
  rule: "ENV-6",
  description:
    "When compliance.encryption_required is true, the state is encrypted (the database is encrypted at rest by the program).",
  check: ({ one }) => {
    if (fieldAt(one("environment"), "compliance", "encryption_required") !== true) return [];
    const enabled = fieldAt(one("state"), "encryption", "enabled");
    if (enabled === undefined || enabled === true) return [];
    return [
      mismatch(
        "state",
        undefined,
        "/encryption/enabled",
        "ENV-6",
        "must be true: the environment requires encryption",
        "Set encryption.enabled: true.",
      ),
    ];
  },
};

const privateNetworkingHonoured: StackCheck = {
  rule: "DB-4",
  description:
    "When environment.networking.private_networking is true, the database network type is private.",
  check: ({ one }) => {
    if (fieldAt(one("environment"), "networking", "private_networking") !== true) return [];
    const type = stringAt(one("database"), "network", "type");
    if (type === undefined || type === "private") return [];
    return [
      mismatch(
        "database",
        undefined,
        "/network/type",
        "DB-4",
        "must be private: the environment asks for private networking",
        "Set network.type: private.",
      ),
    ];
  },
};

const alertNamesUnique: StackCheck = {
  rule: "ALR-1",
  description: "Alert names are unique within the stack (the environment).",
  check: ({ many }) =>
    repeatedNames(many("alerts"), "alerts", "ALR-1", (first) => ({
      message: `repeats the name of alerts[${first}]`,
      fix: "Give every alert of the environment its own name.",
    })),
};

const alertTargetsDeclared: StackCheck = {
  rule: "OPS-4",
  description: "Each alert's target names a container of the stack, or the database.",
  check: ({ one, many }) => {
    const targets = new Set(
      many("containers")
        .map((c) => stringAt(c, "name"))
        .filter((n): n is string => n !== undefined),
    );
    if (one("database")) targets.add(DATABASE_SERVICE_NAME);
    const problems: StackRawProblem[] = [];
    many("alerts").forEach((alert, index) => {
      const target = stringAt(alert, "target");
      if (target === undefined || targets.has(target)) return;
      problems.push(
        mismatch(
          "alerts",
          index,
          "/target",
          "OPS-4",
          "must name a container of this stack or the database",
          `Use one of: ${[...targets].join(", ") || "(nothing declared)"}.`,
        ),
      );
    });
    return problems;
  },
};

const alertQueriesWatchTheirTarget: StackCheck = {
  rule: "OPS-4",
  description:
    "An alert's query selects its target's series by resource_name (`<env>-<service>`, a copy `-green`/`-canary` of it, or the database's name), so the service an alert names is the one it watches.",
  check: ({ env, one, many }) => {
    if (env === undefined) return [];
    const problems: StackRawProblem[] = [];
    many("alerts").forEach((alert, index) => {
      const target = stringAt(alert, "target");
      const query = stringAt(alert, "conditions", "query");
      if (target === undefined || query === undefined || !checkPromQL(query).valid) return;
      const database = target === DATABASE_SERVICE_NAME;
      // An undeclared target is alertTargetsDeclared's to report.
      if (!database && !many("containers").some((c) => stringAt(c, "name") === target)) return;
      const name = database ? stringAt(one("database"), "name") : `${env}-${target}`;
      if (name === undefined) return;
      const product = database ? "rdb-postgresql" : "serverless-containers";
      const ofProduct = (metric: string): boolean => PUBLISHED_METRICS.get(metric)?.product === product;
      const watched = selectorsOf(query).some((s) => selectsResource(s, ofProduct, "resource_name", name));
      if (watched) return;
      problems.push({
        key: "alerts",
        index,
        problem: {
          path: "/conditions/query",
          rule: "OPS-4",
          predicate: `selects no series of its target ${target}: no ${product} metric of it is filtered on resource_name matching "${name}"`,
          fix: `Select the target's series, e.g. ${database ? "rdb_instance_postgresql_pg_stat_database_numbackends" : "serverless_container_status"}{resource_name="${name}"}, or set target to the service the query watches.`,
          showValue: false,
        },
      });
    });
    return problems;
  },
};

const containersDeployedOnce: StackCheck = {
  rule: "CTR-1",
  description: "Each service has at most one container in the stack.",
  check: ({ many }) =>
    repeatedNames(many("containers"), "containers", "CTR-1", (first) => ({
      message: `repeats the service of containers[${first}]`,
      fix: "Declare each service once.",
    })),
};

/** A problem at `/name` of every document whose name an earlier document of the list already has. */
function repeatedNames(
  documents: readonly unknown[],
  key: "alerts" | "containers",
  rule: string,
  describe: (firstIndex: number) => { message: string; fix: string },
): StackRawProblem[] {
  const seen = new Map<string, number>();
  const problems: StackRawProblem[] = [];
  documents.forEach((document, index) => {
    const name = stringAt(document, "name");
    if (name === undefined) return;
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, index);
      return;
    }
    const { message, fix } = describe(first);
    problems.push(mismatch(key, index, "/name", rule, message, fix));
  });
  return problems;
}

/** The cross-document rules, in the order they are reported. */
export const STACK_CHECKS: readonly StackCheck[] = [
  stackIsAnEnvironment,
  providerAgreesWithEnvironment,
  stateBelongsToEnvironment,
  encryptionRequirementHonoured,
  containersInStackEnvironment,
  containersDeployedOnce,
  secretVariablesReferenceDeclaredSecrets,
  databaseInStackEnvironment,
  privateNetworkingHonoured,
  secretNamesCarryEnvironment,
  secretsInStackEnvironment,
  secretValuesAreSecure,
  noPlaintextCredentialInContracts,
  alertNamesUnique,
  alertTargetsDeclared,
  alertQueriesWatchTheirTarget,
];

function viewOf(input: StackInput): StackView {
  return {
    stack: input.stack,
    env: isEnvironmentName(input.stack) ? input.stack : undefined,
    input,
    one: (key) => asRecord(input.values[key]),
    many: (key) => {
      const value = input.values[key];
      return Array.isArray(value) ? value.map((item) => asRecord(item) ?? {}) : [];
    },
  };
}

/** Each document of the stack with its key, index and contract, and the per-document problems. */
function documentProblems(input: StackInput, view: StackView): StackRawProblem[] {
  const problems: StackRawProblem[] = [];
  for (const key of STACK_CONTRACT_KEYS) {
    const { contract, list } = STACK_KEY_CONTRACTS[key];
    const value = input.values[key];
    if (value === undefined) {
      problems.push({
        key,
        problem: {
          path: "",
          rule: "SCHEMA",
          predicate: `is missing: ${configKeyOf(key)} holds the ${list ? "list of " : ""}${contract} contract${list ? " documents" : ""}`,
          fix: `Add ${configKeyOf(key)} to the stack configuration (see examples/contracts/${contract}.yaml).`,
          showValue: false,
        },
      });
    } else if (list && !Array.isArray(value)) {
      problems.push({
        key,
        problem: {
          path: "",
          rule: "SCHEMA",
          predicate: `must be a list of ${contract} documents`,
          fix: `Write ${configKeyOf(key)} as a YAML list (- name: ...).`,
          showValue: false,
        },
      });
    } else if (list) {
      (value as unknown[]).forEach((item, index) => {
        for (const problem of rawContractProblems(contract, item)) problems.push({ key, index, problem });
      });
    } else {
      for (const problem of rawContractProblems(contract, value)) problems.push({ key, problem });
    }
  }
  if (input.values.deployment !== undefined) {
    for (const problem of deploymentConfigProblems(input.values.deployment, deploymentViewOf(view)))
      problems.push({ key: "deployment", problem });
  }
  return problems;
}

/** What the `scaleway-infra:deployment` checks need from the rest of the stack (DEP-1, CTR-2, CTR-4). */
function deploymentViewOf(view: StackView) {
  const serviceImages = new Map<string, string | undefined>();
  for (const container of view.many("containers")) {
    const name = stringAt(container, "name");
    if (name !== undefined) serviceImages.set(name, stringAt(container, "image"));
  }
  return { env: view.env, serviceImages };
}

function documentOf(input: StackInput, key: StackConfigKey, index: number | undefined): unknown {
  const value = input.values[key];
  return index === undefined ? value : Array.isArray(value) ? value[index] : undefined;
}

/** Turns stack problems into ProblemDetails: located, redacted, with the config key and key-relative path. */
function finalize(input: StackInput, problems: readonly StackRawProblem[]): ProblemDetail[] {
  const groups = new Map<string, { key: StackConfigKey; index?: number; raws: RawProblem[] }>();
  for (const { key, index, problem } of problems) {
    const id = `${key}/${index ?? ""}`;
    const group = groups.get(id) ?? { key, ...(index === undefined ? {} : { index }), raws: [] };
    group.raws.push(problem);
    groups.set(id, group);
  }
  const details: ProblemDetail[] = [];
  for (const { key, index, raws } of groups.values()) {
    const prefix = index === undefined ? "" : `/${index}`;
    const keyPointer = `/${key}${prefix}`;
    // Secret pointers inside this document, relative to it; one at or above it makes all of it secret.
    const secretPointers = new Set<string>();
    for (const pointer of input.secretPointers) {
      if (isWithin(keyPointer, pointer)) secretPointers.add("");
      else if (isWithin(pointer, keyPointer)) secretPointers.add(pointer.slice(keyPointer.length));
    }
    const located = finalizeProblems(
      {
        ...(key === "deployment" ? {} : { contract: STACK_KEY_CONTRACTS[key].contract }),
        document: documentOf(input, key, index),
        ...(input.file === undefined ? {} : { file: input.file }),
        ...(input.locate ? { locate: (pointer: string) => input.locate?.(key, `${prefix}${pointer}`) } : {}),
        secretPointers,
        displayPrefix: keyPointer,
      },
      raws,
    );
    for (const detail of located) {
      details.push({ ...detail, path: `${prefix}${detail.path}`, configKey: configKeyOf(key) });
    }
  }
  return details.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
}

/** Every problem found, per document and across documents, without repeats, before finalizing. */
function rawStackProblems(input: StackInput): StackRawProblem[] {
  const view = viewOf(input);
  const problems = documentProblems(input, view);
  for (const check of STACK_CHECKS) for (const problem of check.check(view)) problems.push(problem);
  return uniqueProblems(
    problems,
    (p) => p.problem,
    (p) => `${p.key}/${p.index ?? ""}`,
  );
}

const byLine = (a: ProblemDetail, b: ProblemDetail): number =>
  (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);

/** Every problem of the stack, per document and across documents; empty when the stack is valid. */
export function stackProblems(input: StackInput): ProblemDetail[] {
  return [...finalize(input, rawStackProblems(input)), ...plaintextCredentialsOutsideContracts(input)].sort(
    byLine,
  );
}

/** Validates a stack and returns its typed contracts, or throws INFRA_001 listing its problems. */
export function validateStack(input: StackInput): StackContracts {
  const problems = rawStackProblems(input);
  const outside = plaintextCredentialsOutsideContracts(input);
  const total = problems.length + outside.length;
  if (total > 0) {
    const where = input.file ? ` (${input.file})` : "";
    const listed = [
      ...finalize(input, problems.slice(0, MAX_REPORTED_PROBLEMS)),
      ...outside.slice(0, Math.max(0, MAX_REPORTED_PROBLEMS - problems.length)),
    ].sort(byLine);
    throw invalidDocumentError(`The configuration of stack ${input.stack}${where}`, listed, total);
  }
  return {
    environment: input.values.environment,
    state: input.values.state,
    containers: input.values.containers,
    database: input.values.database,
    secrets: input.values.secrets,
    alerts: input.values.alerts,
    ...(input.values.deployment === undefined
      ? {}
      : { deployment: input.values.deployment as DeploymentConfig }),
  } as StackContracts;
}
