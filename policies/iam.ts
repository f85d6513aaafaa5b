// IAM policies (SEC-5, SECU-3, COMP-4) on `iam.Policy`, under both type tokens. Input names are
// those of PolicyArgs in @pulumiverse/scaleway/iam/policy.d.ts: applicationId, userId, groupId,
// noPrincipal, description, tags, rules[{permissionSetNames, projectIds, organizationId, condition}],
// read through those types (InputsOf<"iamPolicy">) so that a renamed input breaks compilation.
//
// A runtime principal is an IAM application (the identity a service runs with). The deployer is also
// an application, but its policy is tagged DEPLOYER_POLICY_TAG: only it may hold the few broad sets
// of ALLOWED_BROAD_PERMISSION_SETS. Users and groups are people, governed by the same wildcard and
// broad-set rules. No principal, the deployer included, holds an admin-equivalent set
// (ADMIN_EQUIVALENT_PERMISSION_SETS: IAMManager, OrganizationManager and the other IAM managers), since
// its holder can give itself anything. A rule scoped by `organizationId` reaches every Project of the
// Organization (fact iam.organization-rule-scope): a runtime application never has one; any other
// principal only for the sets Scaleway scopes by Organization (fact iam.organization-scoped-permission-sets).
// Set names are judged as Scaleway spells them (canonicalPermissionSetName: no stray spaces or case).
import {
  IAM_FULL_ACCESS_PERMISSION_SETS,
  canonicalPermissionSetName,
  isOrganizationScopedPermissionSet,
} from "@scaleway-infra/contracts/scaleway/facts/iam";
import {
  ADMIN_EQUIVALENT_PERMISSION_SETS,
  ALLOWED_BROAD_PERMISSION_SETS,
  BROAD_PERMISSION_SET_PATTERNS,
  DEPLOYER_POLICY_TAG,
} from "@scaleway-infra/contracts/thresholds";
import { resourcePolicy, type ContractResourcePolicy } from "./metadata";
import type { ResourceValidationArgs } from "./policy-types";
import { arrayProp, isSet, stringProp, tagsOf } from "./resource-context";
import type { InputsOf } from "./resource-types";
import { proxyTarget } from "./unknown-values";

interface PolicyRuleView {
  index: number;
  permissionSetNames: string[];
  organizationWide: boolean;
}

/** Rules already read, by the plain props object behind the proxy: three policies read them. */
const RULES_BY_PROPS = new WeakMap<object, PolicyRuleView[]>();

type IamPolicyInputs = InputsOf<"iamPolicy">;

function rulesOf(props: IamPolicyInputs): PolicyRuleView[] {
  const target = proxyTarget(props);
  const cached = RULES_BY_PROPS.get(target);
  if (cached) return cached;
  // Read through the proxy: an unknown rule or permission set throws before anything is cached.
  const rules = readRules(props);
  RULES_BY_PROPS.set(target, rules);
  return rules;
}

function readRules(props: IamPolicyInputs): PolicyRuleView[] {
  return arrayProp(props, "rules").map((rule, index) => {
    const fields = rule && typeof rule === "object" ? rule : {};
    return {
      index,
      permissionSetNames: arrayProp(fields, "permissionSetNames").filter(
        (n): n is string => typeof n === "string",
      ),
      organizationWide: isSet(fields, "organizationId"),
    };
  });
}

function isRuntimePrincipal(props: IamPolicyInputs): boolean {
  return isSet(props, "applicationId") && !tagsOf(props).includes(DEPLOYER_POLICY_TAG);
}

function isBroad(permissionSet: string): boolean {
  const name = canonicalPermissionSetName(permissionSet);
  return (
    IAM_FULL_ACCESS_PERMISSION_SETS.value.includes(name) ||
    BROAD_PERMISSION_SET_PATTERNS.some((pattern) => pattern.test(name))
  );
}

function isAdminEquivalent(permissionSet: string): boolean {
  return ADMIN_EQUIVALENT_PERMISSION_SETS.includes(canonicalPermissionSetName(permissionSet));
}

/** The name as written, quoted when Scaleway spells it otherwise (a stray space, another letter case). */
function shown(permissionSet: string): string {
  const name = canonicalPermissionSetName(permissionSet);
  return name === permissionSet ? name : `${JSON.stringify(permissionSet)} (${name})`;
}

export const iamNoWildcardPermissions: ContractResourcePolicy = resourcePolicy({
  name: "iam-no-wildcard-permissions",
  description: "No IAM policy grants a permission set by wildcard.",
  ruleIds: ["SEC-5", "SECU-3"],
  severity: "critical",
  remediationSteps:
    "Replace every wildcard in `rules[].permissionSetNames` with the named permission sets the principal needs (e.g. SecretManagerSecretAccess).",
  kinds: ["iamPolicy"],
  validate: (props, _args, report) => {
    for (const rule of rulesOf(props)) {
      for (const name of rule.permissionSetNames.filter((n) => n.includes("*"))) {
        report(
          `\`rules[${rule.index}].permissionSetNames\` grants "${name}" by wildcard; list the exact permission sets needed.`,
        );
      }
    }
  },
});

