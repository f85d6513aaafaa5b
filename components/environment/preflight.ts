// Checks every translation the components will make, on plain data, before any resource is registered:
// a configuration the components cannot build stops here with INFRA_001, so a stack never ends up half
// created. It also decides where each secret's value comes from (the stack, or derived).
import { ruleGroupsOf } from "../alerting/rule-groups";
import type { ServiceCopy } from "@scaleway-infra/contracts/documents/deployment-config";
import type { SecretSpec, StackContracts } from "@scaleway-infra/contracts/documents/types";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { DATABASE_SERVICE_NAME } from "@scaleway-infra/contracts/thresholds";
import { resolveSecretReferences, splitEnvironmentVariables } from "../containers/container-inputs";
import { aclRulesOf, privilegeOf, userForService } from "../database/database-inputs";
import { imageNamespace } from "@scaleway-infra/contracts/image/reference";
import { registryNamespaceOf } from "../registry/registry";
import { decodeSecretValue, principalOf, secretNameParts } from "../secrets/secret-inputs";

export interface EnvironmentPlan {
  /** The registry namespace the images name. */
  registryNamespace: string;
  /** Services whose database_url the database component builds. */
  databaseUrlServices: string[];
  /** Per secret: derived from the database, or taken from the stack. */
  secretSources: Array<{ spec: SecretSpec; derivedFrom?: "database" }>;
  /** A deployment's copies, each with the index of its service's container_spec. */
  copies: Array<{ copy: ServiceCopy; index: number }>;
}

/**
 * Each copy with its service's container_spec index. A copy of an undeclared service (DEP-1), or whose
 * image is outside the environment's registry namespace (CTR-2), cannot be built.
 */
function copiesOf(contracts: StackContracts, registryNamespace: string): EnvironmentPlan["copies"] {
  return (contracts.deployment?.copies ?? []).map((copy, position) => {
    const refuse = (field: string, rule: string, message: string, value: string, fix: string): never => {
      throw new InfraError("INFRA_001", `deployment copy ${copy.service}-${copy.slot}: ${message}`, {
        problems: [
          {
            path: `/copies/${position}/${field}`,
            configKey: "scaleway-infra:deployment",
            rule,
            message,
            value,
            fix,
          },
        ],
      });
    };
    const index = contracts.containers.findIndex((c) => c.name === copy.service);
    if (index < 0)
      refuse(
        "service",
        "DEP-1",
        `${copy.service} is not a container declared in scaleway-infra:containers`,
        copy.service,
        `copy one of: ${contracts.containers.map((c) => c.name).join(", ")}`,
      );
    if (imageNamespace(copy.image) !== registryNamespace)
      refuse(
        "image",
        "CTR-2",
        `the image is not in the environment's registry namespace ${registryNamespace}`,
        copy.image,
        `push the image to rg.<region>.scw.cloud/${registryNamespace}/ and reference it there`,
      );
    return { copy, index };
  });
}

/**
 * A service reads a secret only through its container's secret variables, so the secret's access
 * policy must name that service (`application:<service>`): otherwise the variable would hand the value
 * to a principal the contract does not authorise (SEC-4, SEC-5).
 */
function checkSecretReaders(
  container: StackContracts["containers"][number],
  index: number,
  secretRefs: Readonly<Record<string, string>>,
  secrets: readonly SecretSpec[],
): void {
  for (const [variable, secretName] of Object.entries(secretRefs)) {
    const secret = secrets.find((s) => s.name === secretName);
    if (secret === undefined) continue;
    const readers = secret.access_policy.principals.map(principalOf).filter((p) => p.managed);
    if (readers.some((p) => p.ref === container.name)) continue;
    const position = (container.environment_variables ?? []).findIndex((v) => v.name === variable);
    throw new InfraError(
      "INFRA_001",
      `container ${container.name} reads ${secretName}, which does not authorise it`,
      {
        problems: [
          {
            path: `/${index}/environment_variables/${position}/value`,
            configKey: "scaleway-infra:containers",
            rule: "SEC-4",
            message: `${secretName} grants access to ${secret.access_policy.principals.join(", ")}, not to application:${container.name}`,
            value: secretName,
            fix: `add application:${container.name} to the access_policy.principals of ${secretName}, or remove the variable`,
          },
        ],
      },
    );
  }
}

function missingValue(spec: SecretSpec, index: number): InfraError {
  return new InfraError("INFRA_001", `secret ${spec.name} has no value`, {
    problems: [
      {
        path: `/${index}/value`,
        configKey: "scaleway-infra:secrets",
        rule: "SEC-3",
        message: "only a database_url of a service that uses the database may omit its value",
        fix: `set it: pulumi config set --secret --path 'scaleway-infra:secrets[${index}].value' <base64>`,
      },
    ],
  });
}

/**
 * Runs every component's pure checks on the whole stack. `overrides` names secrets whose values come
 * from outside the contracts (offline plan, tests); their values are checked when they resolve.
 */
export function planEnvironment(
  contracts: StackContracts,
  overrides: ReadonlySet<string> = new Set(),
): EnvironmentPlan {
  const { containers, database, secrets, environment } = contracts;
  const registryNamespace = registryNamespaceOf(containers, `scaleway-infra-${environment.name}`);
  const copies = copiesOf(contracts, registryNamespace);

  database.users.forEach((user, index) => privilegeOf(user, index));
  aclRulesOf(database);
  // Rule groups the Cockpit ruler would reject (cockpit.ruler-limits) are refused here, before any resource.
  ruleGroupsOf(contracts.alerts, environment.name);
  if (database.network.type === "private" && !environment.networking.private_networking) {
    throw new InfraError(
      "INFRA_001",
      `database ${database.name} is private but the environment has no private network`,
      {
        problems: [
          {
            path: "/networking/private_networking",
            configKey: "scaleway-infra:environment",
            rule: "DB-4",
            message: "the database asks for a private network, and private_networking is false",
            value: false,
            fix: "set networking.private_networking: true",
          },
        ],
      },
    );
  }

  const databaseUrlServices: string[] = [];
  const secretSources = secrets.map((spec, index) => {
    const { service } = secretNameParts(spec.name, index);
    spec.access_policy.principals.map(principalOf);
    if (spec.type === "database_url" && service !== DATABASE_SERVICE_NAME) {
      userForService(database, service);
      databaseUrlServices.push(service);
      return { spec, derivedFrom: "database" as const };
    }
    if (!overrides.has(spec.name)) {
      if (spec.value === undefined) throw missingValue(spec, index);
      decodeSecretValue(spec.value, spec.name, index);
    }
    return { spec };
  });

  const declared = Object.fromEntries(secrets.map((s) => [s.name, true]));
  containers.forEach((container, index) => {
    const { secretRefs } = splitEnvironmentVariables(container.environment_variables);
    resolveSecretReferences(container, secretRefs, declared, index);
    checkSecretReaders(container, index, secretRefs, secrets);
  });

  return {
    registryNamespace,
    databaseUrlServices,
    secretSources,
    copies,
  };
}
