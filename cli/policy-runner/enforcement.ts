// Enforcement levels and policy config, in the format of Pulumi's `--policy-pack-config` file, so one
// file drives both `pulumi preview --policy-pack policies --policy-pack-config FILE` and the offline
// runner:   { "all": "advisory", "<policy>": "disabled", "<policy>": { "enforcementLevel": "...", <config> } }
// Resolution follows the engine: a policy's own entry, else "all", else the policy's level, else the
// pack's level (mandatory). Config values start from the policy's configSchema defaults, as the
// engine fills them in. Every mistake (unknown policy, unknown level, unknown or mistyped property)
// is an InfraError INFRA_001 naming the key.
import { formatJsonSyntaxError, parseJsonQuietly } from "@scaleway-infra/contracts/files/json-syntax";
import { InfraError, type ProblemDetail } from "@scaleway-infra/contracts/errors/infra-error";
import { readUserFile } from "@scaleway-infra/contracts/files/user-file";
import type { EnforcementLevel, PolicyConfigSchema } from "../../policies/policy-types";
import { ALL_POLICIES_KEY } from "../../policies/registry";
import { showValue } from "@scaleway-infra/contracts/errors/shown-value";
import { HIDDEN_NAME, isShowableName } from "@scaleway-infra/contracts/documents/shown-name";
import { pointerOf, shownPointer } from "@scaleway-infra/contracts/documents/json-pointer";

/** A key of the config file as an error may print it: quoted, or not at all (shown-name.ts). */
function shownKey(key: string): string {
  return isShowableName(key) ? showValue(key) : HIDDEN_NAME;
}

/** The pointer of a key of the config file, its unshowable names replaced. */
function keyPointer(...keys: string[]): string {
  return shownPointer(pointerOf(keys));
}

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = [
  "advisory",
  "mandatory",
  "remediate",
  "disabled",
];
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "mandatory";

export interface PolicyConfigEntry {
  enforcementLevel?: EnforcementLevel;
  properties: Record<string, unknown>;
}

export interface EnforcementConfig {
  all?: EnforcementLevel;
  policies: Record<string, PolicyConfigEntry>;
  /** The file it came from, for messages. */
  file?: string;
  /**
   * Policy properties (`<policy>.<property>`) that the stack states itself and `plan` copied in
   * (cli/plan/stack-policy-config.ts): a `false` there is the stack's own, judged by config
   * validation, not a switch-off by the config.
   */
  statedByStack?: readonly string[];
}

export const EMPTY_ENFORCEMENT_CONFIG: EnforcementConfig = { policies: {} };

export interface ConfigurablePolicy {
  name: string;
  enforcementLevel?: EnforcementLevel;
  configSchema?: PolicyConfigSchema;
}

export interface ResolvedPolicySettings {
  enforcementLevel: EnforcementLevel;
  /** What the policy's getConfig() returns: schema defaults, overridden by the config file. */
  config: Record<string, unknown>;
}

