// Issue 11 §3 at the command line: `plan` and `scan` redact every input value in every format by
// default; `--show-values` shows plain values, and is refused (INFRA_001, exit 2) when CI is set.
import { join } from "node:path";
import { REPORT_FORMATS } from "../../cli/report";
import { runCli } from "../plan/cli-harness";

const ROOT = join(__dirname, "..", "..");
const EXPORT = "tests/fixtures/scan/production-compliant.stack.json";
/** An input value of the export above that no detector would flag. */
const PLAIN_VALUE = "containers of the private network";

describe("input values at the command line", () => {
  it.each(REPORT_FORMATS)("scan --format %s prints no input value by default", async (format) => {
    const run = await runCli(["scan", EXPORT, "--format", format], { cwd: ROOT });
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).not.toContain(PLAIN_VALUE);
    expect(run.stdout).not.toContain("rg.fr-par.scw.cloud/scaleway-infra/documentation@sha256");
  });

  it("scan --show-values shows plain values outside CI", async () => {
    const run = await runCli(["scan", EXPORT, "--format", "json", "--show-values"], { cwd: ROOT });
    expect(run.stdout).toContain(PLAIN_VALUE);
    expect(JSON.parse(run.stdout)).toMatchObject({ inputValues: "shown" });
  });

  it.each([
    ["scan", ["scan", EXPORT, "--format", "json", "--show-values"]],
    ["plan", ["plan", "--stack", "staging", "--show-values"]],
  ])("%s --show-values is refused with INFRA_001 when CI is set", async (_label, argv) => {
    const run = await runCli(argv, { cwd: ROOT, env: { CI: "true" } });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain("INFRA_001");
    expect(run.stdout + run.stderr).toContain("--show-values");
    expect(run.stdout).not.toContain(PLAIN_VALUE);
  });

  it("plan --format json prints no input value by default", async () => {
    const run = await runCli(["plan", "--stack", "staging", "--format", "json"], { cwd: ROOT });
    const report = JSON.parse(run.stdout) as { inputValues: string; resources: { inputs: object }[] };
    expect(report.inputValues).toBe("redacted");
    const inputs = JSON.stringify(report.resources.map((r) => r.inputs));
    expect(inputs).not.toMatch(/[:[,](?:-?\d|true|false)/);
    const leaves = inputs.match(/"(?:[^"\\]|\\.)*"(?=[,\]}])/g) ?? [];
    expect(leaves.filter((leaf) => !/^"\[(?:redacted|secret|unknown)\]"$/.test(leaf))).toEqual([]);
  });
});
