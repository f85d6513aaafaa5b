// The shipped stacks, run under Pulumi mocks and evaluated through the runner: the pack must find no
// mandatory violation and nothing indeterminate in the program as it is, so any failure in a plan
// comes from a change someone made.
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import { runProgramUnderMocks } from "../../cli/plan/run-program";
import type { PlannedResource } from "../../cli/plan/model";
import { defineInfrastructure } from "../../components/program/define-infrastructure";
import { evaluatePolicies, type PolicyEvaluation } from "../../cli/policy-runner/runner";
import { readShippedStack, SHIPPED_STACKS, REPO_ROOT } from "../program/support/shipped-stacks";

describe.each(SHIPPED_STACKS)("the policy pack on the shipped %s stack", (stack) => {
  let resources: PlannedResource[];
  let evaluation: PolicyEvaluation;
  beforeAll(async () => {
    const contracts = validateStack(readShippedStack(stack));
    const run = await runProgramUnderMocks(() => defineInfrastructure(contracts, { stack }), {
      project: "scaleway-infra",
      stack,
      sourceRoot: REPO_ROOT,
    });
    resources = run.resources;
    evaluation = await evaluatePolicies(resources, { stack, now: new Date("2026-06-01T00:00:00Z") });
  });

  it("finds no violation", () => {
    const failures = evaluation.findings
      .filter((f) => f.status !== "waived")
      .map((f) => `${f.policy} ${f.resourceName ?? ""}: ${f.message}`);
    expect(failures).toEqual([]);
  });

  it("passes every preview rule that the stack has resources for", () => {
    const statuses = Object.fromEntries(evaluation.rules.map((r) => [r.ruleId, r.status]));
    for (const id of [
      "CTR-2",
      "CTR-4",
      "CTR-5",
      "CTR-6",
      "DB-2",
      "DB-3",
      "DB-4",
      "DB-8",
      "SEC-3",
      "ENV-4",
      "SECU-2",
      "OPS-1",
      "OPS-4",
      "ALR-1",
      "COMP-4",
    ]) {
      expect([id, statuses[id]]).toEqual([
        id,
        stack === "staging" && id === "DB-2" ? "not_applicable" : "pass",
      ]);
    }
    // SEC-5 is checked on IAM policies; the shipped stacks grant secrets only to their own services,
    // which receive them as secret variables, so they create no IAM policy to check. SECU-3 is checked
    // on IAM policies and on database users: the shipped database's users are no administrators.
    expect([statuses["SEC-5"], statuses["SECU-3"]]).toEqual(["not_applicable", "pass"]);
  });

  it("fails CTR-4 once a container's minScale drops to 0", async () => {
    const broken = resources.map((r) =>
      r.type === "scaleway:containers/container:Container" ? { ...r, props: { ...r.props, minScale: 0 } } : r,
    );
    const result = await evaluatePolicies(broken, { stack });
    expect(result.rules.find((r) => r.ruleId === "CTR-4")?.status).toBe("fail");
  });
});
