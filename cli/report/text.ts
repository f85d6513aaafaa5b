// The text report: the plan as a tree, then one table row per rule (one per finding for rules with
// findings), failing rules first, with the fix under each failure. Colour only when asked for (the
// CLI asks on a TTY without NO_COLOR), so piped output and CI logs stay plain.
import type { ComplianceReport, RuleStatus } from "../plan/model";
import { disabledPoliciesText } from "./disabled-policies";
import { renderPlanTree } from "./plan-tree";
import {
  attestedRules,
  expiryText,
  findingSubject,
  formatLocation,
  plural,
  ruleCountsLine,
  rulesWorstFirst,
  rulesWithUncataloged,
  STATUS_LABELS,
  waivedFindings,
} from "./present";

export interface TextOptions {
  color: boolean;
  /** Print the resource tree before the compliance table (plan and scan do). */
  tree?: boolean;
}

const ANSI: Readonly<Record<RuleStatus | "dim" | "bold", string>> = {
  fail: "\u001b[31m",
  indeterminate: "\u001b[33m",
  waived: "\u001b[36m",
  attested: "\u001b[35m",
  pass: "\u001b[32m",
  not_applicable: "\u001b[2m",
  dim: "\u001b[2m",
  bold: "\u001b[1m",
};
const RESET = "\u001b[0m";

interface Row {
  status: RuleStatus;
  rule: string;
  resource: string;
  location: string;
  message: string;
  fix?: string;
}

export function renderText(report: ComplianceReport, options: TextOptions): string {
  const paint = (style: keyof typeof ANSI, text: string): string =>
    options.color ? `${ANSI[style]}${text}${RESET}` : text;
  const out: string[] = [];
  const resources = report.resources.filter((r) => r.custom).length;
  out.push(
    paint("bold", `${report.source === "plan" ? "Plan" : "Scan"} of stack ${report.stack}`) +
      ` (environment ${report.environment}, ${report.source}): ${plural(resources, "resource")}`,
  );
  if (options.tree && report.resources.length > 0) {
    out.push("", renderPlanTree(report.resources, { dim: (t) => paint("dim", t) }));
  }
  const rows: Row[] = [];
  for (const rule of rulesWorstFirst(rulesWithUncataloged(report))) {
    if (rule.findings.length === 0) {
      rows.push({
        status: rule.status,
        rule: rule.ruleId,
        resource: "-",
        location: "",
        message:
          rule.note ?? (rule.enforcedBy.length > 0 ? `checked by ${rule.enforcedBy.join(", ")}` : rule.title),
      });
      continue;
    }
    for (const finding of rule.findings) {
      const waiver = finding.waiver
        ? ` [waiver ${finding.waiver.id}${finding.waiver.expired ? " EXPIRED" : ""}]`
        : "";
      rows.push({
        status: finding.status,
        rule: rule.ruleId,
        resource: findingSubject(finding),
        location: formatLocation(finding.source),
        message: `${finding.message}${waiver}${finding.enforcementLevel === "advisory" ? " (advisory)" : ""}`,
        fix: finding.status === "fail" ? finding.remediation : undefined,
      });
    }
  }
  const widths = {
    status: Math.max(6, ...rows.map((r) => STATUS_LABELS[r.status].length)),
    rule: Math.max(4, ...rows.map((r) => r.rule.length)),
    resource: Math.min(32, Math.max(8, ...rows.map((r) => r.resource.length))),
    location: Math.max(8, ...rows.map((r) => r.location.length)),
  };
  out.push("", paint("bold", `Compliance (${report.framework.name} ${report.framework.version})`));
  out.push(
    [
      "STATUS".padEnd(widths.status),
      "RULE".padEnd(widths.rule),
      "RESOURCE".padEnd(widths.resource),
      "LOCATION".padEnd(widths.location),
      "MESSAGE",
    ].join("  "),
  );
  for (const row of rows) {
    const status = paint(row.status, STATUS_LABELS[row.status].padEnd(widths.status));
    out.push(
      [
        status,
        row.rule.padEnd(widths.rule),
        row.resource.padEnd(widths.resource),
        row.location.padEnd(widths.location),
        row.message,
      ]
        .join("  ")
        .trimEnd(),
    );
    if (row.fix) out.push(`${" ".repeat(widths.status + 2)}${paint("dim", `fix: ${row.fix}`)}`);
  }
  out.push(...disabledPoliciesText(report));
  out.push(...waiverSection(report), ...attestationSection(report));
  const s = report.summary;
  out.push(
    "",
    `${plural(report.rules.length, "rule")}: ${ruleCountsLine(s.rules)}`,
    `${plural(s.mandatoryViolations, "mandatory violation")}, ${plural(s.advisoryViolations, "advisory violation")}, ` +
      `${s.waived} waived, ${s.indeterminate} indeterminate (${plural(s.policies, "policy", "policies")} on ${plural(s.resources, "resource")})`,
  );
  const verdict =
    s.mandatoryViolations > 0
      ? paint("fail", "Result: FAIL (mandatory policy violations)")
      : paint("pass", "Result: PASS");
  out.push(verdict);
  return out.join("\n") + "\n";
}

/** Waived findings apart, with who owns each exception, why, and how long it still holds. */
function waiverSection(report: ComplianceReport): string[] {
  const views = waivedFindings(report);
  if (views.length === 0) return [];
  const out = ["", `Waived findings (${views.length})`];
  for (const { finding, waiver, daysToExpiry } of views) {
    out.push(
      `  ${finding.ruleIds.join(", ")}  ${findingSubject(finding)}  waiver ${waiver.id}: owner ${waiver.owner}, ` +
        `expires ${waiver.expires} (${expiryText({ waiver, daysToExpiry })})`,
      `    reason: ${waiver.reason}`,
    );
  }
  return out;
}

/** Attested rules apart: declared in the stack file, accepted by config validation, not verified here. */
function attestationSection(report: ComplianceReport): string[] {
  const rules = attestedRules(report);
  if (rules.length === 0) return [];
  const out = [
    "",
    `Attested rules (${rules.length}): declared in the stack file, not verifiable by this command`,
  ];
  const width = Math.max(...rules.map((rule) => rule.ruleId.length));
  for (const rule of rules) out.push(`  ${rule.ruleId.padEnd(width)}  ${rule.title}`);
  return out;
}
