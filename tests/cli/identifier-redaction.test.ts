// Issue 11 "no value echoed": a resource named by a credential (a container whose name is a pasted
// GitHub token) prints `[redacted github-token]` in every identifier a report shows (tree, RESOURCE
// column, URNs, SARIF locations, JUnit names, HTML), with or without `--show-values`.
import { join } from "node:path";
import { REPORT_FORMATS } from "../../cli/report";
import { redactCredentialsInIdentifier } from "../../cli/report/identifiers";
import { runCli } from "../plan/cli-harness";

const ROOT = join(__dirname, "..", "..");
const FIXTURE = "tests/fixtures/scan/identifier-token/token-named-container.json";

describe("a resource named by a credential", () => {
  it.each(REPORT_FORMATS.flatMap((format) => [[format, false] as const, [format, true] as const]))(
    "scan --format %s (show values: %s) prints the marker, never the token",
    async (format, showValues) => {
      const args = ["scan", FIXTURE, "--format", format, ...(showValues ? ["--show-values"] : [])];
      const run = await runCli(args, { cwd: ROOT });
      expect(run.stdout + run.stderr).not.toContain("CANARY");
      expect(run.stdout).toContain("[redacted github-token]");
    },
  );

  it("the text report's tree and RESOURCE column show the marker", async () => {
    const run = await runCli(["scan", FIXTURE, "--format", "text"], { cwd: ROOT });
    expect(run.stdout).toContain("scaleway:containers:Container  [redacted github-token]");
    expect(run.stdout).toMatch(/FAIL\s+CTR-7\s+\[redacted github-token\]/);
  });
});

describe("redactCredentialsInIdentifier", () => {
  const token = "ghp_" + "CANARYg1k8Qz3RmW5tYp2Lx9Vn4Bc7HdJf6s";
  it("redacts the token inside a URN and keeps the rest", () => {
    expect(
      redactCredentialsInIdentifier(
        `urn:pulumi:production::scaleway-infra::scaleway-infra:x$scaleway:containers/container:Container::${token}`,
      ),
    ).toBe(
      "urn:pulumi:production::scaleway-infra::scaleway-infra:x$scaleway:containers/container:Container::[redacted github-token]",
    );
  });
  it("leaves ordinary names alone", () => {
    expect(redactCredentialsInIdentifier("main-production-acl")).toBe("main-production-acl");
    expect(redactCredentialsInIdentifier("urn:pulumi:production::p::a:b:C::docs")).toBe(
      "urn:pulumi:production::p::a:b:C::docs",
    );
  });
});
