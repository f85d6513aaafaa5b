// Test support: the example documents as fresh plain objects, and small mutators by JSON pointer.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { ContractName } from "@scaleway-infra/contracts/documents/types";
import { segmentsOf } from "@scaleway-infra/contracts/documents/json-pointer";

export const REPO_ROOT = join(__dirname, "..", "..");

export function examplePath(contract: ContractName): string {
  return join(REPO_ROOT, "examples", "contracts", `${contract}.yaml`);
}

const cache = new Map<ContractName, Record<string, unknown>>();
/** A fresh copy of examples/contracts/<contract>.yaml as plain data. */
export function example(contract: ContractName): Record<string, unknown> {
  if (!cache.has(contract))
    cache.set(contract, parse(readFileSync(examplePath(contract), "utf8")) as Record<string, unknown>);
  return structuredClone(cache.get(contract)!);
}

function parentOf(
  document: unknown,
  pointer: string,
): { parent: Record<string, unknown> | unknown[]; last: string } {
  const segments = segmentsOf(pointer);
  const last = segments.pop()!;
  let node = document as Record<string, unknown>;
  for (const segment of segments) {
    if (node[segment] === undefined) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  return { parent: node, last };
}

export function set(document: unknown, pointer: string, value: unknown): void {
  const { parent, last } = parentOf(document, pointer);
  (parent as Record<string, unknown>)[last] = value;
}

export function remove(document: unknown, pointer: string): void {
  const { parent, last } = parentOf(document, pointer);
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
}
