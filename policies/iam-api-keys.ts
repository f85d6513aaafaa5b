// IAM API key policies (SECU-3, SEC-3, SECU-1) on `iam.ApiKey`, under both type tokens. Input
// names are those of ApiKeyArgs in @pulumiverse/scaleway/iam/apiKey.d.ts: applicationId, userId,
// expiresAt; its output `secretKey` (ApiKeyState) is what the stack policy looks for among the
// stack's outputs.
//
// What a policy can see of stack outputs: the engine's stack analysis (AnalyzeStack, run at the end
// of a preview or update) receives every resource registered in the deployment with its outputs, the
// root `pulumi:pulumi:Stack` resource included, whose outputs are the program's exports. A policy
// sees them without any secret mark (@pulumi/policy unwraps secrets before validateStack). So an
// exported secret key is found by value when the key already exists (its `secretKey` is known from
// state); for a key created by this very preview, `secretKey` and any export of it are unknown, and the
// policy cannot tell which unknown export holds it: it is then undecided, never passed.
import { resourcePolicy, stackPolicy, type ContractPolicy } from "./metadata";
import type { PolicyResource } from "./policy-types";
import { isSet, outputsOf } from "./resource-context";
import { isKind } from "./resource-types";
import { UNKNOWN_SENTINELS, cannotSee, proxyTarget } from "./unknown-values";

/** The type of the root resource whose outputs are the stack's exports (as in @pulumi/pulumi). */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export const iamApiKeyOfApplication = resourcePolicy({
  name: "iam-api-key-of-application",
  description:
    "Every IAM API key belongs to an IAM application, never to a user: a user's key carries all of that person's rights (least privilege, SECU-3).",
  ruleIds: ["SECU-3"],
  severity: "high",
  remediationSteps:
    "Create an iam.Application for the workload, grant it only the permission sets it needs with an iam.Policy, and set the key's `applicationId` instead of `userId`.",
  kinds: ["iamApiKey"],
  validate: (props, _args, report) => {
    // Presence decides: a user ID computed from another resource is still a user's key.
    if (isSet(props, "userId")) {
      report(
        "the API key is bound to a user (`userId`), so it holds every right of that user; bind it to an IAM application with `applicationId` and remove `userId`.",
      );
    }
  },
});

export const iamApiKeyExpires = resourcePolicy({
  name: "iam-api-key-expires",
  description:
    "Every IAM API key has an expiry date: a key valid forever grants access beyond the task it was made for (least privilege, SECU-3).",
  ruleIds: ["SECU-3"],
  severity: "medium",
  remediationSteps:
    "Set `expiresAt` on the API key (an RFC 3339 date, e.g. 2027-01-01T00:00:00Z) and replace the key before that date.",
  kinds: ["iamApiKey"],
  validate: (props, _args, report) => {
    if (!isSet(props, "expiresAt")) {
      report(
        "the API key sets no `expiresAt`, so it never expires; set `expiresAt` and rotate the key before it.",
      );
    }
  },
});

/** Known string leaves of `value` (the plain data behind the proxy), and whether any leaf is unknown. */
function leavesOf(value: unknown, path: string, found: Map<string, string[]>, depth = 0): boolean {
  if (UNKNOWN_SENTINELS.has(value)) return true;
  if (typeof value === "string") {
    const paths = found.get(value);
    if (paths) paths.push(path);
    else found.set(value, [path]);
    return false;
  }
  if (!value || typeof value !== "object" || depth > 32) return false;
  let unknown = false;
  for (const [key, field] of Object.entries(value)) {
    if (leavesOf(field, path ? `${path}.${key}` : key, found, depth + 1)) unknown = true;
  }
  return unknown;
}

export const iamApiKeySecretNotExported = stackPolicy({
  name: "iam-api-key-secret-not-exported",
  description:
    "No stack output carries an IAM API key's secret key: a secret never leaves through outputs (SEC-3, SECU-1).",
  ruleIds: ["SEC-3", "SECU-1"],
  severity: "critical",
  remediationSteps:
    "Remove the export of the key's `secretKey`; store it in a Secret Manager secret (a secrets.Version whose `data` is the key's `secretKey`) and let its consumers read it there, then rotate the key.",
  validate: (args, report) => {
    const keys = args.resources.filter((r) => isKind(r.type, "iamApiKey"));
    if (keys.length === 0) args.notApplicable("The stack has no IAM API key");
    const stacks = args.resources.filter((r) => r.type === ROOT_STACK_TYPE);
    if (stacks.length === 0) {
      cannotSee(
        ["outputs"],
        `the stack's outputs are not visible (no ${ROOT_STACK_TYPE} resource), so an exported \`secretKey\` cannot be looked for`,
      );
    }
    const exported = new Map<string, string[]>();
    let someExportUnknown = false;
    for (const stack of stacks) {
      if (leavesOf(proxyTarget(stack.props), "", exported)) someExportUnknown = true;
    }
    const unknownKeys: PolicyResource[] = [];
    const unseenKeys: PolicyResource[] = [];
    for (const key of keys) {
      const secretKey = proxyTarget(outputsOf(key, "iamApiKey"))?.secretKey;
      if (UNKNOWN_SENTINELS.has(secretKey)) {
        unknownKeys.push(key);
        continue;
      }
      // The engine hands stack policies outputs, `secretKey` among them; a runner that shows a
      // resource's inputs (a state export's, or a plan's) has none to compare.
      if (typeof secretKey !== "string" || secretKey === "") {
        unseenKeys.push(key);
        continue;
      }
      // Equal to it, or holding it inside a longer string (a connection string, `access:secret`).
      const carrying = [...exported]
        .filter(([value]) => value.includes(secretKey))
        .flatMap(([, paths]) => paths);
      for (const path of carrying) {
        report(
          `stack output \`${path}\` carries the \`secretKey\` of API key ${key.name}; remove the export, keep the key in Secret Manager, and rotate it.`,
          key.urn,
        );
      }
    }
    if (unseenKeys.length > 0) {
      cannotSee(
        ["secretKey"],
        `the \`secretKey\` of ${unseenKeys.map((k) => k.name).join(", ")} is not among the properties given to the policy (its inputs, not its outputs), so whether an output carries it cannot be told`,
      );
    }
    if (unknownKeys.length > 0 && someExportUnknown) {
      cannotSee(
        ["secretKey"],
        `the \`secretKey\` of ${unknownKeys.map((k) => k.name).join(", ")} is not known before the key is created, and some stack output is not known either, so whether an output carries it cannot be told`,
      );
    }
  },
});

export const iamApiKeyPolicies: readonly ContractPolicy[] = [
  iamApiKeyOfApplication,
  iamApiKeyExpires,
  iamApiKeySecretNotExported,
];
