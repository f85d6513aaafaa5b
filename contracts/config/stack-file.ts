// Reads a Pulumi.<stack>.yaml into a StackInput: the `scaleway-infra:*` contract documents, the
// provider keys, every other config key and every top-level key beside `config:` (for SEC-3's
// plaintext check), where every value sits in the file, and which values are Pulumi secrets. A
// `secure:` leaf is never decrypted: it becomes
// SECURE_VALUE_PLACEHOLDER and its pointer is listed in secretPointers, so that validation treats it
// as a secret and never prints it.
import { clearSecureLeaves } from "./secure-ciphertext";
import { shownName } from "../documents/shown-name";
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InfraError, type ProblemDetail } from "../errors/infra-error";
import type { ProviderSettings } from "../documents/types";
import { isRecord, pointerOf, shownPointer } from "../documents/json-pointer";
import {
  CONFIG_NAMESPACE,
  SECURE_VALUE_PLACEHOLDER,
  STACK_CONFIG_KEYS,
  configKeyOf,
  type OtherConfigEntry,
  type StackConfigKey,
  type StackFileEntry,
  type StackInput,
} from "./stack-input";
import { assertStackName, isStackName } from "./stack-name";
import { parseYamlText, readTextFile, type YamlSource } from "./yaml-source";

/** Provider config keys read beside the contracts, mapped to ProviderSettings fields. */
const PROVIDER_KEYS: Readonly<Record<string, keyof ProviderSettings>> = {
  "scaleway:region": "region",
  "scaleway:zone": "zone",
  "scaleway:projectId": "projectId",
};

/** The keys of a project file (Pulumi.yaml) that hold values: config values and defaults, the backend URL, a template's config. */
const PROJECT_VALUE_KEYS = ["config", "backend", "template"] as const;
const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"] as const;

/**
 * The value-holding keys of the project file in `projectDir`, if there is one, for SEC-3: every stack
 * inherits its config, and the file is committed in clear like a stack file.
 */
function projectFileEntries(projectDir: string, shownDir: string): StackFileEntry[] {
  const name = PROJECT_FILES.find((candidate) => existsSync(join(projectDir, candidate)));
  if (name === undefined) return [];
  const shown = shownDir === "." ? name : join(shownDir, name);
  const source = parseYamlText(readTextFile(join(projectDir, name), shown), shown);
  if (!isRecord(source.value)) return [];
  const root = source.value;
  return PROJECT_VALUE_KEYS.filter((key) => root[key] !== undefined).map((key) => {
    const securePointers = new Set<string>();
    return {
      key,
      value: withoutSecureLeaves(root[key], "", securePointers),
      securePointers,
      file: shown,
      locate: (pointer: string) => source.locate(pointer),
    };
  });
}

export interface ReadStackFileOptions {
  /** Stack name when the file is not named Pulumi.<stack>.yaml (as with `--config-file`). */
  stack?: string;
  /** How to name the file in messages (defaults to the path). */
  shownAs?: string;
  /** Where the project file (Pulumi.yaml) is (defaults to the stack file's folder). */
  projectDir?: string;
}

/** `Pulumi.production.yaml` -> `production`; undefined for any other file name. */
export function stackNameFromFile(path: string): string | undefined {
  const match = /^Pulumi\.(.+)\.ya?ml$/.exec(basename(path));
  return match ? match[1] : undefined;
}

function isSecureLeaf(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length === 1 && typeof value.secure === "string";
}

/** Copies `value`, replacing each `secure:` leaf by the placeholder and recording its pointer. */
function withoutSecureLeaves(value: unknown, pointer: string, secretPointers: Set<string>): unknown {
  if (isSecureLeaf(value)) {
    secretPointers.add(pointer);
    return SECURE_VALUE_PLACEHOLDER;
  }
  if (Array.isArray(value))
    return value.map((item, i) => withoutSecureLeaves(item, `${pointer}/${i}`, secretPointers));
  if (isRecord(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = withoutSecureLeaves(item, `${pointer}${pointerOf([key])}`, secretPointers);
    }
    return copy;
  }
  return value;
}

function problem(source: YamlSource, pointer: string, message: string, fix: string): ProblemDetail {
  const at = source.locate(pointer);
  return {
    // A key of the file is printed only when it looks like a name (shown-name.ts).
    path: shownPointer(pointer),
    rule: "SCHEMA",
    message,
    fix,
    file: source.file,
    ...(at ? { line: at.line, column: at.column } : {}),
  };
}

