// Every policy of the pack, importable without starting the pack's gRPC server: index.ts serves these
// to the engine, and cli/policy-runner/runner.ts evaluates the very same objects offline (plan, scan, tests).
import { containerRegistryPolicies } from "./container-registry";
import { containerPolicies } from "./containers";
import { databasePolicies } from "./databases";
import { iamPolicies } from "./iam";
import { iamApiKeyPolicies } from "./iam-api-keys";
import type { ContractPolicy } from "./metadata";
import { buildRegistry } from "./registry";
import { residencyPolicies } from "./residency";
import { scalewayFactPolicies } from "./scaleway-facts";
import { secretPolicies } from "./secrets";
import { stackPolicies } from "./stack";
import { stateBucketPolicies } from "./state-buckets";

export const POLICY_PACK_NAME = "scaleway-infra-policies";

export const POLICY_GROUPS: Readonly<Record<string, readonly ContractPolicy[]>> = {
  containers: containerPolicies,
  databases: databasePolicies,
  secrets: secretPolicies,
  iam: iamPolicies,
  "iam-api-keys": iamApiKeyPolicies,
  "container-registry": containerRegistryPolicies,
  residency: residencyPolicies,
  "state-buckets": stateBucketPolicies,
  stack: stackPolicies,
  "scaleway-facts": scalewayFactPolicies,
};

/**
 * Every policy of the pack, each at the level its severity gives it (critical and high mandatory,
 * medium and low advisory) unless an enforcement config says otherwise.
 */
export function allPolicies(): ContractPolicy[] {
  return buildRegistry(Object.values(POLICY_GROUPS));
}
