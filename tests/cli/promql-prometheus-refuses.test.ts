// ALR-5: a query Prometheus's own parser refuses, although the lezer grammar accepts it, is invalid
// input (exit 2, INFRA_001 at conditions.query) for `plan` and `validate stack`, never a PASS:
// two offsets on one selector, a negative or zero range, a duration without a unit, a modifier on
// something other than a selector or a subquery.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, errorResponseIn, runCli } from "./validate-support";

const SELECTOR = `serverless_container_status{resource_name=~"production-documentation(-green|-canary)?",status="error"}`;

function stackWithQuery(query: string): string {
  const text = readFileSync(join(REPO_ROOT, "Pulumi.production.yaml"), "utf8");
  const original = `query: '${SELECTOR} >= 1'`;
  if (!text.includes(original))
    throw new Error("the production stack no longer has the query this test edits");
  const file = join(mkdtempSync(join(tmpdir(), "promql-cli-")), "Pulumi.production.yaml");
  writeFileSync(file, text.replace(original, `query: '${query}'`));
  return file;
}

describe.each([
  ["two offsets", `${SELECTOR} offset 5m offset 5m >= 1`, "offset may not be set multiple times"],
  ["a negative range", `rate(${SELECTOR}[-5m]) >= 1`, 'the range "-5m" must be a positive duration'],
  ["a zero range", `rate(${SELECTOR}[0s]) >= 1`, 'the range "0s" must be greater than 0'],
  ["a range without a unit", `rate(${SELECTOR}[5]) >= 1`, 'the range "5" needs a unit character'],
  ["two @ modifiers", `${SELECTOR} @ 1 @ 2 >= 1`, "@ <timestamp> may not be set multiple times"],
  ["an offset on an aggregation", `max(${SELECTOR}) offset 5m >= 1`, "modifiers must follow"],
])("a query with %s", (_what, query, message) => {
  it.each([
    ["plan", ["plan", "--stack", "production", "--config-file"]],
    ["validate stack", ["validate", "stack", "--stack", "production"]],
  ])("%s refuses it with exit 2 and INFRA_001 at conditions.query", async (_command, argv) => {
    const run = await runCli([...argv, stackWithQuery(query)]);
    expect(run.code).toBe(2);
    expect(run.stdout).not.toMatch(/PASS\s+ALR-5/);
    const error = errorResponseIn(run.stderr);
    expect(error.code).toBe("INFRA_001");
    const problems = (error.details as { problems: Record<string, unknown>[] }).problems;
    expect(problems).toEqual([
      expect.objectContaining({
        rule: "ALR-5",
        path: "/0/conditions/query",
        configKey: "scaleway-infra:alerts",
      }),
    ]);
    expect(problems[0].message).toContain(message);
  });
});
