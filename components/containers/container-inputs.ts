// Pure translations from a container_spec to Serverless Container inputs. No Pulumi resources here, so
// each rule is tested on plain data (CTR-4, CTR-5, CTR-6, CTR-7, CTR-9).
import type { ContainerSpec, EnvironmentVariableSpec } from "@scaleway-infra/contracts/documents/types";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { DEFAULT_CONTAINER_PORT, HEALTH_FAILURE_THRESHOLD } from "@scaleway-infra/contracts/thresholds";
import { CONTAINER_MEMORY_UNIT } from "@scaleway-infra/contracts/scaleway/facts/containers";

/** The port the service listens on: `port`, else 8080. Scaleway passes it to the container as $PORT. */
export function containerPortOf(spec: Pick<ContainerSpec, "port">): number {
  return spec.port ?? DEFAULT_CONTAINER_PORT;
}

/**
 * `resources.memory` is in MB; memoryLimitBytes takes bytes, and Scaleway's MB is decimal (fact
 * containers.memory-unit: the provider sends memory_limit * scw.MB, scw.MB = 1,000,000 bytes).
 */
export function memoryLimitBytesOf(memoryMb: number): number {
  return memoryMb * CONTAINER_MEMORY_UNIT.value;
}

/** The domains bound to the container: those of `networking.domains` whose CNAME is ready (fact domains.cname-first). */
export function boundDomainsOf(networking: ContainerSpec["networking"]): string[] {
  const ready = new Set(networking.cname_ready ?? []);
  return (networking.domains ?? []).filter((domain) => ready.has(domain));
}

export interface LivenessProbe {
  http: { path: string };
  interval: string;
  timeout: string;
  failureThreshold: number;
}

/** The container's HTTP liveness probe from `health` (CTR-5, CTR-9): durations in Go notation (`10s`). */
export function livenessProbeOf(health: ContainerSpec["health"]): LivenessProbe {
  return {
    http: { path: health.path },
    interval: `${health.interval}s`,
    timeout: `${health.timeout}s`,
    failureThreshold: HEALTH_FAILURE_THRESHOLD,
  };
}

export interface SplitVariables {
  /** Plain variables: name -> literal value. */
  plain: Record<string, string>;
  /** Secret variables: name -> name of the declared secret whose value the variable receives. */
  secretRefs: Record<string, string>;
}

/** Separates plain variables from `secret: true` ones, which only name a declared secret (CTR-6). */
export function splitEnvironmentVariables(
  variables: readonly EnvironmentVariableSpec[] = [],
): SplitVariables {
  const plain: Record<string, string> = {};
  const secretRefs: Record<string, string> = {};
  for (const variable of variables) {
    if (variable.secret === true) secretRefs[variable.name] = variable.value;
    else plain[variable.name] = variable.value;
  }
  return { plain, secretRefs };
}

/**
 * Resolves each secret variable to the value of the secret it names. A reference to an undeclared
 * secret is a configuration error (CTR-6): the variable would otherwise reach the container empty.
 */
export function resolveSecretReferences<T>(
  spec: ContainerSpec,
  secretRefs: Record<string, string>,
  secretValues: Readonly<Record<string, T>>,
  containerIndex = 0,
): Record<string, T> {
  const resolved: Record<string, T> = {};
  for (const [variable, secretName] of Object.entries(secretRefs)) {
    const value = secretValues[secretName];
    if (value === undefined) {
      const index = (spec.environment_variables ?? []).findIndex((v) => v.name === variable);
      throw new InfraError(
        "INFRA_001",
        `container ${spec.name}: variable ${variable} names an undeclared secret`,
        {
          problems: [
            {
              path: `/${containerIndex}/environment_variables/${index}/value`,
              configKey: "scaleway-infra:containers",
              rule: "CTR-6",
              message: `secret variable ${variable} references ${secretName}, which is not declared in scaleway-infra:secrets`,
              value: secretName,
              fix: `declare a secret named ${secretName} in scaleway-infra:secrets, or reference an existing one`,
            },
          ],
        },
      );
    }
    resolved[variable] = value;
  }
  return resolved;
}
