// Pure translations from a container_spec to Serverless Container inputs. No Pulumi resources here, so
// each rule is tested on plain data (CTR-4, CTR-5, CTR-6, CTR-7, CTR-9).
import type { ContainerSpec, EnvironmentVariableSpec } from "../../lib/contracts/types";
import { InfraError } from "../../lib/errors/infra-error";
import { HEALTH_FAILURE_THRESHOLD } from "../../lib/rules/thresholds";

/** Port the services listen on; Scaleway passes it to the container as $PORT. */
export const CONTAINER_PORT = 8080;

const BYTES_PER_MB = 1024 * 1024;

/** `resources.memory` is in MB; Scaleway's memoryLimitBytes takes bytes (MB here are MiB, as in the console). */
export function memoryLimitBytesOf(memoryMb: number): number {
  return memoryMb * BYTES_PER_MB;
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
