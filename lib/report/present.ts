// Small presentation helpers shared by every report format: labels, locations and subjects. What
// of a resource's inputs may be printed is decided in one place, lib/report/redact.ts. No
// format-specific layout here.
import {
  RULE_STATUSES_WORST_FIRST,
  type Finding,
  type RuleResult,
  type RuleStatus,
  type SourceLocation,
} from "../plan/model";

export const STATUS_LABELS: Readonly<Record<RuleStatus, string>> = {
  fail: "FAIL",
  indeterminate: "INDETERMINATE",
  waived: "WAIVED",
  pass: "PASS",
  not_applicable: "N/A",
};

/** Failing rules first, then undecided, waived, passing and not applicable; catalog order inside each. */
export function rulesWorstFirst(rules: readonly RuleResult[]): RuleResult[] {
  const rank = (rule: RuleResult) => RULE_STATUSES_WORST_FIRST.indexOf(rule.status);
  return [...rules].sort((a, b) => rank(a) - rank(b));
}

export function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return "";
  return `${location.file}:${location.line}${location.column ? `:${location.column}` : ""}`;
}

/** `scaleway:containers/container:Container documentation`, or `stack` for a stack-level finding. */
export function findingSubject(finding: Finding): string {
  if (!finding.urn) return "stack";
  return finding.resourceName ?? finding.urn.split("::").pop() ?? finding.urn;
}

export function shortType(type: string): string {
  const [pkg, mod = "", cls = ""] = type.split(":");
  if (!cls) return type;
  return `${pkg}:${mod.split("/")[0]}:${cls}`;
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}
