// OPS-1 across stack files: staging and production must not share a Scaleway project, a state bucket,
// a registry namespace, a private network or a secret path. One stack file alone cannot see that, so
// `validate stack`, `validate stack <folder>` and `plan` compare every Pulumi.<stack>.yaml of the
// project with this module. A shared identifier is an INFRA_001 problem naming both files and lines.
import { readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { InfraError, type ProblemDetail } from "../errors/infra-error";
import { showValue } from "../errors/shown-value";
import { displayPath } from "../files/display-path";
import { readStackFile, stackNameFromFile } from "./stack-file";
import type { StackConfigKey, StackInput } from "./stack-input";

/** One identifier a stack uses, where it is written. */
interface Identifier {
  kind: string;
  value: string;
  key: StackConfigKey;
  pointer: string;
}

const IMAGE_NAMESPACE = /^rg\.[a-z0-9-]+\.scw\.cloud\/([^/]+)\//;

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The identifiers that must belong to one environment only. */
export function isolatedIdentifiers(input: StackInput): Identifier[] {
  const found: Identifier[] = [];
  const add = (kind: string, value: unknown, key: StackConfigKey, pointer: string): void => {
    const shown = text(value);
    if (shown !== undefined)
      found.push({ kind, value: kind === "project ID" ? shown.toLowerCase() : shown, key, pointer });
  };
  const environment = record(input.values.environment);
  const scaleway = record(environment?.scaleway);
  add("project ID", scaleway?.project_id, "environment", "/scaleway/project_id");
  const networking = record(environment?.networking);
  add("private network", networking?.vpc_id, "environment", "/networking/vpc_id");
  add("private network", networking?.private_network_id, "environment", "/networking/private_network_id");
  const backend = record(record(input.values.state)?.backend);
  add("state bucket", backend?.bucket, "state", "/backend/bucket");
  const containers = Array.isArray(input.values.containers) ? input.values.containers : [];
  containers.forEach((container, index) => {
    const image = text(record(container)?.image);
    const namespace = image ? IMAGE_NAMESPACE.exec(image)?.[1] : undefined;
    if (namespace) add("registry namespace", namespace, "containers", `/${index}/image`);
  });
  const network = record(record(input.values.database)?.network);
  add("private network", network?.private_network_id, "database", "/network/private_network_id");
  const secrets = Array.isArray(input.values.secrets) ? input.values.secrets : [];
  secrets.forEach((secret, index) => {
    add("secret path", record(secret)?.name, "secrets", `/${index}/name`);
    add("secret path", record(secret)?.path, "secrets", `/${index}/path`);
  });
  return found;
}

function place(input: StackInput, id: Identifier): { file: string; line?: number } {
  const location = input.locate?.(id.key, id.pointer);
  return { file: input.file ?? `Pulumi.${input.stack}.yaml`, ...(location ? { line: location.line } : {}) };
}

function shownPlace(where: { file: string; line?: number }): string {
  return `${where.file}${where.line ? `:${where.line}` : ""}`;
}

/** Problems for every identifier `subject` shares with another stack's file. */
export function isolationProblems(subject: StackInput, others: readonly StackInput[]): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const mine = isolatedIdentifiers(subject);
  for (const other of others) {
    if (other.stack === subject.stack) continue;
    const theirs = isolatedIdentifiers(other);
    const reported = new Set<string>();
    for (const id of mine) {
      const shared = theirs.find((t) => t.kind === id.kind && t.value === id.value);
      if (!shared || reported.has(`${id.kind}\u0000${id.value}`)) continue;
      reported.add(`${id.kind}\u0000${id.value}`);
      const here = place(subject, id);
      const there = place(other, shared);
      problems.push({
        path: id.pointer,
        configKey: `scaleway-infra:${id.key}`,
        rule: "OPS-1",
        message: `${subject.stack} and ${other.stack} share the ${id.kind} ${showValue(id.value)} (${shownPlace(here)} and ${shownPlace(there)}); each environment must have its own`,
        fix: `Give ${subject.stack} its own ${id.kind}, distinct from ${other.stack}'s in ${there.file}.`,
        ...here,
      });
    }
  }
  return problems;
}

/** The other stack files of the folder, read (those that cannot be read are left to their own validation). */
export function siblingStackInputs(stackFile: string, shownRoot: string): StackInput[] {
  const folder = path.dirname(path.resolve(stackFile));
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const inputs: StackInput[] = [];
  for (const name of names.sort()) {
    const file = path.join(folder, name);
    if (stackNameFromFile(name) === undefined || file === path.resolve(stackFile)) continue;
    try {
      if (!statSync(file).isFile()) continue;
      inputs.push(readStackFile(file, { shownAs: displayPath(file, shownRoot) }));
    } catch {
      // An unreadable or malformed sibling fails its own `validate stack`; it has nothing to compare.
    }
  }
  return inputs;
}

/** Throws INFRA_001 when the stack shares an isolated identifier with another stack file. */
export function assertEnvironmentIsolation(subject: StackInput, others: readonly StackInput[]): void {
  const problems = isolationProblems(subject, others);
  if (problems.length === 0) return;
  throw new InfraError(
    "INFRA_001",
    `${subject.file ?? subject.stack}: stack ${subject.stack} shares ${problems.length} identifier${problems.length === 1 ? "" : "s"} with another environment (OPS-1)`,
    { problems },
  );
}
