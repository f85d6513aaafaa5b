// The pack's registry: collects the policies of every rule group, refuses two policies with one name
// (the engine keys enforcement levels, config and waivers by name, so a duplicate would silently
// shadow a check), and applies enforcement levels to copies of the policies.
import type { EnforcementLevel } from "./policy-types";
import type { ContractPolicy } from "./metadata";

/** The key of Pulumi's policy pack config that means "every policy", so no policy may be named so. */
export const ALL_POLICIES_KEY = "all";

export function buildRegistry(groups: readonly (readonly ContractPolicy[])[]): ContractPolicy[] {
  const byName = new Map<string, ContractPolicy>();
  for (const policy of groups.flat()) {
    if (policy.name === ALL_POLICIES_KEY) {
      throw new Error(
        `Policy name "${ALL_POLICIES_KEY}" is reserved by Pulumi's policy pack config; rename the policy.`,
      );
    }
    if (byName.has(policy.name)) {
      throw new Error(
        `Duplicate policy name "${policy.name}": every policy of the pack needs a unique name.`,
      );
    }
    byName.set(policy.name, policy);
  }
  return [...byName.values()];
}

/**
 * Copies of the policies with their enforcement level set from `levels` (policy name -> level);
 * a policy absent from `levels` keeps its own level. The check functions are shared, not copied.
 */
export function withEnforcementLevels(
  policies: readonly ContractPolicy[],
  levels: Readonly<Record<string, EnforcementLevel>>,
): ContractPolicy[] {
  return policies.map((policy) => {
    const level = levels[policy.name];
    return level === undefined ? policy : { ...policy, enforcementLevel: level };
  });
}