export const iamNoBroadPermissionSets: ContractResourcePolicy = resourcePolicy({
  name: "iam-no-broad-permission-sets",
  description:
    "No IAM policy grants an admin-equivalent set (IAMManager, OrganizationManager, the IAM managers), nor a full-access, manager or all-products set except the deployer's short allow list.",
  ruleIds: ["SEC-5", "SECU-3"],
  severity: "high",
  remediationSteps: `Never grant ${ADMIN_EQUIVALENT_PERMISSION_SETS.join(", ")}: their holder can give itself any other right. Replace *FullAccess, *Manager and AllProducts* sets with read or narrower sets (e.g. SecretManagerSecretAccess, ContainersReadOnly); only the deployer's policy, tagged ${DEPLOYER_POLICY_TAG}, may hold ${ALLOWED_BROAD_PERMISSION_SETS.join(" or ")}.`,
  kinds: ["iamPolicy"],
  validate: (props, _args, report) => {
    const runtime = isRuntimePrincipal(props);
    for (const rule of rulesOf(props)) {
      for (const name of rule.permissionSetNames) {
        if (isAdminEquivalent(name)) {
          report(
            `\`rules[${rule.index}].permissionSetNames\` grants ${shown(name)}, an admin-equivalent set: its holder can write itself a policy for any action in the Organization; no principal of the stack, the deployer included, may hold it.`,
          );
        } else if (!isBroad(name)) {
          continue;
        } else if (!ALLOWED_BROAD_PERMISSION_SETS.includes(canonicalPermissionSetName(name))) {
          report(
            `\`rules[${rule.index}].permissionSetNames\` grants the broad set ${shown(name)}; grant the narrower sets the principal needs.`,
          );
        } else if (runtime) {
          report(
            `\`rules[${rule.index}].permissionSetNames\` grants ${shown(name)} to a runtime application; ` +
              `only the deployer's policy (tagged ${DEPLOYER_POLICY_TAG}) may hold it: grant a read-only set instead.`,
          );
        }
      }
    }
  },
});

export const iamNoOrganizationWideRuntimeRules: ContractResourcePolicy = resourcePolicy({
  name: "iam-no-organization-wide-runtime-rules",
  description:
    "No IAM policy of a runtime application applies organization-wide, and no policy gives a project-scoped set organization-wide: such rules are scoped to projects.",
  ruleIds: ["SECU-3"],
  severity: "high",
  remediationSteps:
    "Replace `organizationId` in the rule with `projectIds: [<the environment's project ID>]`; keep `organizationId` only for the sets Scaleway scopes by Organization (e.g. ProjectReadOnly, IAMReadOnly, AuditTrailReadOnly), and never on a runtime application's policy.",
  kinds: ["iamPolicy"],
  validate: (props, _args: ResourceValidationArgs, report) => {
    const runtime = isRuntimePrincipal(props);
    for (const rule of rulesOf(props).filter((r) => r.organizationWide)) {
      if (runtime) {
        report(
          `\`rules[${rule.index}]\` applies to the whole organization (\`organizationId\`); scope it with \`projectIds\`.`,
        );
        continue;
      }
      const projectScoped = rule.permissionSetNames.filter((n) => !isOrganizationScopedPermissionSet(n));
      if (projectScoped.length > 0) {
        report(
          `\`rules[${rule.index}]\` gives the project-scoped set${projectScoped.length > 1 ? "s" : ""} ${projectScoped.map(shown).join(", ")} to the whole organization (\`organizationId\`): it reaches every Project, the other environment's included; scope it with \`projectIds\`.`,
        );
      }
    }
  },
});

export const iamPolicyDocumented: ContractResourcePolicy = resourcePolicy({
  name: "iam-policy-documented",
  description: "Every IAM policy says in its description whom it grants what and why.",
  ruleIds: ["COMP-4"],
  severity: "low",
  remediationSteps: "Set `description` on the IAM policy: the principal, the access granted and the reason.",
  kinds: ["iamPolicy"],
  validate: (props, _args, report) => {
    const description = stringProp(props, "description");
    if (description === undefined || description.trim() === "") {
      report("the IAM policy has no `description`; describe the principal, the access granted and why.");
    }
  },
});

export const iamPolicies: readonly ContractResourcePolicy[] = [
  iamNoWildcardPermissions,
  iamNoBroadPermissionSets,
  iamNoOrganizationWideRuntimeRules,
  iamPolicyDocumented,
];
