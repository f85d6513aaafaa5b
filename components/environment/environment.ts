// Environment: builds one environment from its validated contracts: network, the container
// namespace and one ServerlessContainer per container_spec, the PostgreSQL database, the secrets with
// the IAM policies of their external principals, and alerting; during a blue/green or canary deployment also the
// copies that `scaleway-infra:deployment` asks for, with the custom domains where its `traffic` says.
// Data flows one way: contracts -> components.
import * as pulumi from "@pulumi/pulumi";
import * as scaleway from "@pulumiverse/scaleway";
import { copyName } from "@scaleway-infra/contracts/documents/deployment-config";
import type { StackContracts } from "@scaleway-infra/contracts/documents/types";
import { Alerting } from "../alerting/alerting";
import { ServerlessContainer } from "../containers/serverless-container";
import { PostgresDatabase } from "../database/postgres-database";
import { Network } from "../network/network";
import { placementOf } from "../placement";
import { registryEndpointOf } from "../registry/registry";
import { ManagedSecret } from "../secrets/managed-secret";
import { secretNameParts } from "../secrets/secret-inputs";
import { resourceName, SHARED_SERVICE_NAME, tagsFor } from "../tags";
import { planEnvironment } from "./preflight";

export interface EnvironmentArgs {
  contracts: StackContracts;
  /**
   * Base64 values of secrets by secret name, replacing the contracts' `value` (the offline plan and
   * tests pass Pulumi secrets here). Wrapped as Pulumi secrets either way.
   */
  secretValues?: Readonly<Record<string, pulumi.Input<string>>>;
}

export class Environment extends pulumi.ComponentResource {
  readonly network: Network;
  /** `rg.<region>.scw.cloud/<namespace>`: the namespace the bootstrap created (bootstrap/stack-registry.ts). */
  readonly registryEndpoint: string;
  readonly containerNamespace: scaleway.containers.Namespace;
  readonly database: PostgresDatabase;
  readonly secrets: Record<string, ManagedSecret>;
  readonly containers: Record<string, ServerlessContainer>;
  /** A deployment's copies by container name (`documentation-green`); empty outside a deployment. */
  readonly copies: Record<string, ServerlessContainer>;
  readonly alerting: Alerting;

  constructor(name: string, args: EnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can be refused is refused here, before this component or any child registers.
    const plan = planEnvironment(args.contracts, new Set(Object.keys(args.secretValues ?? {})));
    super("scaleway-infra:environment:Environment", name, {}, opts);
    const { contracts } = args;
    const placement = placementOf(contracts.environment);
    const { env } = placement;
    const child = { parent: this };

    this.network = new Network(
      resourceName(env, "network"),
      {
        placement,
        privateNetworking: contracts.environment.networking.private_networking,
        vpcId: contracts.environment.networking.vpc_id,
      },
      child,
    );
    this.registryEndpoint = registryEndpointOf(
      contracts.containers,
      placement.region,
      plan.registryNamespace,
    );
    this.containerNamespace = new scaleway.containers.Namespace(
      resourceName(env, "services"),
      {
        name: resourceName(env, "services"),
        description: `Serverless containers of the ${env} environment`,
        projectId: placement.projectId,
        region: placement.region,
        tags: tagsFor(env, SHARED_SERVICE_NAME),
      },
      child,
    );
    this.database = new PostgresDatabase(
      contracts.database.name,
      {
        placement,
        spec: contracts.database,
        encryptionRequired: contracts.environment.compliance.encryption_required,
        privateNetworkId: this.network.privateNetworkId,
        services: plan.databaseUrlServices,
      },
      child,
    );

    this.secrets = {};
    plan.secretSources.forEach(({ spec, derivedFrom }, index) => {
      const { service } = secretNameParts(spec.name, index);
      const source =
        derivedFrom === "database"
          ? { kind: "derived" as const, plaintext: this.database.databaseUrls[service] }
          : {
              kind: "stack" as const,
              base64: pulumi.secret(args.secretValues?.[spec.name] ?? spec.value ?? ""),
            };
      this.secrets[spec.name] = new ManagedSecret(
        spec.name,
        { placement, spec, index, source, services: contracts.containers.map((c) => c.name) },
        child,
      );
    });

    const secretValues = Object.fromEntries(
      Object.entries(this.secrets).map(([secretName, s]) => [secretName, s.value]),
    );
    // With `traffic: copy`, a copied service's custom domains are bound to its copy instead.
    const domainsOnCopies = contracts.deployment?.traffic === "copy";
    const copied = new Set(plan.copies.map(({ copy }) => copy.service));
    this.containers = {};
    contracts.containers.forEach((spec, index) => {
      this.containers[spec.name] = new ServerlessContainer(
        resourceName(env, spec.name),
        {
          placement,
          spec,
          index,
          namespaceId: this.containerNamespace.id,
          privateNetworkId: this.network.privateNetworkId,
          secretValues,
          bindDomains: !(domainsOnCopies && copied.has(spec.name)),
        },
        child,
      );
    });
    this.copies = {};
    for (const { copy, index } of plan.copies) {
      const name = copyName(copy.service, copy.slot);
      this.copies[name] = new ServerlessContainer(
        resourceName(env, name),
        {
          placement,
          spec: contracts.containers[index],
          index,
          namespaceId: this.containerNamespace.id,
          privateNetworkId: this.network.privateNetworkId,
          secretValues,
          copy: { slot: copy.slot, image: copy.image, singleInstance: copy.single_instance },
          bindDomains: domainsOnCopies,
        },
        child,
      );
    }

    this.alerting = new Alerting(
      resourceName(env, "alerting"),
      {
        placement,
        alerts: contracts.alerts,
        // A database_spec is always one managed PostgreSQL instance (DB-7).
        products: [
          ...(contracts.containers.length > 0 ? (["serverless-containers"] as const) : []),
          "rdb-postgresql",
        ],
      },
      child,
    );
    this.registerOutputs({});
  }
}
