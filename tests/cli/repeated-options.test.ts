// A single-value option given twice is refused (INFRA_001, exit 2): Node's parseArgs keeps the last
// one silently, so `plan --stack production --stack staging` planned staging and passed (second
// adversarial pass).
import { runCli } from "../plan/cli-harness";

describe("an option given twice", () => {
  it.each([
    ["plan", ["plan", "--stack", "production", "--stack", "staging"]],
    ["plan (short and long form)", ["plan", "-s", "production", "--stack", "staging"]],
    [
      "scan",
      ["scan", "tests/fixtures/scan/production-compliant.stack.json", "--format", "json", "--format", "text"],
    ],
    ["alerts", ["alerts", "--stack", "production", "--stack", "staging"]],
    ["validate", ["validate", "stack", "Pulumi.staging.yaml", "-s", "staging", "-s", "production"]],
    ["deploy", ["deploy", "--request", "a.yaml", "--request", "b.yaml"]],
  ])("is refused by %s with INFRA_001 naming it", async (_, argv) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr + run.stdout).toMatch(
      /INFRA_001[\s\S]*Option --(stack|format|request) is given more than once/,
    );
  });

  it("keeps repeatable options repeatable (audit --state twice is not refused for repeating)", async () => {
    const run = await runCli([
      "audit",
      "--env",
      "production",
      "--state",
      "missing-a.json",
      "--state",
      "missing-b.json",
    ]);
    expect(run.stderr + run.stdout).not.toMatch(/more than once/);
    expect(run.code).not.toBe(0);
  });
});