function isLevel(value: unknown): value is EnforcementLevel {
  return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

function configError(file: string, problems: ProblemDetail[]): InfraError {
  return new InfraError("INFRA_001", `${file}: invalid policy pack config`, { problems, details: { file } });
}

/** Parses a `--policy-pack-config` document (already JSON-parsed). */
export function parsePolicyPackConfig(document: unknown, file = "policy pack config"): EnforcementConfig {
  const problems: ProblemDetail[] = [];
  const levelFix = `use one of ${ENFORCEMENT_LEVELS.join(", ")}`;
  if (!document || typeof document !== "object" || Array.isArray(document)) {
    throw configError(file, [
      {
        path: "/",
        rule: "SCHEMA",
        message: "the policy pack config must be a JSON object",
        fix: '{ "all": "mandatory" }',
        file,
      },
    ]);
  }
  // No prototype: a key "__proto__" (which JSON.parse keeps as an own key) is then an unknown
  // policy like any other, instead of silently replacing the object's prototype.
  const config: EnforcementConfig = {
    policies: Object.create(null) as Record<string, PolicyConfigEntry>,
    file,
  };
  for (const [key, value] of Object.entries(document)) {
    const path = keyPointer(key);
    let level: unknown;
    let properties: Record<string, unknown> = {};
    if (typeof value === "string") {
      level = value;
    } else if (value && typeof value === "object" && !Array.isArray(value)) {
      const { enforcementLevel, ...rest } = value as Record<string, unknown>;
      level = enforcementLevel;
      properties = rest;
    } else {
      problems.push({
        path,
        rule: "SCHEMA",
        message: `${shownKey(key)} must be a level or an object`,
        fix: levelFix,
        file,
      });
      continue;
    }
    if (level !== undefined && !isLevel(level)) {
      problems.push({
        path,
        rule: "SCHEMA",
        message: `${typeof level !== "string" || isShowableName(level) ? showValue(level) : "the value (not shown)"} is not an enforcement level`,
        fix: levelFix,
        file,
      });
      continue;
    }
    if (key === ALL_POLICIES_KEY) {
      config.all = level as EnforcementLevel | undefined;
      if (Object.keys(properties).length > 0) {
        problems.push({
          path,
          rule: "SCHEMA",
          message: '"all" takes only an enforcement level',
          fix: levelFix,
          file,
        });
      }
    } else {
      config.policies[key] = { enforcementLevel: level as EnforcementLevel | undefined, properties };
    }
  }
  if (problems.length > 0) throw configError(file, problems);
  return config;
}

/**
 * Reads a `--policy-pack-config` file. `given` is the option's value as typed, so that JSON typed where
 * the file name belongs (`--policy-pack-config '{"all":"advisory"}'`) is named as what it is.
 */
export function readPolicyPackConfig(file: string, given: string = file): EnforcementConfig {
  let text: string;
  try {
    text = readUserFile(file, { option: "--policy-pack-config", file, missingCode: "INFRA_004" });
  } catch (error) {
    // A missing file is INFRA_004 (exit 3) like every other missing input; a refused read is
    // INFRA_003, a pipe, device or folder INFRA_001 (contracts/files/user-file.ts).
    if (error instanceof InfraError && error.code === "INFRA_004" && given.trimStart().startsWith("{")) {
      const message = "--policy-pack-config takes a file (Pulumi's format), not inline JSON.";
      const fix = "Write the JSON to a file, e.g. policy-config.json, and give its path.";
      throw new InfraError("INFRA_001", message, {
        details: { fix },
        problems: [{ path: "--policy-pack-config", rule: "SCHEMA", message, fix }],
      });
    }
    if (error instanceof InfraError && error.code === "INFRA_004") {
      throw new InfraError("INFRA_004", `Policy pack config ${file} does not exist.`, {
        details: {
          file,
          fix: "Check the --policy-pack-config path; it is relative to the current directory.",
        },
      });
    }
    throw error;
  }
  // Never JSON.parse's own message: it quotes the file (issue 11 "no value echoed").
  const document = parseJsonQuietly(text, (error) =>
    configError(file, [
      {
        path: "/",
        rule: "SCHEMA",
        message: `not valid JSON at ${formatJsonSyntaxError(error)}`,
        fix: "fix the JSON syntax",
        file,
        line: error.line,
        column: error.column,
      },
    ]),
  );
  return parsePolicyPackConfig(document, file);
}

function typeMatches(value: unknown, type: unknown): boolean {
  switch (type) {
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "integer":
      return Number.isInteger(value);
    case "array":
      return Array.isArray(value);
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    default:
      return true;
  }
}

/**
 * The enforcement level and config of every policy, keyed by policy name. Throws INFRA_001 when the
 * config names a policy the pack does not have, or sets a property the policy does not declare.
 */
export function resolvePolicySettings(
  policies: readonly ConfigurablePolicy[],
  config: EnforcementConfig = EMPTY_ENFORCEMENT_CONFIG,
  packLevel: EnforcementLevel = PACK_ENFORCEMENT_LEVEL,
): Map<string, ResolvedPolicySettings> {
  const file = config.file ?? "policy pack config";
  const problems: ProblemDetail[] = [];
  const known = new Set(policies.map((p) => p.name));
  for (const name of Object.keys(config.policies).filter((n) => !known.has(n))) {
    problems.push({
      path: keyPointer(name),
      rule: "SCHEMA",
      message: `the pack has no policy ${shownKey(name)}`,
      fix: "use a policy name from the table in docs/policy-pack.md",
      file,
    });
  }
  const resolved = new Map<string, ResolvedPolicySettings>();
  for (const policy of policies) {
    const entry = config.policies[policy.name];
    const schema = policy.configSchema?.properties ?? {};
    const values: Record<string, unknown> = {};
    for (const [property, propertySchema] of Object.entries(schema)) {
      const fallback = (propertySchema as { default?: unknown }).default;
      if (fallback !== undefined) values[property] = fallback;
    }
    for (const [property, value] of Object.entries(entry?.properties ?? {})) {
      const propertySchema = schema[property] as { type?: unknown; enum?: unknown[] } | undefined;
      if (!propertySchema) {
        problems.push({
          path: keyPointer(policy.name, property),
          rule: "SCHEMA",
          message: `policy "${policy.name}" has no config property ${shownKey(property)}`,
          fix:
            Object.keys(schema).length > 0
              ? `use one of ${Object.keys(schema).join(", ")}`
              : "remove the property",
          file,
        });
      } else if (
        !typeMatches(value, propertySchema.type) ||
        (propertySchema.enum && !propertySchema.enum.includes(value))
      ) {
        problems.push({
          path: keyPointer(policy.name, property),
          rule: "SCHEMA",
          message: `${shownKey(property)} must be of type ${String(propertySchema.type)}`,
          fix: `set a ${String(propertySchema.type)} value`,
          value,
          file,
        });
      } else {
        values[property] = value;
      }
    }
    for (const required of policy.configSchema?.required ?? []) {
      if (values[required] === undefined) {
        problems.push({
          path: `/${policy.name}/${required}`,
          rule: "SCHEMA",
          message: `"${required}" is required`,
          fix: "set it",
          file,
        });
      }
    }
    const level = entry?.enforcementLevel ?? config.all ?? policy.enforcementLevel ?? packLevel;
    resolved.set(policy.name, { enforcementLevel: level, config: values });
  }
  if (problems.length > 0) throw configError(file, problems);
  return resolved;
}
