// The Pulumi program as a function: validated contracts in, the environment's resources registered,
// the stack outputs back. index.ts calls it with the running stack's config; the offline plan calls it
// under Pulumi mocks with contracts read from a stack file. No config is read here, and importing it
// has no side effect.
import * as pulumi from "@pulumi/pulumi";
import { Environment } from "../environment/environment";
import type { StackContracts } from "@scaleway-infra/contracts/documents/types";

export interface DefineInfrastructureOptions {
  /** Stack name; the environment must carry the same name (checked by validateStack). */
  stack: string;
  /** Base64 secret values by secret name, replacing the contracts' `value`s (always treated as secrets). */
  secretValues?: Readonly<Record<string, pulumi.Input<string>>>;
}

/** What the stack exports. Anything sensitive is a Pulumi secret. */
export interface InfrastructureOutputs {
  /** `https://...` of each service's container, and of each deployment copy (`documentation-green`). */
  containerUrls: Record<string, pulumi.Output<string>>;
  /** `host:port` of the database: its private endpoint when the network is private. */
  databaseEndpoint: pulumi.Output<string>;
  /** `rg.<region>.scw.cloud/<namespace>`, the namespace bootstrap/ created. */
  registryEndpoint: pulumi.Output<string>;
  /** Secret Manager IDs by secret name (IDs, not values). */
  secretIds: Record<string, pulumi.Output<string>>;
  alertManagerUrl: pulumi.Output<string>;
  /** ID of the private network, when the environment has one. */
  privateNetworkId?: pulumi.Output<string>;
  /** The database connection string of each service: Pulumi secrets. */
  databaseUrls: Record<string, pulumi.Output<string>>;
  /** The image each service's container runs: what `scw-infra deploy` compares a release with. */
  containerImages: Record<string, pulumi.Output<string | undefined>>;
  /** The database the pre-deploy backup of `scw-infra deploy` backs up (IDs, no credential). */
  databaseInstance: {
    id: pulumi.Output<string>;
    region: pulumi.Output<string | undefined>;
    database: pulumi.Output<string>;
  };
}

/** Registers the environment's resources and returns its outputs. Throws INFRA_001 before registering anything when the contracts cannot be built. */
export function defineInfrastructure(
  contracts: StackContracts,
  options: DefineInfrastructureOptions,
): InfrastructureOutputs {
  const environment = new Environment(`scaleway-infra-${options.stack}`, {
    contracts,
    secretValues: options.secretValues,
  });
  const mapValues = <T, U>(record: Record<string, T>, fn: (value: T) => U): Record<string, U> =>
    Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
  return {
    containerUrls: mapValues({ ...environment.containers, ...environment.copies }, (c) => c.url),
    databaseEndpoint: environment.database.endpoint,
    registryEndpoint: pulumi.output(environment.registryEndpoint),
    secretIds: mapValues(environment.secrets, (s) => s.secretId),
    alertManagerUrl: environment.alerting.alertManagerUrl,
    privateNetworkId: environment.network.privateNetworkId,
    databaseUrls: mapValues(environment.database.databaseUrls, (url) => pulumi.secret(url)),
    containerImages: mapValues(environment.containers, (c) => c.container.registryImage),
    databaseInstance: {
      id: environment.database.instance.id,
      region: environment.database.instance.region,
      database: environment.database.database.name,
    },
  };
}
