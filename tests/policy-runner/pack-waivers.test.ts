// The pack's own waiver handling (policies/waived-reporting.ts), run through the runner: a waived
// violation is reported with the object form of reportViolation at advisory level, so the engine
// does not block on it; an expired waiver leaves the violation at its level and names the waiver.
import { evaluatePolicies } from "../../cli/policy-runner/runner";
import { parseWaivers } from "../../policies/waivers";
import { allPolicies } from "../../policies/all";
import { broadWaiversAllowed, withWaivers, waiversFilePath } from "../../policies/waived-reporting";
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
    const finding = await packFinding("2026-10-31");
    expect(finding).toMatchObject({ status: "fail", enforcementLevel: "advisory" });
    expect(finding?.message).toMatch(
      /^waived by waivers\.yaml:1 \(owner platform-team, until 2026-10-31\): traffic study\n\[CTR-4/,
    );
  });

  it("keeps an expired waiver's violation mandatory and names the waiver", async () => {
    const finding = await packFinding("2026-01-31");
    expect(finding).toMatchObject({ status: "fail", enforcementLevel: "mandatory" });
    expect(finding?.message).toContain("waiver waivers.yaml:1 (owner platform-team) expired on 2026-01-31");
  });

  // The pack holds the same limits as scw-infra plan/scan (issue 11 §4), at `pulumi preview`.
  const packWith = async (text: string, options: { stack?: string; allowBroad?: boolean } = {}) => {
    const source = {
      waivers: () => parseWaivers(text, "waivers.yaml"),
      now: () => new Date("2026-06-01T00:00:00Z"),
      allowBroad: () => options.allowBroad === true,
    };
    const stack = options.stack ?? "production";
    const evaluation = await evaluatePolicies(
      [{ ...weak, urn: weak.urn.replace(":production::", `:${stack}::`) }],
      {
        stack,
        policies: withWaivers(allPolicies(), source),
      },
    );
    return evaluation.findings.find((f) => f.policy === "container-scaling-redundant");
  };
  const entry = (name: string, expires: string) =>
    `- rule: CTR-4\n  name: "${name}"\n  reason: traffic study\n  owner: platform-team\n  expires: ${expires}\n`;

  it("does not apply a glob waiver of a mandatory policy in production, and says why", async () => {
    const finding = await packWith(entry("docu*", "2026-10-31"));
    expect(finding).toMatchObject({ status: "fail", enforcementLevel: "mandatory" });
    expect(finding?.message).toContain("waiver not applied");
    expect(finding?.message).toContain("a production waiver must name its resource");
  });

  it.each(["[d]ocumentation", "!runners", "+(documentation)"])(
    "does not apply %j, a pattern that looks like one name, in production",
    async (name) => {
      const finding = await packWith(entry(name, "2026-10-31"));
      expect(finding).toMatchObject({ status: "fail", enforcementLevel: "mandatory" });
      expect(finding?.message).toContain("a production waiver must name its resource");
    },
  );

  it("applies the glob waiver in staging, or with SCW_INFRA_ALLOW_BROAD_WAIVERS", async () => {
    expect(await packWith(entry("docu*", "2026-10-31"), { stack: "staging" })).toMatchObject({
      enforcementLevel: "advisory",
    });
    expect(await packWith(entry("docu*", "2026-10-31"), { allowBroad: true })).toMatchObject({
      enforcementLevel: "advisory",
    });
    expect(broadWaiversAllowed({ SCW_INFRA_ALLOW_BROAD_WAIVERS: "true" })).toBe(true);
    expect(broadWaiversAllowed({})).toBe(false);
  });

  it("does not apply a waiver expiring beyond the 180-day horizon", async () => {
    const finding = await packWith(entry("documentation", "2027-06-01"));
    expect(finding).toMatchObject({ status: "fail", enforcementLevel: "mandatory" });
    expect(finding?.message).toContain("beyond the 180-day horizon");
  });

  it("reads waivers.yaml at the project root unless SCW_INFRA_WAIVERS_FILE says otherwise", () => {
    expect(waiversFilePath({})).toMatch(/\/waivers\.yaml$/);
    expect(waiversFilePath({})).not.toContain("/policies/");
    expect(waiversFilePath({ SCW_INFRA_WAIVERS_FILE: "/tmp/w.yaml" })).toBe("/tmp/w.yaml");
  });
});
