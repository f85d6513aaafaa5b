// Metadata as a contract (compliance-policies style): every policy carries what reports and the
// engine need, and together the policies cover every rule marked (preview).
import { CONTRACT_RULES, isRuleId, previewRuleIds } from "@scaleway-infra/contracts/rules/catalog";
import { CONTRACTS_FRAMEWORK, CONTRACTS_VERSION } from "@scaleway-infra/contracts/thresholds";
import { POLICY_GROUPS, allPolicies } from "../../policies/all";
import { containerPrivacyExplicit } from "../../policies/containers";
import { defaultEnforcementLevel, type ContractPolicy } from "../../policies/metadata";
import { scalewayFactPolicies } from "../../policies/scaleway-facts";
import { buildRegistry, withEnforcementLevels } from "../../policies/registry";

const policies = allPolicies();
const byName = policies.map((p): [string, ContractPolicy] => [p.name, p]);

describe("policy metadata", () => {
  it.each(byName)("%s has a severity", (_name, policy) => {
    expect(["low", "medium", "high", "critical"]).toContain(policy.severity);
  });

  it.each(byName)("%s belongs to the contracts framework, version 2025-11-07", (_name, policy) => {
    expect(policy.framework).toMatchObject({ name: CONTRACTS_FRAMEWORK, version: CONTRACTS_VERSION });
    expect(CONTRACTS_VERSION).toBe("2025-11-07");
    expect(policy.framework.reference).not.toBe("");
  });

  it.each(byName)("%s is tagged with catalog rule IDs only, the same as its ruleIds", (_name, policy) => {
    expect(policy.tags.length).toBeGreaterThan(0);
    expect(policy.tags.every(isRuleId)).toBe(true);
    expect(policy.tags).toEqual([...policy.ruleIds]);
  });

  it.each(byName)("%s has remediation steps", (_name, policy) => {
    expect(policy.remediationSteps.length).toBeGreaterThan(20);
  });

  it.each(byName)("%s has a description that is one sentence", (_name, policy) => {
    expect(policy.description).toMatch(/^[A-Z][^\n]*[^.]\.$/);
    expect(policy.description.split(/\.\s/).length).toBe(1);
  });

  it.each(byName)("%s is mandatory by default when critical or high, else advisory", (_name, policy) => {
    const blocking = policy.severity === "critical" || policy.severity === "high";
    expect(policy.enforcementLevel).toBe(blocking ? "mandatory" : "advisory");
  });

  it("keeps the Scaleway facts policy advisory: it is of medium severity", () => {
    for (const policy of scalewayFactPolicies) expect(policy.enforcementLevel).toBe("advisory");
  });

  it.each(byName)("%s has a name the engine accepts", (name) => {
    expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(name).not.toBe("all");
  });

  it.each(previewRuleIds())("preview rule %s is enforced by at least one policy", (ruleId) => {
    expect(policies.filter((p) => p.ruleIds.includes(ruleId)).map((p) => p.name)).not.toEqual([]);
  });

  it.each(["ALR-1", "COMP-4", "STA-4"])(
    "rule %s, asked of the pack beyond the preview rules, is enforced",
    (ruleId) => {
      expect(policies.some((p) => p.ruleIds.includes(ruleId))).toBe(true);
    },
  );

  it("has at least one policy per rule group module", () => {
    for (const group of Object.values(POLICY_GROUPS)) expect(group.length).toBeGreaterThan(0);
  });

  it("counts every catalog rule once", () => {
    expect(new Set(CONTRACT_RULES.map((r) => r.id)).size).toBe(CONTRACT_RULES.length);
  });
});

describe("policy registry", () => {
  it("rejects two policies with the same name", () => {
    expect(() => buildRegistry([[containerPrivacyExplicit], [{ ...containerPrivacyExplicit }]])).toThrow(
      'Duplicate policy name "container-privacy-explicit"',
    );
  });

  it("rejects the reserved name all", () => {
    expect(() => buildRegistry([[{ ...containerPrivacyExplicit, name: "all" }]])).toThrow("reserved");
  });

  it("keeps every policy of every group", () => {
    const total = Object.values(POLICY_GROUPS).reduce((n, group) => n + group.length, 0);
    expect(policies).toHaveLength(total);
  });

  it("applies enforcement levels to copies, leaving the pack's policies at their own level", () => {
    const levelled = withEnforcementLevels(policies, { "container-privacy-explicit": "advisory" });
    expect(levelled.find((p) => p.name === "container-privacy-explicit")?.enforcementLevel).toBe("advisory");
    expect(containerPrivacyExplicit.enforcementLevel).toBe("mandatory");
  });
});

describe("default enforcement level by severity", () => {
  it.each([
    ["critical", "mandatory"],
    ["high", "mandatory"],
    ["medium", "advisory"],
    ["low", "advisory"],
  ] as const)("a %s policy is %s unless the pack config says otherwise", (severity, level) => {
    expect(defaultEnforcementLevel(severity)).toBe(level);
  });
});
