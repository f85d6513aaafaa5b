// Pure translations from a secret_spec to Secret Manager and IAM inputs: path, type, rotation expiry,
// value decoding, principals and least-privilege policy rules (SEC-1..SEC-6, SECU-3).
import type { EnvironmentName, SecretSpec } from "@scaleway-infra/contracts/documents/types";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { BASE64_PATTERN, SECRET_NAME_PATTERN } from "@scaleway-infra/contracts/thresholds";

const CONFIG_KEY = "scaleway-infra:secrets";
/** Scaleway accepts an ephemeral-policy TTL of at most one year. */
export const MAX_EXPIRY_DAYS = 365;
const SECRET_NAME = new RegExp(SECRET_NAME_PATTERN);

export interface SecretNameParts {
  env: EnvironmentName;
  service: string;
  type: string;
}

/** `production-documentation-database_url` -> env, service, type (SEC-1). */
export function secretNameParts(name: string, index = 0): SecretNameParts {
  const match = SECRET_NAME.exec(name);
  if (!match) {
    throw new InfraError("INFRA_001", `secret ${name} does not follow env-service-type`, {
      problems: [
        {
          path: `/${index}/name`,
          configKey: CONFIG_KEY,
          rule: "SEC-1",
          message: `${name} is not <env>-<service>-<type>`,
          value: name,
          fix: "name the secret like production-documentation-database_url",
        },
      ],
    });
  }
  return { env: match[1] as EnvironmentName, service: match[2], type: match[3] };
}

/** Secret Manager path: `/<env>/<service>`. */
export function secretPathOf(env: EnvironmentName, service: string): string {
  return `/${env}/${service}`;
}

/** Secret Manager type: certificates are `certificate`, everything else `opaque`. */
export function scalewaySecretTypeOf(type: SecretSpec["type"]): "certificate" | "opaque" {
  return type === "certificate" ? "certificate" : "opaque";
}

export interface EphemeralPolicy {
  ttl: string;
  action: "disable";
}

/**
 * Rotation enforced as an expiry: each version is disabled once its period is over, so a secret that
 * was not rotated stops working instead of living forever (SEC-6). Scaleway caps the TTL at a year.
 */
export function ephemeralPoliciesOf(rotation: SecretSpec["rotation"]): EphemeralPolicy[] | undefined {
  if (!rotation.enabled || rotation.period_days === undefined) return undefined;
  const days = Math.min(rotation.period_days, MAX_EXPIRY_DAYS);
  return [{ ttl: `${days * 24}h`, action: "disable" }];
}

/** Rotation carried as metadata on the secret's tags. */
export function rotationTagsOf(rotation: SecretSpec["rotation"]): string[] {
  if (!rotation.enabled) return ["rotation:disabled"];
  return ["rotation:enabled", `rotation-period-days:${rotation.period_days ?? 0}`];
}

const BASE64 = new RegExp(BASE64_PATTERN);

/**
 * Decodes a secret's base64 value (SEC-3). The error never carries the value, only where it is.
 */
export function decodeSecretValue(encoded: string, name: string, index = 0): string {
  const compact = encoded.replace(/\s+/g, "");
  if (!BASE64.test(compact)) {
    throw new InfraError("INFRA_001", `secret ${name}: value is not base64`, {
      problems: [
        {
          path: `/${index}/value`,
          configKey: CONFIG_KEY,
          rule: "SEC-3",
          message: "the value must be base64-encoded (and set with `pulumi config set --secret`)",
          redacted: true,
          fix: `encode the value: printf %s "$VALUE" | base64 -w0, then set it as a Pulumi secret`,
        },
      ],
    });
  }
  return Buffer.from(compact, "base64").toString("utf8");
}

export type PrincipalKind = "application" | "user" | "group";

export interface Principal {
  kind: PrincipalKind;
  /** Service name for an `application:<service>` the program creates; else the principal's UUID. */
  ref: string;
  /** True when the program creates the application. */
  managed: boolean;
  /** The principal as written in the contract. */
  source: string;
}

/** `application:runners`, `application_id:<uuid>`, `user:<uuid>`, `group:<uuid>` (SEC-4). */
export function principalOf(principal: string): Principal {
  const [prefix, ...rest] = principal.split(":");
  const ref = rest.join(":");
  switch (prefix) {
    case "application":
      return { kind: "application", ref, managed: true, source: principal };
    case "application_id":
      return { kind: "application", ref, managed: false, source: principal };
    case "user":
      return { kind: "user", ref, managed: false, source: principal };
    case "group":
      return { kind: "group", ref, managed: false, source: principal };
    default:
      throw new InfraError("INFRA_001", `unknown principal ${principal}`, {
        problems: [
          {
            path: "/access_policy/principals",
            configKey: CONFIG_KEY,
            rule: "SEC-4",
            message: `${principal} is not application:<service>, application_id:<uuid>, user:<uuid> or group:<uuid>`,
            value: principal,
            fix: "name a principal as application:<service>, application_id:<uuid>, user:<uuid> or group:<uuid>",
          },
        ],
      });
  }
}

export interface PolicyRule {
  projectIds: string[];
  permissionSetNames: string[];
}

/** One rule: exactly the listed permission sets, on this project only, never organization-wide (SEC-5, SECU-3). */
export function policyRulesOf(projectId: string, permissions: readonly string[]): PolicyRule[] {
  return [{ projectIds: [projectId], permissionSetNames: [...permissions] }];
}

/** A resource-name-safe form of a principal (`application-runners`, `user-1a2b3c4d`). */
export function principalSlug(principal: Principal): string {
  const ref = principal.managed ? principal.ref : principal.ref.slice(0, 8);
  return `${principal.source.split(":")[0].replace(/_/g, "-")}-${ref}`;
}
