// Every policy of the pack, pass and fail, on the shipped production stack: as planned (plus a state
// bucket and a registry namespace, which the bootstrap program owns, an IAM policy granting an
// operators' group read access to secrets and an application's API key, since the shipped stacks
// create none, and the root stack's outputs, which plan does not model) every rule a policy enforces passes; one change per
// policy makes that policy fail with a finding that names all its rule IDs, and fails each of those
// rules in the runner's report. The case list must name every policy of allPolicies(), so a new
// policy without a failing case fails this test.
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import type { PlannedResource } from "../../../cli/plan/model";
import { runProgramUnderMocks } from "../../../cli/plan/run-program";
import { evaluatePolicies, type PolicyEvaluation } from "../../../cli/policy-runner/runner";
import { defineInfrastructure } from "../../../components/program/define-infrastructure";
import { STATE_ENCRYPTION_ALGORITHMS } from "@scaleway-infra/contracts/thresholds";
import { allPolicies } from "../../../policies/all";
import { ROOT_STACK_TYPE } from "../../../policies/iam-api-keys";
import { isKind, type ResourceKind } from "../../../policies/resource-types";
import { bucketProps, iamPolicyProps, resource } from "../../policies/helpers";
import { readShippedStack, REPO_ROOT } from "../../program/support/shipped-stacks";

type Props = Record<string, unknown>;
type Mutation = (resources: PlannedResource[]) => PlannedResource[];

const STATE_BUCKET = "scaleway-infra-state-production";
const API_SECRET_KEY = "0f0f0f0f-1111-4222-8333-444444444444";

/** The root stack resource, whose props are the stack's outputs (as the engine's stack analysis sees it). */
const rootStack: PlannedResource = {
  urn: `urn:pulumi:production::scaleway-infra::${ROOT_STACK_TYPE}::scaleway-infra-production`,
  type: ROOT_STACK_TYPE,
  name: "scaleway-infra-production",
  custom: false,
  dependencies: [],
  props: { environment: "production" },
  secretPaths: [],
};

/** The first resource of `kind` (or the one `pick` chooses) with its props changed by `change`. */
function changeFirst(
  kind: ResourceKind,
  change: (props: Props) => Props,
  pick?: (r: PlannedResource) => boolean,
): Mutation {
  return (resources) => {
    const index = resources.findIndex((r) => isKind(r.type, kind) && (pick?.(r) ?? true));
    if (index < 0) throw new Error(`the stack has no ${kind}`);
    const copy = [...resources];
    copy[index] = { ...resources[index], props: change({ ...resources[index].props }) };
    return copy;
  };
}

const set = (kind: ResourceKind, values: Props): Mutation => changeFirst(kind, (p) => ({ ...p, ...values }));
const without = (kind: ResourceKind, key: string): Mutation =>
  changeFirst(kind, (p) => {
    delete p[key];
    return p;
  });
const isAlerting = (r: PlannedResource) => isKind(r.type, "dynamic") && "groups" in r.props;

