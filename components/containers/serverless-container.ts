// ServerlessContainer (container_spec): one Scaleway Serverless Container with its scaling, resources,
// HTTP liveness probe, privacy, variables (secret ones only through secretEnvironmentVariables), the
// private network, and a custom domain per `networking.domains` entry. The same component builds a
// deployment's temporary copy of a service (`<service>-<slot>`, contracts/documents/deployment-config.ts):
// the service's spec with another image, tagged `deployment:<slot>` beside the service's tags.
import * as pulumi from "@pulumi/pulumi";
import * as scaleway from "@pulumiverse/scaleway";
import {
  COPY_SLOTS,
  copyName,
  deploymentTag,
  type CopySlot,
} from "@scaleway-infra/contracts/documents/deployment-config";
import type { ContainerSpec } from "@scaleway-infra/contracts/documents/types";
import type { Placement } from "../placement";
import { resourceName, tagsFor } from "../tags";
import {
  boundDomainsOf,
  containerPortOf,
  livenessProbeOf,
  memoryLimitBytesOf,
  resolveSecretReferences,
  splitEnvironmentVariables,
} from "./container-inputs";

export interface ServerlessContainerArgs {
  placement: Placement;
  spec: ContainerSpec;
  /** Position of the spec in `scaleway-infra:containers`, for error locations. */
  index?: number;
  namespaceId: pulumi.Input<string>;
  /** Set when the environment has private networking. */
  privateNetworkId?: pulumi.Input<string>;
  /** Values of the declared secrets, by secret name (plaintext wrapped as Pulumi secrets). */
  secretValues: Readonly<Record<string, pulumi.Output<string>>>;
  /** Set for a deployment's copy of the service: its slot, its image, and whether it runs one instance. */
  copy?: { slot: CopySlot; image: string; singleInstance: boolean };
  /** Whether the spec's custom domains are bound to this container (default: true). */
  bindDomains?: boolean;
}

export const SERVERLESS_CONTAINER_TYPE = "scaleway-infra:containers:ServerlessContainer";

/** The container's name without the environment: the service, or `<service>-<slot>` for a copy. */
export function containerNameOf(spec: ContainerSpec, copy?: { slot: CopySlot }): string {
  return copy ? copyName(spec.name, copy.slot) : spec.name;
}

/**
 * The earlier places of a custom domain binding: the same hostname bound to the service or to one of
 * its copies. Moving a domain between them is then a replacement of one binding (deleted before it is
 * bound again, since Scaleway binds a hostname once) rather than a new binding beside the old one.
 */
function domainAliases(
  env: string,
  spec: ContainerSpec,
  hostname: string,
  own: string,
  parent: pulumi.Resource | undefined,
): pulumi.Alias[] {
  const holders = [spec.name, ...COPY_SLOTS.map((slot) => copyName(spec.name, slot))]
    .map((name) => `${env}-${name}`)
    .filter((name) => name !== own);
  return holders.map((holder) => ({
    name: `${holder}-${hostname}`,
    parent: pulumi.createUrn(holder, SERVERLESS_CONTAINER_TYPE, parent),
  }));
}

export class ServerlessContainer extends pulumi.ComponentResource {
  readonly container: scaleway.containers.Container;
  readonly domains: scaleway.containers.Domain[];
  /** `https://<domain name>` of the container. */
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: ServerlessContainerArgs, opts?: pulumi.ComponentResourceOptions) {
    super(SERVERLESS_CONTAINER_TYPE, name, {}, opts);
    const { placement, spec, copy } = args;
    const { plain, secretRefs } = splitEnvironmentVariables(spec.environment_variables);
    const secretVariables = resolveSecretReferences(spec, secretRefs, args.secretValues, args.index);
    const containerName = resourceName(placement.env, containerNameOf(spec, copy));
    const scaling = copy?.singleInstance ? { min_instances: 1, max_instances: 1 } : spec.scaling;

    this.container = new scaleway.containers.Container(
      containerName,
      {
        name: containerName,
        description: copy
          ? `${spec.name} service (${placement.env}), ${copy.slot} copy of a deployment`
          : `${spec.name} service (${placement.env})`,
        namespaceId: args.namespaceId,
        region: placement.region,
        image: copy?.image ?? spec.image,
        port: containerPortOf(spec),
        protocol: "http1",
        minScale: scaling.min_instances,
        maxScale: scaling.max_instances,
        cpuLimit: spec.resources.cpu,
        memoryLimitBytes: memoryLimitBytesOf(spec.resources.memory),
        privacy: spec.networking.privacy,
        httpsConnectionsOnly: true,
        livenessProbe: livenessProbeOf(spec.health),
        environmentVariables: plain,
        secretEnvironmentVariables: pulumi.secret(pulumi.all(secretVariables)),
        privateNetworkId: args.privateNetworkId,
        tags: tagsFor(placement.env, spec.name, copy ? [deploymentTag(copy.slot)] : []),
      },
      { parent: this },
    );

    // containers.Domain has no tags input in 1.54.0; it is bound to the tagged container. Only domains
    // whose CNAME is ready are bound: Scaleway checks the CNAME when the domain is added.
    const hostnames = args.bindDomains === false ? [] : boundDomainsOf(spec.networking);
    this.domains = hostnames.map(
      (hostname) =>
        new scaleway.containers.Domain(
          `${containerName}-${hostname}`,
          { containerId: this.container.id, hostname, region: placement.region },
          {
            parent: this,
            deleteBeforeReplace: true,
            aliases: domainAliases(placement.env, spec, hostname, containerName, opts?.parent),
          },
        ),
    );
    this.url = pulumi.interpolate`https://${this.container.domainName}`;
    this.registerOutputs({ url: this.url });
  }
}
