// `scw-infra validate <contract> <FILE>`: each example validates (exit 0); an invalid document
// exits 2 with the problems (file:line, rule, message, fix) and the error_response, on stderr, or
// on stdout with --format json; other failures exit 3.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONTRACT_NAMES } from "@scaleway-infra/contracts/documents/types";
import { schemaValidator } from "@scaleway-infra/contracts/documents/validator";
import { REPO_ROOT, STACK_TRACE, errorResponseIn, runCli } from "./validate-support";

const errorResponseValid = schemaValidator("error-response");

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "validate-cli-"));
}

describe("scw-infra validate", () => {
  it.each(CONTRACT_NAMES)("accepts examples/contracts/%s.yaml with exit 0", async (contract) => {
    const run = await runCli(["validate", contract, `examples/contracts/${contract}.yaml`]);
    expect(run).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^OK examples\/contracts\/.+: valid \w+ \(.+\)\.\n$/),
      stderr: "",
    });
  });

  it("accepts a JSON document", async () => {
    const dir = tempDir();
    const file = join(dir, "workflow.json");
    writeFileSync(
      file,
      JSON.stringify(
        {
          event: "push",
          branch: "main",
          environment: "staging",
          validation_required: true,
          approval_required: false,
        },
        null,
        2,
      ),
    );
    expect((await runCli(["validate", "workflow-trigger", "workflow.json"], dir)).code).toBe(0);
  });

  it("accepts a valid stack file and summarizes it", async () => {
    const run = await runCli(["validate", "stack", "tests/config/fixtures/Pulumi.production.yaml"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "OK tests/config/fixtures/Pulumi.production.yaml: stack production is valid (environment, state, database, 2 container(s), 2 secret(s), 2 alert(s)).\n",
    );
  });

  it("prints a JSON summary with --format json", async () => {
    const run = await runCli([
      "validate",
      "container",
      "examples/contracts/container.yaml",
      "--format",
      "json",
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      valid: true,
      contract: "container",
      file: "examples/contracts/container.yaml",
    });
  });

  it("exits 2 with file:line, rule, message and fix for an invalid document", async () => {
    const dir = tempDir();
    const text = readFileSync(join(REPO_ROOT, "examples/contracts/container.yaml"), "utf8").replace(
      "min_instances: 2",
      "min_instances: 1",
    );
    writeFileSync(join(dir, "container.yaml"), text);
    const run = await runCli(["validate", "container", "container.yaml"], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      "INFRA_001 Invalid configuration: The container_spec document in container.yaml is invalid: 1 problem.",
    );
    expect(run.stderr).toContain(
      "  - [CTR-4] container.yaml:6:18 /scaling/min_instances: scaling.min_instances must be at least 2 (got 1).",
    );
    expect(run.stderr).toContain(
      "      fix: In production, run at least 2 instance(s): raise scaling.min_instances.",
    );
    const response = errorResponseIn(run.stderr);
    expect(errorResponseValid(response)).toBe(true);
    expect(response.details).toEqual({
      problems: [expect.objectContaining({ rule: "CTR-4", file: "container.yaml", line: 6 })],
    });
  });

  it("prints only the error_response on stdout with --format json", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "state.yaml"),
      readFileSync(join(REPO_ROOT, "examples/contracts/state.yaml"), "utf8").replace(
        "locking:\n  enabled: true",
        "locking:\n  enabled: false",
      ),
    );
    const run = await runCli(["validate", "state", "state.yaml", "--format=json"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("");
    const response = JSON.parse(run.stdout) as {
      code: string;
      details: { problems: { rule: string; line: number }[] };
    };
    expect(errorResponseValid(response)).toBe(true);
    expect(response.code).toBe("INFRA_001");
    expect(response.details.problems).toEqual([expect.objectContaining({ rule: "STA-3", line: 9 })]);
  });

  it("exits 2 on a stack whose documents disagree, locating each problem", async () => {
    const dir = tempDir();
    const text = readFileSync(
      join(REPO_ROOT, "tests/config/fixtures/Pulumi.production.yaml"),
      "utf8",
    ).replace("  scaleway:region: fr-par", "  scaleway:region: nl-ams");
    writeFileSync(join(dir, "Pulumi.production.yaml"), text);
    const run = await runCli(["validate", "stack", "Pulumi.production.yaml", "--format", "json"], dir);
    expect(run.code).toBe(2);
    const response = JSON.parse(run.stdout) as { details: { problems: unknown[] } };
    expect(errorResponseValid(response)).toBe(true);
    expect(response.details.problems).toEqual([
      expect.objectContaining({
        rule: "ENV-4",
        configKey: "scaleway-infra:environment",
        path: "/scaleway/region",
        file: "Pulumi.production.yaml",
        line: 14,
      }),
      expect.objectContaining({
        rule: "ENV-4",
        path: "/scaleway/zone",
        line: 15,
        message: expect.stringContaining("zone fr-par-1 is not in region nl-ams"),
      }),
    ]);
  });

  it("takes the stack name from --stack for a file not named Pulumi.<stack>.yaml", async () => {
    const dir = tempDir();
    copyFileSync(join(REPO_ROOT, "tests/config/fixtures/Pulumi.production.yaml"), join(dir, "prod.yaml"));
    expect((await runCli(["validate", "stack", "prod.yaml", "--stack", "production"], dir)).code).toBe(0);
    expect((await runCli(["validate", "stack", "prod.yaml"], dir)).code).toBe(2);
  });

  it("prints its usage with --help", async () => {
    const run = await runCli(["validate", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("scw-infra validate <contract> <FILE>");
  });

  it("never prints a stack trace", async () => {
    const run = await runCli(["validate", "container", "examples/contracts/database.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });
});