/** One change per policy that breaks exactly what the policy checks. */
const BREAKS: Readonly<Record<string, Mutation>> = {
  "container-image-from-eu-registry": set("container", { image: "docker.io/library/nginx:1.25" }),
  "container-scaling-redundant": set("container", { minScale: 1 }),
  "container-http-health-check": changeFirst("container", (p) => {
    delete p.livenessProbe;
    delete p.healthChecks;
    return p;
  }),
  "container-no-hardcoded-secrets": changeFirst("container", (p) => ({
    ...p,
    environmentVariables: { ...(p.environmentVariables as Props), DB_PASSWORD: "s3cr3t-Pa55word-2026" },
  })),
  "container-privacy-explicit": set("container", { privacy: "internal" }),
  "database-high-availability": set("databaseInstance", { isHaCluster: false }),
  "database-backup-retention": set("databaseInstance", { backupScheduleRetention: 14 }),
  "database-encryption-at-rest": set("databaseInstance", { encryptionAtRest: false }),
  "database-acl-restricted": set("databaseAcl", { aclRules: [{ ip: "0.0.0.0/0", description: "everyone" }] }),
  "database-acl-documented": set("databaseAcl", { aclRules: [{ ip: "172.16.0.0/22" }] }),
  "database-private-network": without("databaseInstance", "privateNetwork"),
  "database-network-access-defined": (resources) =>
    without("databaseInstance", "privateNetwork")(resources.filter((r) => !isKind(r.type, "databaseAcl"))),
  "secret-version-has-payload": without("secretVersion", "data"),
  // The payload kept as a plain string: as a state export holds it when it is not a Pulumi secret.
  "secret-inputs-stored-as-secrets": (resources) => {
    const index = resources.findIndex((r) => isKind(r.type, "secretVersion"));
    if (index < 0) throw new Error("the stack has no secretVersion");
    const copy = [...resources];
    copy[index] = {
      ...resources[index],
      secretPaths: resources[index].secretPaths.filter(
        (path) => path !== "data" && !path.startsWith("data."),
      ),
    };
    return copy;
  },
  "secret-values-not-exposed": (resources) => {
    const version = resources.find((r) => isKind(r.type, "secretVersion"));
    const payload = String(version?.props.data);
    return set("container", { description: payload })(resources);
  },
  // A literal beside values the program made Pulumi secrets: each of those marked at its own path, as
  // `scw-infra plan` sees a config secret, and the literal marked by nothing.
  "container-secret-variables-declared": (resources) => {
    const index = resources.findIndex((r) => isKind(r.type, "container"));
    const container = resources[index];
    const variables = {
      ...(container.props.secretEnvironmentVariables as Props),
      EXTRA: "undeclared-value-2026",
    };
    const copy = [...resources];
    copy[index] = {
      ...container,
      props: { ...container.props, secretEnvironmentVariables: variables },
      secretPaths: [
        ...container.secretPaths.filter((path) => path !== "secretEnvironmentVariables"),
        ...Object.keys(variables)
          .filter((name) => name !== "EXTRA")
          .map((name) => `secretEnvironmentVariables.${name}`),
      ],
    };
    return copy;
  },
  "iam-no-wildcard-permissions": changeFirst("iamPolicy", (p) => ({
    ...p,
    rules: [{ projectIds: ["9b9b9b9b-0000-4000-8000-000000000002"], permissionSetNames: ["SecretManager*"] }],
  })),
  "iam-no-broad-permission-sets": changeFirst("iamPolicy", (p) => ({
    ...p,
    rules: [
      { projectIds: ["9b9b9b9b-0000-4000-8000-000000000002"], permissionSetNames: ["AllProductsFullAccess"] },
    ],
  })),
  "iam-no-organization-wide-runtime-rules": changeFirst("iamPolicy", (p) => ({
    ...p,
    rules: [
      {
        organizationId: "0e0e0e0e-0000-4000-8000-000000000001",
        permissionSetNames: ["SecretManagerSecretAccess"],
      },
    ],
  })),
  "iam-policy-documented": without("iamPolicy", "description"),
  "iam-api-key-of-application": set("iamApiKey", { userId: "5a5a5a5a-0000-4000-8000-000000000003" }),
  "iam-api-key-expires": without("iamApiKey", "expiresAt"),
  "iam-api-key-secret-not-exported": (resources) =>
    set("iamApiKey", { secretKey: API_SECRET_KEY })(resources).map((r) =>
      r.type === ROOT_STACK_TYPE ? { ...r, props: { ...r.props, ciSecretKey: API_SECRET_KEY } } : r,
    ),
  "registry-namespace-private": set("registryNamespace", { isPublic: true }),
  "database-user-not-admin": set("databaseUser", { isAdmin: true }),
  "scaleway-provider-inputs": set("container", { port: 9090 }),
  "resources-in-eu": set("databaseInstance", { region: "us-east-1" }),
  "state-bucket-versioned-private": set("objectBucket", { versioning: { enabled: false } }),
  "state-bucket-encrypted": (resources) => resources.filter((r) => !isKind(r.type, "objectBucketEncryption")),
  "stack-environment-isolation": set("container", { tags: ["env:staging", "service:documentation"] }),
  "stack-monitoring-coverage": (resources) => resources.filter((r) => !isAlerting(r)),
  "alert-names-unique": changeFirst(
    "dynamic",
    (p) => {
      const groups = p.groups as { rules: unknown[] }[];
      const [first] = groups;
      return { ...p, groups: [...groups, { ...first, rules: [...first.rules] }] };
    },
    isAlerting,
  ),
};

