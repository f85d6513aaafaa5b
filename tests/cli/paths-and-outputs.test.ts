// Paths a user gives the CLI (issue 11 §5): `--stack` is a stack name in every command that takes
// it, and `--output` to a place that cannot be written fails at once with an INFRA code.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../plan/cli-harness";

const SCAN_FIXTURE = "tests/fixtures/scan/production-compliant.stack.json";

describe("--stack must be a stack name", () => {
  const badNames = [
    "../production",
    "a/b",
    "a\\b",
    ".",
    "..",
    "prod uction",
    "x".repeat(101),
    "st\u200back",
    "",
  ];

  it.each(badNames.filter((name) => name !== ""))(
    "plan refuses %j with exit 2 and INFRA_001",
    async (name) => {
      const run = await runCli(["plan", "--stack", name, "--format", "json"]);
      expect(run.code).toBe(2);
      const error = JSON.parse(run.stdout) as { code: string; message: string };
      expect(error.code).toBe("INFRA_001");
      expect(error.message).toContain("is not a stack name");
      // Invisible characters are shown escaped, never raw.
      expect(run.stdout).not.toContain("\u200b");
    },
  );

  it("scan refuses a stack name with a separator", async () => {
    const run = await runCli(["scan", SCAN_FIXTURE, "--stack", "../../etc"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("INFRA_001");
    expect(run.stderr).toContain("is not a stack name");
  });

  it("validate stack refuses a stack name with a separator", async () => {
    const run = await runCli(["validate", "stack", "Pulumi.staging.yaml", "--stack", "x/../../y"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is not a stack name");
  });

  it("accepts letters, digits, '-', '_' and '.'", async () => {
    const run = await runCli(["validate", "stack", "Pulumi.staging.yaml", "--stack", "staging"]);
    expect(run.code).toBe(0);
  });
});

// Every command that takes --stack refuses a value that is not a stack name before it reads anything
// (gate review §5: `alerts --stack ../x` answered INFRA_004, a file it had looked for).
describe.each([
  ["plan", (stack: string[]) => ["plan", ...stack]],
  ["scan", (stack: string[]) => ["scan", SCAN_FIXTURE, ...stack]],
  ["alerts", (stack: string[]) => ["alerts", ...stack]],
  ["alerts --test", (stack: string[]) => ["alerts", ...stack, "--test"]],
  ["alerts --config-file", (stack: string[]) => ["alerts", ...stack, "--config-file", "Pulumi.staging.yaml"]],
  ["validate stack", (stack: string[]) => ["validate", "stack", "Pulumi.staging.yaml", ...stack]],
  ["audit", (stack: string[]) => ["audit", ...stack]],
])("%s --stack", (_command, argv) => {
  it.each([
    ["--stack", "../x"],
    ["--stack", "../../etc/passwd"],
    ["--stack", "a/b"],
    ["-s", ".."],
    ["--stack", "st\u001b[31mack"],
    ["--stack", "x".repeat(101)],
  ])("refuses %s %j with exit 2 and INFRA_001", async (option, name) => {
    const run = await runCli(argv([option, name]), { env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("INFRA_001");
    expect(run.stderr).toContain("is not a stack name");
    expect(run.stderr).not.toContain("\u001b[31m");
  });

  it("refuses --stack=../x written with an equals sign", async () => {
    const run = await runCli(argv(["--stack=../x"]), { env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is not a stack name");
  });
});

describe("audit --env", () => {
  it.each(["../x", "production/..", "staging\u200b"])("refuses %j with exit 2 and INFRA_001", async (env) => {
    const run = await runCli(["audit", "--env", env], { env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("INFRA_001");
    expect(run.stderr).toContain("Unknown environment");
    expect(run.stderr).not.toContain("\u200b");
  });
});

describe("--output that cannot be written", () => {
  const scanTo = (output: string) => runCli(["scan", SCAN_FIXTURE, "--output", output, "--format", "json"]);

  // Before the fix this never returned: Node 20's recursive mkdir loops on /proc (ENOENT, EEXIST...).
  it("fails fast under /proc instead of hanging", async () => {
    const started = Date.now();
    const run = await scanTo("/proc/x/y.json");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ code: "INFRA_001" });
    expect(run.stdout).toContain("Cannot write the report to /proc/x/y.json (--output)");
  }, 10_000);

  // sysfs refuses to create files with EACCES whoever asks, root included, so this covers the
  // permission path without depending on the uid the tests run under.
  it("is INFRA_003 (exit 3) when the file system refuses permission", async () => {
    const run = await scanTo("/sys/scw-infra-report.json");
    expect(run.code).toBe(3);
    const error = JSON.parse(run.stdout) as { code: string; details: { errno: string } };
    expect(error.code).toBe("INFRA_003");
    expect(["EACCES", "EPERM"]).toContain(error.details.errno);
  }, 10_000);

  it("is INFRA_001 (exit 2) when a parent of the path is a file", async () => {
    const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "out-")), "a-file");
    fs.writeFileSync(blocker, "");
    const run = await scanTo(path.join(blocker, "deeper", "report.json"));
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ code: "INFRA_001", details: { errno: "ENOTDIR" } });
  });

  it("still creates missing folders for a writable path", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "out-")), "a", "b", "report.json");
    const run = await scanTo(out);
    expect(run.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, "utf8"))).toMatchObject({ source: expect.any(String) });
  });
});
