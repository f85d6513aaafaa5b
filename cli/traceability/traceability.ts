// Rule traceability: for every rule ID of the catalog, what enforces it and which test files cite it.
// Enforcers are derived from the real registries (the schemas' `x-rule` keywords, the document
// checks, the stack checks, the policy pack's tags, the summary relations of the compliance report),
// so that the map cannot drift from the code. Only the deployment workflow and the error type have no
// registry; their rules are listed here, and tests/rules/traceability.test.ts checks that each listed
// module really cites the rule. The table of docs/traceability.md is rendered from this map.
import * as fs from "node:fs";
import * as path from "node:path";
import { allPolicies } from "../../policies/all";
import { STACK_CHECKS } from "@scaleway-infra/contracts/config/validate-stack";
import { DOCUMENT_CHECKS } from "@scaleway-infra/contracts/documents/document-checks";
import { RULE_KEYWORD } from "@scaleway-infra/contracts/schemas/annotations";
import { CONTRACT_NAMES, type ContractName } from "@scaleway-infra/contracts/documents/types";
import { CONTRACT_SCHEMAS } from "@scaleway-infra/contracts/documents/validator";
import { DERIVED_RULES } from "../plan/rule-scope";
import { CONTRACT_RULES, type Decider } from "@scaleway-infra/contracts/rules/catalog";

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

/** What decides a rule (the rule book's `Decider`): derived here from the registries. */
export type EnforcerKind = Decider;

export interface Enforcer {
  kind: EnforcerKind;
  /** A contract name, a policy name, a module path, or the rule a summary stands for. */
  name: string;
}

export interface ListedEnforcer {
  rule: string;
  module: string;
  /** Test files that run the module on a passing and a failing case of the rule. */
  tests: readonly string[];
}

/**
 * Rules enforced by modules that have no registry to derive them from (the deployment workflow, the
 * error type), with the module that does it: the rule book's `workflow` entries.
 */
export const LISTED_ENFORCERS: readonly ListedEnforcer[] = CONTRACT_RULES.flatMap((rule) =>
  (rule.workflow ?? []).map((enforcer) => ({
    rule: rule.id,
    module: enforcer.module,
    tests: enforcer.tests,
  })),
);

/**
 * The test file that shows every rule of an enforcer kind passing and failing, the failure naming
 * the rule. Each holds a coverage test over its registry (tests/contracts/rules.test.ts: every `x-rule`
 * and document check; policy-rules: every policy; summary-rules: every summary relation), and
 * tests/rules/traceability.test.ts checks validate-stack's cases against STACK_CHECKS.
 */
export const PASS_FAIL_TESTS: Readonly<Record<Exclude<EnforcerKind, "workflow">, string>> = {
  schema: "tests/contracts/rules.test.ts",
  code: "tests/contracts/rules.test.ts",
  stack: "tests/config/validate-stack.test.ts",
  policy: "tests/rules/traceability/policy-rules.test.ts",
  summary: "tests/rules/traceability/summary-rules.test.ts",
};

/** The pass/fail test files of `rule`, and whether each names the rule (a module's test may not). */
export function passFailTests(
  rule: string,
  enforcers: readonly Enforcer[],
): { file: string; namesRule: boolean }[] {
  const files = new Set<string>();
  for (const enforcer of enforcers) {
    if (enforcer.kind !== "workflow") files.add(PASS_FAIL_TESTS[enforcer.kind]);
  }
  for (const listed of LISTED_ENFORCERS.filter((l) => l.rule === rule))
    listed.tests.forEach((t) => files.add(t));
  return [...files].map((file) => ({
    file,
    // The policy and summary tests are driven by their registries (every policy's rule IDs, every
    // summary relation of the rule book), so they exercise every rule without spelling its ID.
    namesRule:
      file === PASS_FAIL_TESTS.policy ||
      file === PASS_FAIL_TESTS.summary ||
      citesRule(fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8"), rule),
  }));
}

/** Every rule ID an `x-rule` keyword of `schema` cites. */
export function schemaRuleIds(schema: unknown): Set<string> {
  const rules = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === "object" && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === RULE_KEYWORD && typeof value === "string") rules.add(value);
        else walk(value);
      }
    }
  };
  walk(schema);
  return rules;
}

function add(map: Map<string, Enforcer[]>, rule: string, enforcer: Enforcer): void {
  const list = map.get(rule) ?? [];
  if (!list.some((e) => e.kind === enforcer.kind && e.name === enforcer.name)) list.push(enforcer);
  map.set(rule, list);
}

