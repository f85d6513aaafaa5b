// ServerlessContainer (container_spec): one Scaleway Serverless Container with its scaling, resources,
// HTTP liveness probe, privacy, variables (secret ones only through secretEnvironmentVariables), the
// private network, and a custom domain per `networking.domains` entry.
import * as pulumi from "@pulumi/pulumi";
import * as scaleway from "@pulumiverse/scaleway";
import type { ContainerSpec } from "../../lib/contracts/types";
import type { Placement } from "../placement";
import { resourceName, tagsFor } from "../tags";
import {
  CONTAINER_PORT,
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
}

export class ServerlessContainer extends pulumi.ComponentResource {
  readonly container: scaleway.containers.Container;
  readonly domains: scaleway.containers.Domain[];
  /** `https://<domain name>` of the container. */
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: ServerlessContainerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("scaleway-infra:containers:ServerlessContainer", name, {}, opts);
    const { placement, spec } = args;
    const { plain, secretRefs } = splitEnvironmentVariables(spec.environment_variables);
    const secretVariables = resolveSecretReferences(spec, secretRefs, args.secretValues, args.index);
    const containerName = resourceName(placement.env, spec.name);

    this.container = new scaleway.containers.Container(
      containerName,
      {
        name: containerName,
        description: `${spec.name} service (${placement.env})`,
        namespaceId: args.namespaceId,
        region: placement.region,
        image: spec.image,
        port: CONTAINER_PORT,
        protocol: "http1",
        minScale: spec.scaling.min_instances,
        maxScale: spec.scaling.max_instances,
        cpuLimit: spec.resources.cpu,
        memoryLimitBytes: memoryLimitBytesOf(spec.resources.memory),
        privacy: spec.networking.privacy,
        httpsConnectionsOnly: true,
        livenessProbe: livenessProbeOf(spec.health),
        environmentVariables: plain,
        secretEnvironmentVariables: pulumi.secret(pulumi.all(secretVariables)),
        privateNetworkId: args.privateNetworkId,
        tags: tagsFor(placement.env, spec.name),
      },
      { parent: this },
    );

    // containers.Domain has no tags input in 1.54.0; it is bound to the tagged container.
    this.domains = (spec.networking.domains ?? []).map(
      (hostname) =>
        new scaleway.containers.Domain(
          `${containerName}-${hostname}`,
          { containerId: this.container.id, hostname, region: placement.region },
          { parent: this },
        ),
    );
    this.url = pulumi.interpolate`https://${this.container.domainName}`;
    this.registerOutputs({ url: this.url });
  }
}
