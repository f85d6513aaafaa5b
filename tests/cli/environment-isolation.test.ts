// OPS-1 across stack files (issue 11 §7): validate stack, validate stack <folder> and plan compare
// every Pulumi.<stack>.yaml of the project; staging and production sharing a project ID, state
// bucket, registry namespace, private network or secret path is INFRA_001 naming both files and lines.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../plan/cli-harness";

const STAGING = fs.readFileSync("Pulumi.staging.yaml", "utf8");
const PRODUCTION = fs.readFileSync("Pulumi.production.yaml", "utf8");
const STAGING_PROJECT = /project_id: (\S+)/.exec(STAGING)?.[1] ?? "";
const PRODUCTION_PROJECT = /project_id: (\S+)/.exec(PRODUCTION)?.[1] ?? "";

function project(production: string, staging = STAGING): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-"));
  fs.copyFileSync("Pulumi.yaml", path.join(dir, "Pulumi.yaml"));
  fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), staging);
  fs.writeFileSync(path.join(dir, "Pulumi.production.yaml"), production);
  return dir;
}

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("environment isolation across stack files", () => {
  it("has two different project IDs in the shipped stack files (the baseline)", () => {
    expect(STAGING_PROJECT).not.toBe("");
    expect(STAGING_PROJECT).not.toBe(PRODUCTION_PROJECT);
  });

  // A shared state bucket or secret name is refused by one file alone (STA-2, SEC-1: names carry
  // their environment), so only identifiers no single-file rule ties to an environment are here.
  const cases: Array<[string, (text: string) => string, string]> = [
    ["project ID", (t) => t.replaceAll(PRODUCTION_PROJECT, STAGING_PROJECT), "project_id:"],
    [
      "registry namespace",
      (t) => t.replaceAll("scaleway-infra-production/", "scaleway-infra-staging/"),
      "scaleway-infra-staging/documentation",
    ],
  ];

  it.each(cases)("validate stack refuses production sharing staging's %s", async (kind, change, needle) => {
    const production = change(PRODUCTION);
    const dir = project(production);
    const run = await runCli(["validate", "stack", "Pulumi.production.yaml", "--format", "json"], {
      cwd: dir,
    });
    expect(run.code).toBe(2);
    const error = JSON.parse(run.stdout) as {
      code: string;
      details: { problems: Array<Record<string, unknown>> };
    };
    expect(error.code).toBe("INFRA_001");
    const problem = error.details.problems.find((p) => String(p.message).includes(`share the ${kind}`));
    expect(problem).toMatchObject({
      rule: "OPS-1",
      file: "Pulumi.production.yaml",
      line: lineOf(production, needle),
    });
    expect(String(problem?.message)).toContain("Pulumi.staging.yaml:");
  });

  it("validate stack <folder> checks every stack file and refuses a shared project ID", async () => {
    const dir = project(PRODUCTION.replaceAll(PRODUCTION_PROJECT, STAGING_PROJECT));
    const run = await runCli(["validate", "stack", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("share the project ID");
  });

  it("validate stack <folder> passes on the shipped stack files", async () => {
    const run = await runCli(["validate", "stack", "."]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("2 stack file(s) valid and isolated");
  });

  it("plan refuses a production stack using the staging project ID", async () => {
    const dir = project(PRODUCTION.replaceAll(PRODUCTION_PROJECT, STAGING_PROJECT));
    const run = await runCli(["plan", "--stack", "production", "--format", "json"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ code: "INFRA_001" });
    expect(run.stdout).toContain("share the project ID");
  }, 60_000);
});
