// The traceability promise, machine-checked: every catalog rule has an enforcer (derived from the
// registries, or a listed module that really cites it), every rule a registry cites is in the
// catalog, every preview rule has a policy, every rule is cited by a test, and the table of
// docs/traceability.md is the one generated from all this.
import * as fs from "node:fs";
import * as path from "node:path";
import { STACK_CHECKS } from "@scaleway-infra/contracts/config/validate-stack";
import { SHAPE_RULE } from "@scaleway-infra/contracts/schemas/error-response";
import { CONTRACT_RULES, isRuleId, previewRuleIds } from "@scaleway-infra/contracts/rules/catalog";
import {
  citesRule,
  enforcerMap,
  LISTED_ENFORCERS,
  PASS_FAIL_TESTS,
  passFailTests,
  PROJECT_ROOT,
  renderTraceabilityTable,
  rulesWithoutEnforcer,
  testFiles,
  testFilesCiting,
  withCurrentTraceabilityTable,
  type Enforcer,
} from "../../cli/traceability/traceability";

const TRACEABILITY_DOC = path.join(PROJECT_ROOT, "docs", "traceability.md");

describe("rule traceability", () => {
  it("finds an enforcer for every rule ID of the catalog", () => {
    expect(rulesWithoutEnforcer()).toEqual([]);
  });

  it("reports a catalog rule that nothing enforces", () => {
    const map = new Map<string, Enforcer[]>(enforcerMap());
    map.delete("ENV-5");
    expect(rulesWithoutEnforcer(map)).toEqual(["ENV-5"]);
  });

  it("cites only catalog rule IDs (besides the schemas' shape rule) in every registry", () => {
    const unknown = [...enforcerMap().keys()].filter((id) => id !== SHAPE_RULE && !isRuleId(id));
    expect(unknown).toEqual([]);
  });

  it("has a policy for every rule the catalog marks preview", () => {
    const map = enforcerMap();
    const withoutPolicy = previewRuleIds().filter(
      (id) => !(map.get(id) ?? []).some((enforcer) => enforcer.kind === "policy"),
    );
    expect(withoutPolicy).toEqual([]);
  });

  it("shows every rule passing and failing, naming it, in a test of each registry that enforces it", () => {
    const map = enforcerMap();
    const unnamed = CONTRACT_RULES.flatMap((rule) =>
      passFailTests(rule.id, map.get(rule.id) ?? [])
        .filter((t) => !t.namesRule)
        .map((t) => `${rule.id} ${t.file}`),
    );
    // Known gaps: these tests show the failure by its INFRA code or outcome without naming the rule
    // (the health probe's own tests, a rollback, an engine error's code); the rule is named in
    // another test of the same enforcer (deploy-command, error-response, summary-rules).
    expect(unnamed).toEqual([
      "CTR-5 tests/deploy/health-check.test.ts",
      "OPS-3 tests/deploy/fault-injection.test.ts",
      "ERR-2 tests/deploy/engine-errors.test.ts",
    ]);
  });

  it.each(Object.values(PASS_FAIL_TESTS).concat(LISTED_ENFORCERS.flatMap((e) => e.tests)))(
    "names %s as a pass/fail test, which exists",
    (file) => {
      expect(fs.existsSync(path.join(PROJECT_ROOT, file))).toBe(true);
    },
  );

  it.each(LISTED_ENFORCERS.map((e) => [e.rule, e.module] as const))(
    "lists %s under %s, a module that exists and cites the rule",
    (rule, module) => {
      const source = fs.readFileSync(path.join(PROJECT_ROOT, module), "utf8");
      expect(source).toMatch(new RegExp(`\\b${rule}\\b`));
    },
  );

  it("finds at least one test file citing every rule ID of the catalog", () => {
    const files = testFiles().filter((f) => f !== "tests/rules/traceability.test.ts");
    const uncited = CONTRACT_RULES.map((r) => r.id).filter((id) => testFilesCiting(id, files).length === 0);
    expect(uncited).toEqual([]);
  });

  it("has a failing case in tests/config/validate-stack.test.ts for the rule of every stack check", () => {
    const source = fs.readFileSync(path.join(PROJECT_ROOT, "tests/config/validate-stack.test.ts"), "utf8");
    const missing = STACK_CHECKS.map((check) => check.rule).filter((id) => !source.includes(`rule: "${id}"`));
    expect(missing).toEqual([]);
  });

  it("tells CTR-1 from CTR-10 and SEC-1 from SECU-1 when it looks for citations", () => {
    expect(citesRule('rule: "CTR-1",', "CTR-1")).toBe(true);
    expect(citesRule("CTR-10", "CTR-1")).toBe(false);
    expect(citesRule("SECU-1", "SEC-1")).toBe(false);
    expect(citesRule("XCTR-1", "CTR-1")).toBe(false);
    expect(citesRule("// checks CTR-1\n * and CTR-1\nconst x = 1;", "CTR-1")).toBe(false);
  });

  it("is the table of docs/traceability.md (run `node cli/run-ts.js scripts/generate-traceability.ts`)", () => {
    const document = fs.readFileSync(TRACEABILITY_DOC, "utf8");
    expect(withCurrentTraceabilityTable(document)).toBe(document);
  });

  it("has one row per catalog rule, and no row without an enforcer or a test", () => {
    const rows = renderTraceabilityTable()
      .split("\n")
      .filter((line) => /^\| [A-Z]+-\d+ \|/.test(line));
    expect(rows.map((row) => row.split(" | ")[0].slice(2))).toEqual(CONTRACT_RULES.map((r) => r.id));
    expect(rows.filter((row) => row.includes("**none**"))).toEqual([]);
  });
});