/** Rule ID -> its enforcers, for every rule ID any registry cites (catalog or not: a test compares). */
export function enforcerMap(): Map<string, Enforcer[]> {
  const map = new Map<string, Enforcer[]>();
  for (const contract of CONTRACT_NAMES as readonly ContractName[]) {
    for (const rule of schemaRuleIds(CONTRACT_SCHEMAS[contract]))
      add(map, rule, { kind: "schema", name: contract });
    for (const check of DOCUMENT_CHECKS[contract]) add(map, check.rule, { kind: "code", name: contract });
  }
  for (const check of STACK_CHECKS) add(map, check.rule, { kind: "stack", name: "validate-stack" });
  for (const policy of allPolicies())
    for (const rule of policy.ruleIds) add(map, rule, { kind: "policy", name: policy.name });
  for (const { rule, module } of LISTED_ENFORCERS) add(map, rule, { kind: "workflow", name: module });
  for (const [summary, bases] of Object.entries(DERIVED_RULES))
    for (const base of bases) add(map, summary, { kind: "summary", name: base });
  return map;
}

/** Catalog rule IDs that no registry and no listed module enforces: must be empty. */
export function rulesWithoutEnforcer(
  map: ReadonlyMap<string, readonly Enforcer[]> = enforcerMap(),
): string[] {
  return CONTRACT_RULES.filter((rule) => (map.get(rule.id) ?? []).length === 0).map((rule) => rule.id);
}

/**
 * True when `source` cites `rule` as a word (CTR-1 is not cited by CTR-10, SEC-1 not by SECU-1)
 * outside full-line comments: a header comment naming a rule is not a test of it.
 */
export function citesRule(source: string, rule: string): boolean {
  const code = source.replace(/^\s*\/\/.*$/gm, "").replace(/^\s*\*.*$/gm, "");
  return new RegExp(`(^|[^A-Z0-9-])${rule.replace("-", "\\-")}(?![0-9])`).test(code);
}

/** Test files (relative to the project) whose source cites `rule`, sorted. */
export function testFilesCiting(rule: string, files: readonly string[] = testFiles()): string[] {
  return files.filter((file) => citesRule(fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8"), rule));
}

/** Every `*.test.ts` under tests/, relative to the project, sorted. */
export function testFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name === "fixtures") continue;
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith(".test.ts")) found.push(relative);
    }
  };
  walk("tests");
  return found.sort();
}

const KIND_LABEL: Readonly<Record<EnforcerKind, string>> = {
  schema: "schema",
  code: "check",
  stack: "stack check",
  policy: "policy",
  workflow: "module",
  summary: "summary of",
};

function describeEnforcers(enforcers: readonly Enforcer[]): string {
  const byKind = new Map<EnforcerKind, string[]>();
  for (const e of enforcers) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e.name]);
  const order: EnforcerKind[] = ["summary", "schema", "code", "stack", "policy", "workflow"];
  return order
    .filter((kind) => byKind.has(kind))
    .map((kind) => {
      const names = (byKind.get(kind) ?? []).map((n) => (kind === "summary" ? n : `\`${n}\``));
      return `${KIND_LABEL[kind]} ${names.join(", ")}`;
    })
    .join("; ");
}

export const TRACEABILITY_START =
  "<!-- traceability:start (generated by scripts/generate-traceability.ts) -->";
export const TRACEABILITY_END = "<!-- traceability:end -->";

function shortName(file: string): string {
  return file.replace(/^tests\//, "").replace(/\.test\.ts$/, "");
}

/** The generated table: one row per catalog rule. */
export function renderTraceabilityTable(): string {
  const map = enforcerMap();
  const lines = ["| Rule | Enforced by | Pass/fail tests |", "|---|---|---|"];
  for (const rule of CONTRACT_RULES) {
    const enforcers = map.get(rule.id) ?? [];
    const tests = passFailTests(rule.id, enforcers).map(
      (t) => `\`${shortName(t.file)}\`${t.namesRule ? "" : " (does not name it)"}`,
    );
    lines.push(
      `| ${rule.id} | ${describeEnforcers(enforcers) || "**none**"} | ${tests.join(", ") || "**none**"} |`,
    );
  }
  return [TRACEABILITY_START, "", ...lines, "", TRACEABILITY_END].join("\n");
}

/** `document` with its generated block replaced by the current one. */
export function withCurrentTraceabilityTable(document: string): string {
  const start = document.indexOf(TRACEABILITY_START);
  const end = document.indexOf(TRACEABILITY_END);
  if (start < 0 || end < start) throw new Error("the document has no traceability markers");
  return document.slice(0, start) + renderTraceabilityTable() + document.slice(end + TRACEABILITY_END.length);
}
