// Issue 11 §8: a Secret Manager version whose `data` a state export holds as a plain string (not a
// Pulumi secret) is flagged under SEC-3 by `scw-infra scan`, under both type tokens, in every report
// format, without the payload ever being printed; a payload stored as a secret passes. A database
// password is the same class.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPORT_FORMATS } from "../../cli/report";
import { runCli } from "./cli-harness";

const PAYLOAD = "cG9zdGdyZXM6Ly9hcHA6WnE4LXJhbmRvbS1wYXNzQGRiL2FwcA==";
const SECRET_SIGNATURE = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const STACK_URN = "urn:pulumi:production::scaleway-infra::pulumi:pulumi:Stack::scaleway-infra-production";

function exportWith(type: string, data: unknown, inputs?: Record<string, unknown>): string {
  const name = "production-documentation-database_url-v1";
  const version = {
    urn: `urn:pulumi:production::scaleway-infra::${type}::${name}`,
    custom: true,
    id: "fr-par/11111111-2222-4333-8444-555555555555/1",
    type,
    inputs: inputs ?? { secretId: "fr-par/11111111-2222-4333-8444-555555555555", data, region: "fr-par" },
    outputs: { revision: "1", status: "enabled" },
    parent: STACK_URN,
  };
  const stack = { urn: STACK_URN, custom: false, type: "pulumi:pulumi:Stack" };
  const file = join(mkdtempSync(join(tmpdir(), "scan-")), "state.json");
  writeFileSync(file, JSON.stringify({ version: 3, deployment: { resources: [stack, version] } }, null, 2));
  return file;
}

const TYPES = ["scaleway:secrets/version:Version", "scaleway:index/secretVersion:SecretVersion"];

describe("scan: a secret version's payload in clear in state", () => {
  it.each(TYPES)("fails SEC-3 for a plain `data` under %s, and never prints it", async (type) => {
    const file = exportWith(type, PAYLOAD);
    for (const format of REPORT_FORMATS) {
      const run = await runCli(["scan", file, "--format", format]);
      expect([format, run.code]).toEqual([format, 1]);
      expect(run.stdout + run.stderr).not.toContain(PAYLOAD);
      expect([format, run.stdout.includes("is not a Pulumi secret")]).toEqual([format, true]);
    }
    const json = JSON.parse((await runCli(["scan", file, "--format", "json", "--show-values"])).stdout) as {
      rules: { ruleId: string; status: string }[];
    };
    expect(json.rules.find((r) => r.ruleId === "SEC-3")?.status).toBe("fail");
    expect(json.rules.find((r) => r.ruleId === "SECU-1")?.status).toBe("fail");
  });

  it.each(TYPES)("passes a `data` stored as a Pulumi secret under %s", async (type) => {
    const file = exportWith(type, { ...SECRET_SIGNATURE, ciphertext: "AAABAGV4YW1wbGUtY2lwaGVydGV4dA==" });
    const run = await runCli(["scan", file, "--format", "json"]);
    const report = JSON.parse(run.stdout) as { findings: { policy: string }[] };
    expect(report.findings.filter((f) => f.policy === "secret-inputs-stored-as-secrets")).toEqual([]);
  });
});

describe("scan: a database user's password in clear in state (a sibling)", () => {
  it("fails SEC-3 and never prints the password", async () => {
    const file = exportWith("scaleway:databases/user:User", undefined, {
      instanceId: "fr-par/11111111-2222-4333-8444-555555555555",
      name: "app",
      password: PAYLOAD,
      region: "fr-par",
    });
    const run = await runCli(["scan", file, "--format", "json", "--show-values"]);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain(PAYLOAD);
    const report = JSON.parse(run.stdout) as { findings: { policy: string; message: string }[] };
    expect(report.findings.find((f) => f.policy === "secret-inputs-stored-as-secrets")?.message).toMatch(
      /`password` of .* is not a Pulumi secret/,
    );
  });
});
