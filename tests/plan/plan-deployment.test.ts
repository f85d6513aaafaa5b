// The offline plan of a stack in the middle of a blue/green or canary deployment: the shipped stack
// file plus a `scaleway-infra:deployment` block. The copies pass the policy pack (OPS-4 included: they
// carry their service's tag), are located at their `copies[i]` entry, and are checked like services.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readStackFile } from "@scaleway-infra/contracts/config/stack-file";
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import { locateFindings } from "../../cli/plan/config-sources";
import { evaluateCompliance } from "../../cli/plan/evaluate";
import { planContracts, PROJECT_ROOT } from "../../cli/plan/plan-stack";
import { runCli } from "./cli-harness";

const DIGEST = `sha256:${"ef".repeat(32)}`;

function copyBlock(stack: string, strategy: string, slot: string, traffic: string, single: boolean): string {
  const copies = ["documentation", "streamlit"].flatMap((service) => [
    `      - service: ${service}`,
    `        slot: ${slot}`,
    `        image: rg.fr-par.scw.cloud/scaleway-infra-${stack}/${service}:9.9.9@${DIGEST}`,
    `        single_instance: ${single}`,
  ]);
  return [
    "  scaleway-infra:deployment:",
    `    deployment_id: ${stack}-20261127T100000Z-abc123`,
    `    strategy: ${strategy}`,
    `    traffic: ${traffic}`,
    "    copies:",
    ...copies,
    "",
  ].join("\n");
}

/** A copy of the shipped Pulumi.<stack>.yaml with a deployment block, outside the repository. */
function stackFileWith(stack: string, block: string): string {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-deployment-")), `Pulumi.${stack}.yaml`);
  fs.writeFileSync(file, `${text.trimEnd()}\n${block}`);
  return file;
}

interface JsonPlan {
  exitCode: number;
  summary: { mandatoryViolations: number; advisoryViolations: number };
  rules: Array<{ ruleId: string; status: string }>;
  resources: Array<{ type: string; name: string; source?: { configKey?: string; pointer?: string } }>;
}

async function planJson(stack: string, file: string): Promise<{ code: number; plan: JsonPlan }> {
  const run = await runCli(["plan", "--stack", stack, "--config-file", file, "--format", "json"]);
  return { code: run.code, plan: JSON.parse(run.stdout) as JsonPlan };
}

describe("scw-infra plan with a scaleway-infra:deployment block", () => {
  it("passes the policy pack in production with green copies that hold the custom domains", async () => {
    const file = stackFileWith("production", copyBlock("production", "blue_green", "green", "copy", false));
    const { code, plan } = await planJson("production", file);
    expect(code).toBe(0);
    expect(plan.summary).toMatchObject({ mandatoryViolations: 0, advisoryViolations: 0 });
    expect(plan.rules.filter((r) => r.status === "fail")).toEqual([]);
    expect(plan.rules.find((r) => r.ruleId === "OPS-4")?.status).toBe("pass");
    const containers = plan.resources.filter((r) => r.type === "scaleway:containers/container:Container");
    expect(containers.map((c) => c.name).sort()).toEqual([
      "production-documentation",
      "production-documentation-green",
      "production-runners",
      "production-streamlit",
      "production-streamlit-green",
    ]);
    expect(containers.find((c) => c.name === "production-streamlit-green")?.source).toMatchObject({
      configKey: "scaleway-infra:deployment",
      pointer: "/copies/1",
    });
  });

  it("passes the policy pack in staging with single-instance canaries", async () => {
    const file = stackFileWith("staging", copyBlock("staging", "canary", "canary", "service", true));
    const { code, plan } = await planJson("staging", file);
    expect(code).toBe(0);
    expect(plan.resources.map((r) => r.name)).toContain("staging-documentation-canary");
  });

  it("refuses a single-instance production canary with INFRA_001 (CTR-4), exit 2", async () => {
    const file = stackFileWith("production", copyBlock("production", "canary", "canary", "service", true));
    const run = await runCli(["plan", "--stack", "production", "--config-file", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\[CTR-4\].*copies\/0\/single_instance/);
  });

  it("checks a copy with the policy pack like a service: a one-instance production copy fails CTR-4 at its entry", async () => {
    const file = stackFileWith(
      "production",
      copyBlock("production", "blue_green", "green", "service", false),
    );
    const input = readStackFile(file, { stack: "production" });
    const contracts = structuredClone(validateStack(input));
    // What a program bug would do: validation passed, the copy is built with one instance anyway.
    if (contracts.deployment) contracts.deployment.copies[0].single_instance = true;
    const planned = await planContracts({ stack: "production", stackFile: file, input, contracts });
    const { report } = await evaluateCompliance({
      resources: planned.resources,
      stack: "production",
      environment: "production",
      source: "plan",
      configValidated: true,
      strict: false,
      cwd: fs.mkdtempSync(path.join(os.tmpdir(), "plan-")),
      locateFindings: (findings) =>
        locateFindings(findings, planned.resources, planned.contracts, planned.input),
    });
    const failing = report.findings.filter((f) => f.status === "fail" && f.ruleIds.includes("CTR-4"));
    expect(failing.map((f) => f.resourceName)).toEqual(["production-documentation-green"]);
    expect(failing[0].source).toMatchObject({
      configKey: "scaleway-infra:deployment",
      pointer: "/copies/0/single_instance",
    });
  });
});
