// Network (environment_config.networking): a VPC and a regional private network when the environment
// asks for private networking, so containers and the database talk without a public path (DB-4, SECU-2).
import * as pulumi from "@pulumi/pulumi";
import * as scaleway from "@pulumiverse/scaleway";
import type { Placement } from "../placement";
import { resourceName, SHARED_SERVICE_NAME, tagsFor } from "../tags";

export interface NetworkArgs {
  placement: Placement;
  /** `environment.networking.private_networking`. */
  privateNetworking: boolean;
  /** `environment.networking.vpc_id`: an existing VPC to attach to instead of creating one. */
  vpcId?: string;
}

export class Network extends pulumi.ComponentResource {
  readonly vpc?: scaleway.network.Vpc;
  readonly privateNetwork?: scaleway.network.PrivateNetwork;
  /** ID of the private network, or undefined when private networking is off. */
  readonly privateNetworkId?: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("scaleway-infra:network:Network", name, {}, opts);
    const { placement } = args;
    const tags = tagsFor(placement.env, SHARED_SERVICE_NAME);
    if (args.privateNetworking) {
      let vpcId: pulumi.Input<string>;
      if (args.vpcId) {
        vpcId = args.vpcId;
      } else {
        this.vpc = new scaleway.network.Vpc(
          resourceName(placement.env, "vpc"),
          {
            name: resourceName(placement.env, "vpc"),
            projectId: placement.projectId,
            region: placement.region,
            tags,
          },
          { parent: this },
        );
        vpcId = this.vpc.id;
      }
      this.privateNetwork = new scaleway.network.PrivateNetwork(
        resourceName(placement.env, "private"),
        {
          name: resourceName(placement.env, "private"),
          projectId: placement.projectId,
          region: placement.region,
          vpcId,
          tags,
        },
        { parent: this },
      );
      this.privateNetworkId = this.privateNetwork.id;
    }
    this.registerOutputs({ privateNetworkId: this.privateNetworkId });
  }
}
