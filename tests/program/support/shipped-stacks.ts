// Reads the shipped Pulumi.<stack>.yaml files into StackInputs for the program tests, as Pulumi would
// hand them to the program: contract keys as objects, `secure:` values replaced by a placeholder and
// recorded as secret pointers (the tests never need the passphrase to build the program).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import {
  CONFIG_NAMESPACE,
  SECURE_VALUE_PLACEHOLDER,
  STACK_CONTRACT_KEYS,
  type StackInput,
} from "../../../lib/config/stack-input";

export const REPO_ROOT = join(__dirname, "..", "..", "..");
export const SHIPPED_STACKS = ["staging", "production"] as const;

export function stackFilePath(stack: string): string {
  return join(REPO_ROOT, `Pulumi.${stack}.yaml`);
}

function replaceSecure(value: unknown, pointer: string, secrets: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v, i) => replaceSecure(v, `${pointer}/${i}`, secrets));
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === "secure") {
      secrets.add(pointer);
      return SECURE_VALUE_PLACEHOLDER;
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, replaceSecure(v, `${pointer}/${k}`, secrets)]));
  }
  return value;
}

export function readShippedStack(stack: string): StackInput & { raw: Record<string, unknown> } {
  const raw = parse(readFileSync(stackFilePath(stack), "utf8")) as { config: Record<string, unknown> };
  const secretPointers = new Set<string>();
  const values: StackInput["values"] = {};
  for (const key of STACK_CONTRACT_KEYS) {
    const value = raw.config[`${CONFIG_NAMESPACE}:${key}`];
    if (value !== undefined) values[key] = replaceSecure(value, `/${key}`, secretPointers);
  }
  return {
    stack,
    values,
    provider: {
      region: raw.config["scaleway:region"] as string,
      zone: raw.config["scaleway:zone"] as string,
      projectId: raw.config["scaleway:projectId"] as string,
    },
    secretPointers,
    file: stackFilePath(stack),
    raw: raw as unknown as Record<string, unknown>,
  };
}
