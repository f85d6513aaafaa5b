// Reads each environment's registry namespace from the main project's stack file (the namespace its
// container images name, ../Pulumi.<env>.yaml), so that the bootstrap creates it before the first
// `pulumi up`: a container pulls its image when it is created, so the namespace must exist and hold
// the images first (fact registry.namespace-before-containers). The program only takes its name.
import * as path from "node:path";
import { registryNamespaceOf, registryOfImages } from "../components/registry/registry";
import { readStackFile } from "@scaleway-infra/contracts/config/stack-file";
import { validateContract } from "@scaleway-infra/contracts/documents";
import type { ContainerSpec } from "@scaleway-infra/contracts/documents/types";
import type { EnvironmentName } from "@scaleway-infra/contracts/thresholds";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";

export interface RegistryNamespacePlan {
  environment: EnvironmentName;
  /** The namespace name every container image of the environment names. */
  namespace: string;
  /** The region of the images' registry (`rg.<region>.scw.cloud`). */
  region: string;
  /** The environment's own Scaleway project (OPS-1). */
  projectId: string;
}

export function registryNamespacePlansFromStacks(
  stackDir: string,
  environments: readonly string[],
): RegistryNamespacePlan[] {
  return environments.map((environment) => {
    const file = path.join(stackDir, `Pulumi.${environment}.yaml`);
    const input = readStackFile(file);
    const raw = input.values.containers;
    if (!Array.isArray(raw) || raw.length === 0) {
      throw new InfraError("INFRA_001", `${file} declares no container, so no registry namespace.`, {
        problems: [
          {
            path: "",
            configKey: "scaleway-infra:containers",
            rule: "CTR-2",
            message: "is missing or empty",
            fix: `Declare scaleway-infra:containers in ${file}; their images name the registry namespace.`,
            file,
          },
        ],
      });
    }
    const containers = raw.map((document, index) =>
      validateContract("container", document, {
        file,
        locate: (pointer: string) => input.locate?.("containers", `/${index}${pointer}`),
      }),
    ) as ContainerSpec[];
    const env = validateContract("environment", input.values.environment, {
      file,
      locate: (pointer: string) => input.locate?.("environment", pointer),
    });
    const namespace = registryNamespaceOf(containers, `scaleway-infra-${environment}`);
    return {
      environment: env.name,
      namespace,
      region: registryOfImages(containers, env.scaleway.region).region,
      projectId: env.scaleway.project_id,
    };
  });
}
