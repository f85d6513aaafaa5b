// Which services use the database: a container with a secret variable naming a `database_url` secret
// of the stack (CTR-6, SEC-2). A production deployment that touches one of them takes a backup first.
// Only secret names and types are read; a secret's value is never looked at.
import type { ContainerSpec } from "@scaleway-infra/contracts/documents/types";

export const DATABASE_INSTANCE_OUTPUT = "databaseInstance";

/** The names of the stack's `database_url` secrets, from `scaleway-infra:secrets` as the engine returns it. */
export function databaseUrlSecretNames(secrets: unknown): Set<string> {
  const names = new Set<string>();
  if (!Array.isArray(secrets)) return names;
  for (const secret of secrets) {
    if (typeof secret !== "object" || secret === null) continue;
    const { name, type } = secret as { name?: unknown; type?: unknown };
    if (typeof name === "string" && type === "database_url") names.add(name);
  }
  return names;
}

export function usesDatabase(spec: ContainerSpec, databaseUrlSecrets: ReadonlySet<string>): boolean {
  return (spec.environment_variables ?? []).some(
    (variable) => variable.secret === true && databaseUrlSecrets.has(variable.value),
  );
}

/** The database to back up, from the stack output `databaseInstance`; undefined when absent or malformed. */
export function databaseInstanceOf(
  outputs: Record<string, unknown>,
): { instanceId: string; region: string; databaseName: string } | undefined {
  const value = outputs[DATABASE_INSTANCE_OUTPUT];
  if (typeof value !== "object" || value === null) return undefined;
  const { id, region, database } = value as { id?: unknown; region?: unknown; database?: unknown };
  if (typeof id !== "string" || typeof region !== "string" || typeof database !== "string") return undefined;
  if (!/^[0-9a-f-]{36}$/i.test(id.replace(/^[a-z]{2}-[a-z]{3}\//, "")) || !/^[a-z]{2}-[a-z]{3}$/.test(region))
    return undefined;
  return { instanceId: id.replace(/^[a-z]{2}-[a-z]{3}\//, ""), region, databaseName: database };
}
