// Registry (CTR-2): the environment's private Scaleway Container Registry namespace, the one the
// containers' images name (`rg.<region>.scw.cloud/<namespace>/<repo>`). The bootstrap project creates
// it (bootstrap/index.ts), because a container pulls its image when it is created: a namespace created
// in the same run as the containers is still empty (fact registry.namespace-before-containers). The
// program only derives its name and endpoint from the images.
import * as pulumi from "@pulumi/pulumi";
import * as scaleway from "@pulumiverse/scaleway";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import type { ContainerSpec } from "@scaleway-infra/contracts/documents/types";
import { imageNamespace, parseImageReference } from "@scaleway-infra/contracts/image/reference";
import type { Placement } from "../placement";
import { resourceName } from "../tags";

export interface RegistryArgs {
  placement: Pick<Placement, "env" | "projectId" | "region">;
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

/** The registry host of the images (`rg.fr-par.scw.cloud`) and its region; the environment's region when there is no image. */
export function registryOfImages(
  containers: readonly ContainerSpec[],
  fallbackRegion: string,
): { host: string; region: string } {
  const host = containers.map((c) => parseImageReference(c.image)?.registry).find((h) => h !== undefined);
  const region = host?.split(".")[1] ?? fallbackRegion;
  return { host: host ?? `rg.${fallbackRegion}.scw.cloud`, region };
}

/** `rg.<region>.scw.cloud/<namespace>` (fact registry.image-url): where the environment's images are pushed. */
export function registryEndpointOf(
  containers: readonly ContainerSpec[],
  fallbackRegion: string,
  namespace: string,
): string {
  return `${registryOfImages(containers, fallbackRegion).host}/${namespace}`;
}
