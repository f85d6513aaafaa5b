// `plan --format markdown|junit` on an invalid stack writes the error in that format (issue 11 §8),
// as SARIF already did: a PR comment or test report saying what is wrong and where, with exit 2.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../plan/cli-harness";

function invalidProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-invalid-"));
  fs.copyFileSync("Pulumi.yaml", path.join(dir, "Pulumi.yaml"));
  const production = fs
    .readFileSync("Pulumi.production.yaml", "utf8")
    .replace("high_availability: true", "high_availability: false");
  fs.writeFileSync(path.join(dir, "Pulumi.production.yaml"), production);
  return dir;
}

describe("plan on an invalid stack, in every report format", () => {
  it("writes a Markdown report of the problems to --output, and exits 2", async () => {
    const dir = invalidProject();
    const run = await runCli(
      ["plan", "--stack", "production", "--format", "markdown", "--output", "plan.md"],
      { cwd: dir },
    );
    expect(run.code).toBe(2);
    const markdown = fs.readFileSync(path.join(dir, "plan.md"), "utf8");
    expect(markdown).toContain("INFRA_001");
    expect(markdown).toMatch(/\| DB-2 \| `[^`]*Pulumi\.production\.yaml:\d+ /);
  });

  it("writes a JUnit report with one failure per problem to stdout, and exits 2", async () => {
    const dir = invalidProject();
    const run = await runCli(["plan", "--stack", "production", "--format", "junit"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^<\?xml/);
    expect(run.stdout).toMatch(
      /<testcase name="DB-2 [^"]*Pulumi\.production\.yaml:\d+[^"]*"[^>]*>\s*<failure message="[^"]*high_availability/,
    );
    expect(run.stderr).toContain("INFRA_001");
  });
});
