// Issue 11 "no value echoed": an error about a file never prints the file's content. Names of fields
// are shown only when they look like field names (and are no credential); parse errors give the
// line, the column and the kind of character, never the characters.
import { join } from "node:path";
import { runCli } from "../plan/cli-harness";

const ROOT = join(__dirname, "..", "..");
const FIXTURES = "tests/fixtures/no-echo";

describe("no file content in errors", () => {
  it("image-spec --read of a shadow-format file prints none of its lines", async () => {
    const run = await runCli(["image-spec", "--read", `${FIXTURES}/shadow-like`], { cwd: ROOT });
    expect(run.code).toBe(2);
    const out = run.stdout + run.stderr;
    expect(out).toContain("INFRA_001");
    expect(out).not.toMatch(/root|daemon|FAKEHASH|20228/);
    expect(out).toContain("(a field whose name is not shown) is not a field of this contract");
  });

  it("validate prints no credential-shaped key, but names a misspelt field", async () => {
    const run = await runCli(["validate", "image", `${FIXTURES}/credential-keys.yaml`], { cwd: ROOT });
    expect(run.code).toBe(2);
    const out = run.stdout + run.stderr;
    expect(out).not.toMatch(/ghp_|CANARY|postgres:/);
    expect(out).toContain("registri is not a field of this contract");
  });

  it("scan of a non-JSON file says where, not what", async () => {
    const run = await runCli(["scan", `${FIXTURES}/environ`], { cwd: ROOT });
    expect(run.code).toBe(2);
    const out = run.stdout + run.stderr;
    expect(out).not.toMatch(/IS_SANDBOX|CANARY|HOME/);
    expect(out).toContain("not valid JSON at line 1, column 1: unexpected letter");
  });

  it("scan of broken JSON names line and column", async () => {
    const run = await runCli(["scan", `${FIXTURES}/bad-comma.json`], { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain('line 2, column 14: unexpected JSON punctuation (",")');
  });

  it("a broken --policy-pack-config is not quoted", async () => {
    const run = await runCli(
      [
        "scan",
        "tests/fixtures/scan/production-compliant.stack.json",
        "--policy-pack-config",
        `${FIXTURES}/bad-policy-config.json`,
      ],
      { cwd: ROOT },
    );
    expect(run.code).toBe(2);
    const out = run.stdout + run.stderr;
    expect(out).not.toContain("CANARY");
    expect(out).toContain("line 2, column 2: unexpected letter");
  });

  it("a --policy-pack-config key shaped like a token is not printed", async () => {
    const run = await runCli(
      [
        "scan",
        "tests/fixtures/scan/production-compliant.stack.json",
        "--policy-pack-config",
        `${FIXTURES}/policy-config-keys.json`,
      ],
      { cwd: ROOT },
    );
    expect(run.code).toBe(2);
    const out = run.stdout + run.stderr;
    expect(out).not.toContain("ghp_");
    expect(out).toContain("the pack has no policy (a field whose name is not shown)");
    expect(out).toContain('the pack has no policy \"databse-acl\"');
  });

  it("validate stack prints no token-shaped or shadow-line key of a contract document", async () => {
    const run = await runCli(["validate", "stack", `${FIXTURES}/Pulumi.staging.yaml`], { cwd: ROOT });
    expect(run.code).toBe(2);
    const out = run.stdout + run.stderr;
    expect(out).not.toMatch(/ghp_|root:|20228/);
    expect(out).toContain("environment.(a field whose name is not shown) is not a field of this contract");
  });

  it("a waiver field shaped like a token is not printed", async () => {
    const run = await runCli(
      [
        "scan",
        "tests/fixtures/scan/production-compliant.stack.json",
        "--waivers",
        `${FIXTURES}/waivers.yaml`,
      ],
      { cwd: ROOT },
    );
    expect(run.code).toBe(2);
    const out = run.stdout + run.stderr;
    expect(out).not.toContain("ghp_");
    expect(out).toContain("unknown waiver field (a field whose name is not shown)");
  });
});
