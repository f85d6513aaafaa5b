// Small presentation helpers shared by every report format: labels, locations and subjects. What
// of a resource's inputs may be printed is decided in one place, cli/report/redact.ts. No
// format-specific layout here.
import {
  RULE_STATUSES_WORST_FIRST,
  type ComplianceReport,
  type Finding,
  type RuleResult,
  type RuleStatus,
  type SourceLocation,
} from "../plan/model";

export const STATUS_LABELS: Readonly<Record<RuleStatus, string>> = {
  fail: "FAIL",
  indeterminate: "INDETERMINATE",
  waived: "WAIVED",
  attested: "ATTESTED",
  pass: "PASS",
  not_applicable: "N/A",
};

/** The words of each status in summary lines (`3 attested, 8 not applicable`). */
export const STATUS_WORDS: Readonly<Record<RuleStatus, string>> = {
  fail: "fail",
  indeterminate: "indeterminate",
  waived: "waived",
  attested: "attested",
  pass: "pass",
  not_applicable: "not applicable",
};

/** The statuses in the order summary lines count them: pass first, as people read a scorecard. */
export const SUMMARY_STATUS_ORDER: readonly RuleStatus[] = [
  "pass",
  "fail",
  "waived",
  "indeterminate",
  "attested",
  "not_applicable",
];

/** `56 pass, 0 fail, 0 waived, 0 indeterminate, 5 attested, 8 not applicable`. */
export function ruleCountsLine(counts: Readonly<Record<RuleStatus, number>>): string {
  return SUMMARY_STATUS_ORDER.map((status) => `${counts[status] ?? 0} ${STATUS_WORDS[status]}`).join(", ");
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A finding a waiver covers (waived, or failing again because its waiver expired), for the waiver sections. */
export interface WaivedFindingView {
  finding: Finding;
  waiver: NonNullable<Finding["waiver"]>;
  /** Whole days from the report's generation to the waiver's expiry; negative once expired. */
  daysToExpiry: number | null;
}

/**
 * Calendar days (UTC) from the day of `from` (an ISO time) to `expires` (YYYY-MM-DD, the last day a
 * waiver counts): 0 on its last day, negative once past; null when either does not parse.
 */
export function daysUntil(expires: string, from: string): number | null {
  const end = Date.parse(expires.slice(0, 10));
  const start = Date.parse(from.slice(0, 10));
  if (Number.isNaN(end) || Number.isNaN(start)) return null;
  return Math.round((end - start) / DAY_MS);
}

/** Every finding that carries a waiver, soonest expiry first: what each report lists as its waiver section. */
export function waivedFindings(
  report: Pick<ComplianceReport, "findings" | "generatedAt">,
): WaivedFindingView[] {
  const views: WaivedFindingView[] = [];
  for (const finding of report.findings) {
    if (!finding.waiver || finding.enforcementLevel === "disabled") continue;
    views.push({
      finding,
      waiver: finding.waiver,
      daysToExpiry: daysUntil(finding.waiver.expires, report.generatedAt),
    });
  }
  return views.sort(
    (a, b) => (a.daysToExpiry ?? Number.MAX_SAFE_INTEGER) - (b.daysToExpiry ?? Number.MAX_SAFE_INTEGER),
  );
}

/** `in 12 days`, `today`, `expired 3 days ago`, as the waiver sections say it. */
export function expiryText(view: Pick<WaivedFindingView, "daysToExpiry" | "waiver">): string {
  const days = view.daysToExpiry;
  if (view.waiver.expired || (days !== null && days < 0)) {
    return days === null || days >= 0 ? "expired" : `expired ${plural(-days, "day")} ago`;
  }
  if (days === null) return "unknown";
  return days === 0 ? "expires today" : `in ${plural(days, "day")}`;
}

/** Rules reported ATTESTED, catalog order: what each report lists as its attestation section. */
export function attestedRules(report: Pick<ComplianceReport, "rules">): RuleResult[] {
  return report.rules.filter((rule) => rule.status === "attested");
}

/**
 * Findings that no rule of the book carries (audit's drift findings DRIFT-1 to DRIFT-4), grouped by
 * their ID as rule rows, so that the per-rule tables of the text, markdown and JUnit reports show them
 * instead of dropping them (JSON, SARIF and HTML list every finding). Not part of `report.rules`: the
 * rule counts stay those of the rule book.
 */
export function uncatalogedRuleRows(report: Pick<ComplianceReport, "rules" | "findings">): RuleResult[] {
  const known = new Set(report.rules.map((rule) => rule.ruleId));
  const byId = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    if (finding.ruleIds.some((id) => known.has(id))) continue;
    const id = finding.ruleIds[0] ?? finding.policy;
    byId.set(id, [...(byId.get(id) ?? []), finding]);
  }
  return [...byId].map(([ruleId, findings]): RuleResult => {
    const statuses = new Set<string>(findings.map((f) => f.status));
    const status = RULE_STATUSES_WORST_FIRST.find((s) => statuses.has(s)) ?? "fail";
    const enforcedBy = [...new Set(findings.map((f) => f.policy))];
    return { ruleId, title: enforcedBy.join(", "), status, enforcedBy, findings };
  });
}

/** The rule book's rules, then the rows of findings outside it (uncatalogedRuleRows). */
export function rulesWithUncataloged(report: Pick<ComplianceReport, "rules" | "findings">): RuleResult[] {
  return [...report.rules, ...uncatalogedRuleRows(report)];
}

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
