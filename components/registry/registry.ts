// Registry (CTR-2): the environment's private Scaleway Container Registry namespace, the one the
// containers' images name (`rg.<region>.scw.cloud/<namespace>/<repo>`).
import * as pulumi from "@pulumi/pulumi";
import * as scaleway from "@pulumiverse/scaleway";
import { InfraError } from "../../lib/errors/infra-error";
import type { ContainerSpec } from "../../lib/contracts/types";
import { imageNamespace } from "../../lib/image/reference";
import type { Placement } from "../placement";
import { resourceName } from "../tags";

export interface RegistryArgs {
  placement: Placement;
  /** Name of the registry namespace at Scaleway, see registryNamespaceOf. */
  namespaceName: string;
}

export class Registry extends pulumi.ComponentResource {
  readonly namespace: scaleway.registry.Namespace;
  /** `rg.<region>.scw.cloud/<namespace>`. */
  readonly endpoint: pulumi.Output<string>;

  constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("scaleway-infra:registry:Registry", name, {}, opts);
    const { placement } = args;
    // registry.Namespace has no tags input in 1.54.0: env and service are carried by its description.
    this.namespace = new scaleway.registry.Namespace(
      resourceName(placement.env, "registry"),
      {
        name: args.namespaceName,
        description: `Private container images of the ${placement.env} environment (env:${placement.env}, service:platform)`,
        isPublic: false,
        projectId: placement.projectId,
        region: placement.region,
      },
      { parent: this },
    );
    this.endpoint = this.namespace.endpoint;
    this.registerOutputs({ endpoint: this.endpoint });
  }
}

/**
 * The registry namespace of an environment: the one namespace every container image names. Images
 * spread over several namespaces, or outside the Scaleway registry, cannot be served by one private
 * namespace, so that is a configuration error (CTR-2).
 */
export function registryNamespaceOf(containers: readonly ContainerSpec[], fallback: string): string {
  const namespaces = new Set<string>();
  containers.forEach((container) => {
    const namespace = imageNamespace(container.image);
    if (namespace === undefined) {
      throw new InfraError(
        "INFRA_001",
        `container ${container.name}: image is not a Scaleway registry image`,
        {
          problems: [
            {
              path: `/${containers.indexOf(container)}/image`,
              configKey: "scaleway-infra:containers",
              rule: "CTR-2",
              message: `image ${container.image} is not in a Scaleway Container Registry`,
              value: container.image,
              fix: "use an image of the form rg.<region>.scw.cloud/<namespace>/<repository>@sha256:<digest>",
            },
          ],
        },
      );
    }
    namespaces.add(namespace);
  });
  if (namespaces.size > 1) {
    throw new InfraError("INFRA_001", "container images name several registry namespaces", {
      problems: [
        {
          path: "/",
          configKey: "scaleway-infra:containers",
          rule: "CTR-2",
          message: `images use the namespaces ${[...namespaces].join(", ")}; an environment has one private registry`,
          value: [...namespaces],
          fix: "push every image of the environment to one registry namespace and reference it in each container's image",
        },
      ],
    });
  }
  return [...namespaces][0] ?? fallback;
}
