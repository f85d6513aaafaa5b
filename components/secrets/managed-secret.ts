// ManagedSecret (secret_spec): a Secret Manager secret at `/<env>/<service>`, one version holding the
// value (decoded from base64, only ever inside a Pulumi secret), rotation as an expiry, and an IAM
// policy per external principal (user, group, existing application) granting exactly the listed
// permission sets on this project (SEC-3..SEC-6). An `application:<service>` principal is a service of
// this environment: its container receives the value as a secret environment variable, so no IAM
// application or policy is created for it (it would have no credentials and no consumer).
import * as pulumi from "@pulumi/pulumi";
import * as scaleway from "@pulumiverse/scaleway";
import type { SecretSpec } from "@scaleway-infra/contracts/documents/types";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import type { Placement } from "../placement";
import { tagsFor } from "../tags";
import {
  decodeSecretValue,
  ephemeralPoliciesOf,
  policyRulesOf,
  principalOf,
  principalSlug,
  rotationTagsOf,
  scalewaySecretTypeOf,
  secretNameParts,
  secretPathOf,
} from "./secret-inputs";

/** Where a secret's value comes from: the stack (base64, a Pulumi secret) or the program (plaintext). */
export type SecretSource =
  { kind: "stack"; base64: pulumi.Input<string> } | { kind: "derived"; plaintext: pulumi.Input<string> };

export interface ManagedSecretArgs {
  placement: Placement;
  spec: SecretSpec;
  /** Position in `scaleway-infra:secrets`, for error locations. */
  index?: number;
  source: SecretSource;
  /** The services of this environment, which `application:<service>` principals must name (SEC-4). */
  services: readonly string[];
}

export class ManagedSecret extends pulumi.ComponentResource {
  readonly secret: scaleway.secrets.Secret;
  readonly version: scaleway.secrets.Version;
  readonly policies: scaleway.iam.Policy[];
  /** The decoded value, always a Pulumi secret. */
  readonly value: pulumi.Output<string>;
  readonly secretId: pulumi.Output<string>;

  constructor(name: string, args: ManagedSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    super("scaleway-infra:secrets:ManagedSecret", name, {}, opts);
    const { placement, spec } = args;
    const index = args.index ?? 0;
    const { service } = secretNameParts(spec.name, index);
    const principals = spec.access_policy.principals.map(principalOf);
    for (const principal of principals) {
      if (principal.managed && !args.services.includes(principal.ref)) {
        throw new InfraError("INFRA_001", `secret ${spec.name}: no application for ${principal.source}`, {
          problems: [
            {
              path: `/${index}/access_policy/principals`,
              configKey: "scaleway-infra:secrets",
              rule: "SEC-4",
              message: `${principal.source} names no service of this environment`,
              value: principal.source,
              fix: "use application:<service> with a deployed service, or an existing principal's UUID",
            },
          ],
        });
      }
    }
    const child = { parent: this };

    this.value =
      args.source.kind === "stack"
        ? pulumi.secret(
            pulumi
              .output(args.source.base64)
              .apply((encoded) => decodeSecretValue(encoded, spec.name, index)),
          )
        : pulumi.secret(pulumi.output(args.source.plaintext));

    this.secret = new scaleway.secrets.Secret(
      spec.name,
      {
        name: spec.name,
        path: secretPathOf(placement.env, service),
        type: scalewaySecretTypeOf(spec.type),
        description: `${spec.type} of ${service} (${placement.env})`,
        protected: placement.env === "production",
        ephemeralPolicies: ephemeralPoliciesOf(spec.rotation),
        projectId: placement.projectId,
        region: placement.region,
        tags: tagsFor(placement.env, service, [`secret-type:${spec.type}`, ...rotationTagsOf(spec.rotation)]),
      },
      child,
    );
    // secrets.Version has no tags input in 1.54.0; it belongs to the tagged secret.
    this.version = new scaleway.secrets.Version(
      `${spec.name}-version`,
      {
        secretId: this.secret.id,
        data: this.value,
        description: `${spec.name} (managed by Pulumi)`,
        region: placement.region,
      },
      child,
    );

    this.policies = principals
      .filter((principal) => !principal.managed)
      .map((principal) => {
        const principalId = principal.ref;
        return new scaleway.iam.Policy(
          `${spec.name}-${principalSlug(principal)}`,
          {
            name: `${spec.name}-${principalSlug(principal)}`,
            description: `Grants ${principal.source} ${spec.access_policy.permissions.join(", ")} on project ${placement.projectId} for ${spec.name}`,
            organizationId: placement.organizationId,
            applicationId: principal.kind === "application" ? principalId : undefined,
            userId: principal.kind === "user" ? principalId : undefined,
            groupId: principal.kind === "group" ? principalId : undefined,
            rules: policyRulesOf(placement.projectId, spec.access_policy.permissions),
            tags: tagsFor(placement.env, service),
          },
          child,
        );
      });
    this.secretId = this.secret.id;
    this.registerOutputs({ secretId: this.secretId });
  }
}