/** Builds a StackInput from stack file text (exposed for tests and for `plan --config-file`). */
export function parseStackText(text: string, file: string, stack: string): StackInput {
  const source = parseYamlText(text, file);
  const root = source.value;
  const fail = (message: string, fix: string, pointer = ""): never => {
    throw new InfraError("INFRA_001", `${file}: ${message}`, {
      problems: [problem(source, pointer, message, fix)],
    });
  };
  if (!isRecord(root))
    return fail("is not a Pulumi stack file: it must be a mapping.", "Start the file with `config:`.");
  if (root.config === undefined)
    return fail("has no `config:` section.", "Add a `config:` section with the scaleway-infra:* keys.");
  if (!isRecord(root.config))
    return fail(
      "`config` must be a mapping of config keys.",
      "Indent the config keys under `config:`.",
      "/config",
    );

  const values: Partial<Record<StackConfigKey, unknown>> = {};
  const provider: ProviderSettings = {};
  const secretPointers = new Set<string>();
  const otherConfig: OtherConfigEntry[] = [];
  const problems: ProblemDetail[] = [];
  // SEC-3: a `secure:` leaf must hold ciphertext, not a value typed in clear under `secure:`.
  const serviceManaged = root.encryptionsalt === undefined && root.encryptedkey === undefined;
  for (const pointer of clearSecureLeaves(root, "", serviceManaged)) {
    problems.push(
      problem(
        source,
        pointer,
        "a `secure:` value is not Pulumi ciphertext: it holds the secret in clear (its value is not shown).",
        "Remove the line and set the value with `pulumi config set --secret` (add `--path` for a nested value), which encrypts it with the stack's secrets provider; rotate the exposed secret.",
      ),
    );
  }
  for (const [configKey, value] of Object.entries(root.config)) {
    const pointer = `/config${pointerOf([configKey])}`;
    if (!configKey.startsWith(`${CONFIG_NAMESPACE}:`)) {
      const securePointers = new Set<string>();
      otherConfig.push({ configKey, value: withoutSecureLeaves(value, "", securePointers), securePointers });
    }
    if (configKey.startsWith(`${CONFIG_NAMESPACE}:`)) {
      const key = configKey.slice(CONFIG_NAMESPACE.length + 1) as StackConfigKey;
      if (!STACK_CONFIG_KEYS.includes(key)) {
        problems.push(
          problem(
            source,
            pointer,
            `Unknown config key ${shownName(configKey)}.`,
            `Use one of: ${STACK_CONFIG_KEYS.map(configKeyOf).join(", ")}.`,
          ),
        );
      } else if (isSecureLeaf(value)) {
        problems.push(
          problem(
            source,
            pointer,
            `${shownName(configKey)} is a secret as a whole; a contract document must be plain config.`,
            "Keep the document plain and make only its secret leaves secure (pulumi config set --secret --path).",
          ),
        );
      } else {
        values[key] = withoutSecureLeaves(value, `/${key}`, secretPointers);
      }
    } else if (configKey in PROVIDER_KEYS) {
      if (typeof value === "string") provider[PROVIDER_KEYS[configKey]] = value;
      else
        problems.push(
          problem(
            source,
            pointer,
            `${shownName(configKey)} must be a plain string.`,
            `Set it with pulumi config set ${shownName(configKey)} <value>.`,
          ),
        );
    }
  }
  const outsideConfig: StackFileEntry[] = Object.entries(root)
    .filter(([key]) => key !== "config")
    .map(([key, value]) => {
      const securePointers = new Set<string>();
      return { key, value: withoutSecureLeaves(value, "", securePointers), securePointers };
    });
  if (problems.length > 0) {
    throw new InfraError("INFRA_001", `${file} is not a valid stack file: ${problems.length} problem(s).`, {
      problems,
    });
  }
  return {
    stack,
    values,
    provider,
    secretPointers,
    file,
    otherConfig,
    outsideConfig,
    locateInFile: (pointer) => source.locate(pointer),
    locateConfig: (configKey, pointer) => {
      const found = source.locate(`/config${pointerOf([configKey])}${pointer}`);
      return found ? { ...found, configKey, pointer } : undefined;
    },
    locate: (key, pointer) => {
      const configKey = configKeyOf(key);
      const found = source.locate(`/config${pointerOf([configKey])}${pointer}`);
      if (found) return { ...found, configKey, pointer };
      // A key missing from the file is reported where it belongs: the `config:` section.
      const section = pointer === "" && values[key] === undefined ? source.locate("/config") : undefined;
      return section ? { ...section, configKey, pointer } : undefined;
    },
  };
}

/** Reads `Pulumi.<stack>.yaml` (INFRA_004 when missing, INFRA_001 when unreadable or malformed). */
export function readStackFile(path: string, options: ReadStackFileOptions = {}): StackInput {
  const file = options.shownAs ?? path;
  // The stack becomes part of URNs, lock and state paths: a name, never a path (contracts/config/stack-name.ts).
  const stack = options.stack === undefined ? stackNameFromFile(path) : assertStackName(options.stack);
  const text = readTextFile(path, file);
  if (stack === undefined || !isStackName(stack)) {
    throw new InfraError(
      "INFRA_001",
      `Cannot tell the stack of ${file}: it is not named Pulumi.<stack>.yaml.`,
      {
        details: { file, fix: "Name the file Pulumi.<stack>.yaml, or give the stack with --stack <name>." },
      },
    );
  }
  const input = parseStackText(text, file, stack);
  const projectDir = options.projectDir ?? dirname(path);
  const shownDir = options.projectDir === undefined ? dirname(file) : ".";
  const project = projectFileEntries(projectDir, shownDir);
  return project.length === 0
    ? input
    : { ...input, outsideConfig: [...(input.outsideConfig ?? []), ...project] };
}
