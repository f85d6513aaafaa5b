// Props that are all unknown (a resource whose every input depends on outputs not yet created): no
// policy may crash, and none may pass silently: each applicable check is indeterminate.
import { UNKNOWN } from "../../cli/plan/model";
import { evaluatePolicies } from "../../cli/policy-runner/runner";
import { allPolicies } from "../../policies/all";
import { isStackPolicy } from "../../policies/metadata";
import { RESOURCE_TYPES } from "../../policies/resource-types";
import {
  aclProps,
  alertRulesProps,
  allUnknown,
  bucketProps,
  containerProps,
  databaseProps,
  evaluate,
  iamPolicyProps,
  resource,
} from "./helpers";

const cases = [
  ["container", containerProps()],
  ["databaseInstance", databaseProps()],
  ["databaseAcl", aclProps()],
  ["iamPolicy", iamPolicyProps()],
  ["objectBucket", bucketProps()],
  ["secretVersion", { secretId: "fr-par/aa", data: "c2VjcmV0", region: "fr-par" }],
] as const;

/**
 * Policies that decide without the value: presence is known at preview even when the value is not
 * (the input is wired to another resource's output), and whether the payload is stored as a secret is
 * told by the resource options (the SDK marks a version's `data` secret, so the test resource has it).
 */
const PRESENCE_ONLY = ["secret-version-has-payload", "secret-inputs-stored-as-secrets"];

describe("unknown values at preview", () => {
  it.each(cases)(
    "a %s whose props are all unknown crashes no policy, and every policy for it is indeterminate",
    async (kind, props) => {
      const evaluation = await evaluate([resource(kind, "subject", allUnknown(props))]);
      // The residency policy covers every type, but only resources that have a region or a zone.
      const located = "region" in props || "zone" in props;
      const targeting = allPolicies().filter(
        (p) =>
          !isStackPolicy(p) &&
          !PRESENCE_ONLY.includes(p.name) &&
          (p.kinds === undefined ? located : p.kinds.includes(kind)),
      );
      expect(targeting.length).toBeGreaterThan(0);
      for (const policy of targeting) {
        const statuses = evaluation.findings.filter((f) => f.policy === policy.name).map((f) => f.status);
        expect([policy.name, statuses]).toEqual([policy.name, ["indeterminate"]]);
      }
    },
  );

  it("passes a secret version whose payload is set but computed, since only presence is asked", async () => {
    const evaluation = await evaluate([
      resource("secretVersion", "v1", { secretId: "fr-par/aa", data: UNKNOWN }),
    ]);
    expect(evaluation.findings.filter((f) => f.policy === "secret-version-has-payload")).toEqual([]);
    expect(evaluation.rules.find((r) => r.ruleId === "SEC-3")?.status).toBe("pass");
  });

  it.each(cases)(
    "a %s with all props unknown under the flat token is indeterminate too",
    async (kind, props) => {
      const evaluation = await evaluate([resource(kind, "subject", allUnknown(props), { flatToken: true })]);
      expect(evaluation.findings.some((f) => f.status === "indeterminate")).toBe(true);
    },
  );

  it("reports the unknown property path the way the engine does", async () => {
    const evaluation = await evaluate([
      resource("container", "documentation", containerProps({ minScale: UNKNOWN })),
    ]);
    const finding = evaluation.findings.find((f) => f.policy === "container-scaling-redundant");
    expect(finding?.status).toBe("indeterminate");
    expect(finding?.enforcementLevel).toBe("advisory");
    expect(finding?.message).toBe(
      "can't run policy 'container-scaling-redundant' during preview: string value at .minScale can't be known during preview",
    );
    expect(evaluation.rules.find((r) => r.ruleId === "CTR-4")?.status).toBe("indeterminate");
  });

  it("turns indeterminate into a mandatory failure under strict", async () => {
    const evaluation = await evaluatePolicies(
      [resource("container", "documentation", containerProps({ minScale: UNKNOWN }))],
      {
        stack: "production",
        strict: true,
      },
    );
    const finding = evaluation.findings.find((f) => f.policy === "container-scaling-redundant");
    expect(finding).toMatchObject({ status: "fail", enforcementLevel: "mandatory" });
    expect(evaluation.summary.mandatoryViolations).toBeGreaterThan(0);
  });

  it("makes stack policies indeterminate when the alert groups are unknown", async () => {
    const rules = resource("dynamic", "alert-rules", alertRulesProps(["documentation"], { groups: UNKNOWN }));
    const evaluation = await evaluate([resource("container", "documentation", containerProps()), rules]);
    expect(evaluation.findings.find((f) => f.policy === "stack-monitoring-coverage")?.status).toBe(
      "indeterminate",
    );
  });

  it("covers every kind that a resource policy targets", () => {
    const tested = new Set<string>(cases.map(([kind]) => kind));
    for (const kind of [
      "container",
      "databaseInstance",
      "databaseAcl",
      "iamPolicy",
      "objectBucket",
      "secretVersion",
    ]) {
      expect(tested.has(kind) && kind in RESOURCE_TYPES).toBe(true);
    }
  });
});