describe("every policy passes and fails, naming its rule IDs", () => {
  let planned: PlannedResource[];
  let baseline: PolicyEvaluation;
  const evaluate = (resources: PlannedResource[]) =>
    evaluatePolicies(resources, { stack: "production", now: new Date("2026-06-01T00:00:00Z") });

  beforeAll(async () => {
    const contracts = validateStack(readShippedStack("production"));
    const run = await runProgramUnderMocks(() => defineInfrastructure(contracts, { stack: "production" }), {
      project: "scaleway-infra",
      stack: "production",
      sourceRoot: REPO_ROOT,
    });
    planned = [
      ...run.resources,
      resource("objectBucket", "state", bucketProps({ name: STATE_BUCKET })),
      resource(
        "iamPolicy",
        "operators-secret-access",
        iamPolicyProps({
          rules: [
            {
              projectIds: ["9b9b9b9b-0000-4000-8000-000000000002"],
              permissionSetNames: ["SecretManagerSecretAccess"],
            },
          ],
        }),
      ),
      // Not created by the program: an application's API key, compliant, and the root stack's outputs.
      resource("iamApiKey", "ci-key", {
        applicationId: "7c1d2e3f-0000-4000-8000-00000000000b",
        description: "CI deployer of production",
        expiresAt: "2027-01-01T00:00:00Z",
        // An output: the engine's stack analysis sees it (the key exists), and no export carries it.
        secretKey: "1e1e1e1e-0000-4000-8000-00000000000c",
      }),
      rootStack,
      // The registry namespace is the bootstrap program's: private, as it creates it.
      resource("registryNamespace", "images", {
        name: "scaleway-infra-production",
        isPublic: false,
        region: "fr-par",
      }),
      resource("objectBucketEncryption", "state-encryption", {
        bucket: STATE_BUCKET,
        region: "fr-par",
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: STATE_ENCRYPTION_ALGORITHMS[0] } }],
      }),
    ];
    baseline = await evaluate(planned);
  });

  it("has a breaking change for every policy of the pack, and none for a policy that does not exist", () => {
    expect(Object.keys(BREAKS).sort()).toEqual(
      allPolicies()
        .map((p) => p.name)
        .sort(),
    );
  });

  it.each(allPolicies().map((p) => [p.name, p.ruleIds] as const))(
    "%s passes its rules on the shipped production stack",
    (name, ruleIds) => {
      expect(baseline.findings.filter((f) => f.policy === name)).toEqual([]);
      for (const id of ruleIds) {
        expect([id, baseline.rules.find((r) => r.ruleId === id)?.status]).toEqual([id, "pass"]);
      }
    },
  );

  it.each(allPolicies().map((p) => [p.name, p.ruleIds] as const))(
    "%s fails once broken, with a finding that names %j",
    async (name, ruleIds) => {
      const evaluation = await evaluate(BREAKS[name](planned));
      const failures = evaluation.findings.filter((f) => f.policy === name && f.status === "fail");
      expect(failures.length).toBeGreaterThan(0);
      expect(failures[0].ruleIds).toEqual([...ruleIds]);
      expect(failures[0].message.startsWith(`[${ruleIds.join(", ")}] `)).toBe(true);
      for (const id of ruleIds) {
        expect([id, evaluation.rules.find((r) => r.ruleId === id)?.status]).toEqual([id, "fail"]);
      }
    },
  );
});
