// Issue 11 "no value echoed": a domain pasted with credentials (`user:password@host`, a URL whose
// scheme was left out) is refused by CTR-8 and SEC-3 without the value in the message, in any output of
// `validate stack` and `plan`.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, errorResponseIn, runCli } from "./validate-support";

const CANARY = "CANARY" + "i1dom";

function stackWithDomain(domain: string): string {
  const text = readFileSync(join(REPO_ROOT, "Pulumi.production.yaml"), "utf8");
  const original = "          - docs.example.gouv.fr\n";
  if (!text.includes(original))
    throw new Error("the production stack no longer has the domain this test edits");
  const file = join(mkdtempSync(join(tmpdir(), "domain-echo-")), "Pulumi.production.yaml");
  writeFileSync(file, text.replace(original, `          - ${domain}\n`));
  return file;
}

describe("a domain with user:password@", () => {
  it.each([
    ["validate stack", ["validate", "stack", "--stack", "production"]],
    ["validate stack --format json", ["validate", "stack", "--stack", "production", "--format", "json"]],
    ["plan", ["plan", "--stack", "production", "--config-file"]],
  ])("%s refuses it (CTR-8) and never prints the password", async (_command, argv) => {
    const run = await runCli([...argv, stackWithDomain(`user:${CANARY}@docs.example.gouv.fr`)]);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).not.toContain(CANARY);
    const problems = (
      errorResponseIn(run.stderr.includes("{") ? run.stderr : run.stdout).details as {
        problems: Record<string, unknown>[];
      }
    ).problems;
    // CTR-8 (not a DNS name) and SEC-3 (a plaintext credential in a stack file), neither quoting it.
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: "CTR-8", path: "/0/networking/domains/0" }),
        expect.objectContaining({ rule: "SEC-3", path: "/0/networking/domains/0", redacted: true }),
      ]),
    );
  });
});
