// PostgresDatabase (database_spec): a Managed PostgreSQL instance (HA, backups, encryption at rest,
// private network), its database, one user per `users` entry with a generated password, a privilege
// per user, exactly one described ACL, and each service's database_url as a Pulumi secret.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as scaleway from "@pulumiverse/scaleway";
import type { DatabaseSpec } from "@scaleway-infra/contracts/documents/types";
import { DATABASE_SERVICE_NAME } from "@scaleway-infra/contracts/thresholds";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import type { Placement } from "../placement";
import { tagsFor } from "../tags";
import {
  aclRulesOf,
  BACKUP_FREQUENCY_HOURS,
  connectionStringOf,
  DATABASE_ADMIN_USER,
  DATABASE_PASSWORD_RULES,
  databaseNameOf,
  engineOf,
  nodeTypeOf,
  POSTGRES_PORT,
  privilegeOf,
  userForService,
  volumeSizeOf,
} from "./database-inputs";

export interface PostgresDatabaseArgs {
  placement: Placement;
  spec: DatabaseSpec;
  /** `environment.compliance.encryption_required` (DB-8, ENV-6). */
  encryptionRequired: boolean;
  /** Required when `network.type` is private. */
  privateNetworkId?: pulumi.Input<string>;
  /** Services that get a database_url, each connecting as its own user. */
  services: readonly string[];
}

export class PostgresDatabase extends pulumi.ComponentResource {
  readonly instance: scaleway.databases.Instance;
  readonly database: scaleway.databases.Database;
  readonly users: scaleway.databases.User[];
  readonly privileges: scaleway.databases.Privilege[];
  readonly acl: scaleway.databases.Acl;
  /** `host:port` the services connect to: the private endpoint when the network is private. */
  readonly endpoint: pulumi.Output<string>;
  /** Connection string per service, each a Pulumi secret. */
  readonly databaseUrls: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: PostgresDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("scaleway-infra:database:PostgresDatabase", name, {}, opts);
    const { placement, spec } = args;
    const isPrivate = spec.network.type === "private";
    if (isPrivate && args.privateNetworkId === undefined) {
      throw new InfraError(
        "INFRA_001",
        `database ${spec.name} is private but the environment has no private network`,
        {
          problems: [
            {
              path: "/network/type",
              configKey: "scaleway-infra:database",
              rule: "DB-4",
              message: "network.type is private, and environment.networking.private_networking is false",
              value: spec.network.type,
              fix: "set scaleway-infra:environment networking.private_networking to true",
            },
          ],
        },
      );
    }
    // Validate every user and rule before creating anything, so a bad spec registers no resource.
    const privileges = spec.users.map((user, index) => privilegeOf(user, index));
    const aclRules = aclRulesOf(spec);
    const serviceUsers = args.services.map((service) => ({ service, user: userForService(spec, service) }));
    const child = { parent: this };

    const adminPassword = new random.RandomPassword(
      `${spec.name}-admin-password`,
      DATABASE_PASSWORD_RULES,
      child,
    );
    this.instance = new scaleway.databases.Instance(
      spec.name,
      {
        name: spec.name,
        engine: engineOf(spec),
        nodeType: nodeTypeOf(spec, placement.env),
        isHaCluster: spec.high_availability,
        volumeType: spec.storage.type,
        volumeSizeInGb: volumeSizeOf(spec),
        disableBackup: false,
        backupScheduleFrequency: BACKUP_FREQUENCY_HOURS,
        backupScheduleRetention: spec.backup.retention_days,
        // The API has no backup-region input: backups stay in the instance's region, or go to
        // Scaleway's paired EU region when backupSameRegion is false (DB-6 is checked on the config).
        backupSameRegion: spec.backup.region === placement.region,
        // SECU-4 requires encryption of the database whatever encryption_required says.
        encryptionAtRest: true,
        privateNetwork: isPrivate
          ? { pnId: args.privateNetworkId as pulumi.Input<string>, enableIpam: true }
          : undefined,
        userName: DATABASE_ADMIN_USER,
        password: adminPassword.result,
        projectId: placement.projectId,
        region: placement.region,
        tags: tagsFor(placement.env, DATABASE_SERVICE_NAME),
      },
      child,
    );

    const databaseName = databaseNameOf(spec);
    this.database = new scaleway.databases.Database(
      `${spec.name}-${databaseName}`,
      { instanceId: this.instance.id, name: databaseName, region: placement.region },
      child,
    );

    const passwords = new Map<string, pulumi.Output<string>>();
    this.users = spec.users.map((user) => {
      const password = new random.RandomPassword(
        `${spec.name}-${user.name}-password`,
        DATABASE_PASSWORD_RULES,
        child,
      );
      passwords.set(user.name, password.result);
      return new scaleway.databases.User(
        `${spec.name}-${user.name}`,
        {
          instanceId: this.instance.id,
          name: user.name,
          password: password.result,
          isAdmin: false,
          region: placement.region,
        },
        child,
      );
    });
    this.privileges = spec.users.map(
      (user, index) =>
        new scaleway.databases.Privilege(
          `${spec.name}-${user.name}-privilege`,
          {
            instanceId: this.instance.id,
            databaseName: this.database.name,
            userName: this.users[index].name,
            permission: privileges[index],
            region: placement.region,
          },
          child,
        ),
    );
    // databases.Acl, User, Database and Privilege have no tags input in 1.54.0; they belong to the tagged instance.
    this.acl = new scaleway.databases.Acl(
      `${spec.name}-acl`,
      { instanceId: this.instance.id, aclRules, region: placement.region },
      child,
    );

    const host = isPrivate
      ? pulumi
          .all([this.instance.privateIps, this.instance.privateNetwork])
          .apply(([ips, network]) => ips?.[0]?.address ?? network?.ip ?? "")
      : // endpointIp/endpointPort are deprecated in @pulumiverse/scaleway 1.54.0: the load balancer is the public endpoint.
        this.instance.loadBalancer.apply((lb) => lb?.ip ?? "");
    const port = isPrivate
      ? this.instance.privateNetwork.apply((network) => network?.port ?? POSTGRES_PORT)
      : this.instance.loadBalancer.apply((lb) => lb?.port ?? POSTGRES_PORT);
    this.endpoint = pulumi.interpolate`${host}:${port}`;

    const urls: Record<string, pulumi.Output<string>> = {};
    for (const { service, user } of serviceUsers) {
      const password = passwords.get(user.name) as pulumi.Output<string>;
      urls[service] = pulumi.secret(
        pulumi
          .all([host, port, password, this.database.name])
          .apply(([h, p, pw, database]) =>
            connectionStringOf({ user: user.name, password: pw, host: h, port: p, database }),
          ),
      );
    }
    this.databaseUrls = urls;
    this.registerOutputs({ endpoint: this.endpoint, databaseUrls: this.databaseUrls });
  }
}
