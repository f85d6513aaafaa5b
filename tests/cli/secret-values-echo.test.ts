// Issue 11 "no value echoed": a value the scanned state holds as a Pulumi secret (a `--show-secrets`
// plaintext envelope) never appears in any report format, even where a finding quotes it, and
// `--show-values` never prints a secret, a secret version's payload or a copy of one a finding names.
import { join } from "node:path";
import { REPORT_FORMATS } from "../../cli/report";
import { scrubSecretValues, type SecretValues } from "../../cli/report/secret-values";
import { runCli } from "../plan/cli-harness";

const ROOT = join(__dirname, "..", "..");
const FIXTURES = "tests/fixtures/scan/secret-echo";

describe("secret values in finding messages", () => {
  it.each(
    REPORT_FORMATS.flatMap((format) => [
      ["sec1.json", format],
      ["sec2.json", format],
    ]),
  )("scan %s --format %s quotes no secret value", async (file, format) => {
    const run = await runCli(["scan", `${FIXTURES}/${file}`, "--format", format], { cwd: ROOT });
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toContain("CANARY");
  });

  it("the finding still says what is wrong, with the value as [secret]", async () => {
    const run = await runCli(["scan", `${FIXTURES}/sec2.json`, "--format", "text"], { cwd: ROOT });
    expect(run.stdout).toContain("`isHaCluster` is [secret] in environment production");
    expect(run.stdout).toContain('`region` "[secret]" is outside the EU');
  });

  it.each(["sec1.json", "sec2.json", "plainver.json", "secretver.json"])(
    "scan %s --show-values prints no secret, payload or copy of a payload",
    async (file) => {
      const run = await runCli(["scan", `${FIXTURES}/${file}`, "--format", "json", "--show-values"], {
        cwd: ROOT,
      });
      expect(run.stdout).not.toMatch(/CANARY(?!F6user)/);
      expect(run.stdout).not.toContain("Q0FOQVJZUEFZ");
      expect(JSON.parse(run.stdout)).toMatchObject({ inputValues: "shown" });
    },
  );
});

describe("scrubSecretValues", () => {
  const secrets = (text: string, name: string): SecretValues => ({
    paths: new Map(),
    values: [{ text, names: [name] }],
  });

  it("scrubs a short value only where it stands as the value", () => {
    const s = secrets("1", "minScale");
    expect(scrubSecretValues("minScale is 1, below 2 (CTR-1, source 1.2)", s)).toBe(
      "minScale is [secret], below 2 (CTR-1, source 1.2)",
    );
    expect(scrubSecretValues('`minScale` "1" is not 2', s)).toBe('`minScale` "[secret]" is not 2');
  });

  it("scrubs a boolean after its input's name, not the word elsewhere", () => {
    const s = secrets("false", "isHaCluster");
    expect(scrubSecretValues("`isHaCluster` is false in production; set `isHaCluster: true`.", s)).toBe(
      "`isHaCluster` is [secret] in production; set `isHaCluster: true`.",
    );
    expect(scrubSecretValues("backups are false positives", s)).toBe("backups are false positives");
  });

  it("scrubs a long value anywhere, even inside a URL", () => {
    expect(
      scrubSecretValues("dsn postgres://u:hunter2hunter2@db/x", secrets("hunter2hunter2", "password")),
    ).toBe("dsn postgres://u:[secret]@db/x");
  });
});
