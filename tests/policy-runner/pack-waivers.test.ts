// The pack's own waiver handling (policies/waived-reporting.ts), run through the runner: a waived
// violation is reported with the object form of reportViolation at advisory level, so the engine
// does not block on it; an expired waiver leaves the violation at its level and names the waiver.
import { evaluatePolicies } from "../../lib/policy/runner";
import { parseWaivers } from "../../lib/policy/waivers";
import { allPolicies } from "../../policies/all";
import { withWaivers, waiversFilePath } from "../../policies/waived-reporting";
import { containerProps, resource } from "../policies/helpers";

const weak = resource("container", "documentation", containerProps({ minScale: 1 }));
const waiverFor = (expires: string) =>
  parseWaivers(
    `- rule: CTR-4\n  name: documentation\n  reason: traffic study\n  owner: platform-team\n  expires: ${expires}\n`,
    "waivers.yaml",
  );

async function packFinding(expires: string) {
  const source = { waivers: () => waiverFor(expires), now: () => new Date("2026-06-01T00:00:00Z") };
  const evaluation = await evaluatePolicies([weak], {
    stack: "production",
    policies: withWaivers(allPolicies(), source),
  });
  return evaluation.findings.find((f) => f.policy === "container-scaling-redundant");
}

describe("waivers honoured by the pack itself", () => {
  it("downgrades a waived violation to an advisory 'waived by' message", async () => {
    const finding = await packFinding("2026-12-31");
    expect(finding).toMatchObject({ status: "fail", enforcementLevel: "advisory" });
    expect(finding?.message).toMatch(
      /^waived by waivers\.yaml:1 \(owner platform-team, until 2026-12-31\): traffic study\n\[CTR-4/,
    );
  });

  it("keeps an expired waiver's violation mandatory and names the waiver", async () => {
    const finding = await packFinding("2026-01-31");
    expect(finding).toMatchObject({ status: "fail", enforcementLevel: "mandatory" });
    expect(finding?.message).toContain("waiver waivers.yaml:1 (owner platform-team) expired on 2026-01-31");
  });

  it("reads waivers.yaml at the project root unless SCW_INFRA_WAIVERS_FILE says otherwise", () => {
    expect(waiversFilePath({})).toMatch(/\/waivers\.yaml$/);
    expect(waiversFilePath({})).not.toContain("/policies/");
    expect(waiversFilePath({ SCW_INFRA_WAIVERS_FILE: "/tmp/w.yaml" })).toBe("/tmp/w.yaml");
  });
});
