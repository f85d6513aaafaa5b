// The Markdown report, written for a pull-request comment: a one-line verdict, the counts, the
// failing (then undecided, then waived) rules with where and how to fix, and the full rule list and
// resource tree folded into <details> so the comment stays short.
import type { ComplianceReport, Finding, RuleStatus } from "../plan/model";
import { disabledPoliciesMarkdown } from "./disabled-policies";
import { markdownCode as code, markdownText as cell } from "./markdown-escape";
import { renderPlanTree } from "./plan-tree";
import {
  attestedRules,
  expiryText,
  findingSubject,
  formatLocation,
  plural,
  rulesWorstFirst,
  rulesWithUncataloged,
  STATUS_LABELS,
  STATUS_WORDS,
  SUMMARY_STATUS_ORDER,
  waivedFindings,
} from "./present";

const ICONS: Readonly<Record<RuleStatus, string>> = {
  fail: "❌",
  indeterminate: "❔",
  waived: "⏸️",
  attested: "📝",
  pass: "✅",
  not_applicable: "➖",
};

function findingRow(ruleId: string, f: Finding): string {
  const waiver = f.waiver
    ? ` (waiver ${code(f.waiver.id)}, owner ${cell(f.waiver.owner)}, expires ${cell(f.waiver.expires)}${f.waiver.expired ? ", **expired**" : ""})`
    : "";
  return `| ${ICONS[f.status]} ${STATUS_LABELS[f.status]} | ${ruleId} | ${code(f.policy)} | ${cell(findingSubject(f))} | ${code(formatLocation(f.source))} | ${cell(f.message)}${waiver}${f.enforcementLevel === "advisory" ? " _(advisory)_" : ""} |`;
}

export function renderMarkdown(report: ComplianceReport): string {
  const s = report.summary;
  const verdict =
    s.mandatoryViolations > 0
      ? `❌ ${plural(s.mandatoryViolations, "mandatory violation")}`
      : s.indeterminate > 0
        ? `✅ no mandatory violation, ${s.indeterminate} undecided`
        : "✅ compliant";
  const out: string[] = [];
  out.push(
    `## scw-infra ${report.source.startsWith("scan") ? "scan" : "plan"}: ${code(report.stack)} — ${verdict}`,
    "",
  );
  out.push(
    `${plural(s.resources, "resource")}, ${plural(s.policies, "policy", "policies")}, framework ${report.framework.name} ${report.framework.version}.`,
    "",
    `| ${SUMMARY_STATUS_ORDER.map((status) => STATUS_WORDS[status]).join(" | ")} |`,
    `|${SUMMARY_STATUS_ORDER.map(() => "---:").join("|")}|`,
    `| ${SUMMARY_STATUS_ORDER.map((status) => s.rules[status]).join(" | ")} |`,
    "",
  );
  out.push(...disabledPoliciesMarkdown(report));
  const attention = rulesWorstFirst(rulesWithUncataloged(report)).filter((r) => r.findings.length > 0);
  if (attention.length > 0) {
    out.push(
      "### Rules that need attention",
      "",
      "| Status | Rule | Policy | Resource | Location | Message |",
      "|---|---|---|---|---|---|",
    );
    for (const rule of attention) for (const f of rule.findings) out.push(findingRow(rule.ruleId, f));
    out.push("");
    const fixes = attention.flatMap((r) =>
      r.findings.filter((f) => f.status === "fail").map((f) => ({ rule: r.ruleId, f })),
    );
    if (fixes.length > 0) {
      out.push("<details><summary>How to fix each failure</summary>", "");
      for (const { rule, f } of fixes)
        out.push(`- **${rule}** ${cell(findingSubject(f))}: ${cell(f.remediation)}`);
      out.push("", "</details>", "");
    }
  }
  out.push(...waiverSection(report), ...attestationSection(report));
  out.push(
    `<details><summary>All ${report.rules.length} rules</summary>`,
    "",
    "| Status | Rule | Title | Enforced by | Note |",
    "|---|---|---|---|---|",
  );
  for (const rule of rulesWorstFirst(report.rules)) {
    out.push(
      `| ${ICONS[rule.status]} ${STATUS_LABELS[rule.status]} | ${rule.ruleId} | ${cell(rule.title)} | ${cell(rule.enforcedBy.join(", "))} | ${cell(rule.note ?? "")} |`,
    );
  }
  out.push("", "</details>", "");
  if (report.resources.length > 0) {
    out.push(
      `<details><summary>${plural(s.resources, "planned resource")}</summary>`,
      "",
      "```",
      renderPlanTree(report.resources),
      "```",
      "",
      "</details>",
      "",
    );
  }
  return out.join("\n");
}

/** Waived findings in a section of their own: the exception, its owner, why, and how long it holds. */
function waiverSection(report: ComplianceReport): string[] {
  const views = waivedFindings(report);
  if (views.length === 0) return [];
  const out = [
    `### Waived findings (${views.length})`,
    "",
    "| Rule | Resource | Waiver | Owner | Reason | Expires | Days to expiry |",
    "|---|---|---|---|---|---|---:|",
  ];
  for (const { finding, waiver, daysToExpiry } of views) {
    out.push(
      `| ${finding.ruleIds.join(", ")} | ${cell(findingSubject(finding))} | ${code(waiver.id)} | ${cell(waiver.owner)} | ${cell(waiver.reason)} | ${cell(waiver.expires)} | ${cell(expiryText({ waiver, daysToExpiry }))} |`,
    );
  }
  out.push("");
  return out;
}

/** Attested rules apart, so nobody reads them as verified. */
function attestationSection(report: ComplianceReport): string[] {
  const rules = attestedRules(report);
  if (rules.length === 0) return [];
  const out = [
    `### Attested rules (${rules.length})`,
    "",
    "Declared in the stack file and accepted by config validation, but not verifiable by this command.",
    "",
    "| Rule | Title | Declaration |",
    "|---|---|---|",
  ];
  for (const rule of rules) out.push(`| ${rule.ruleId} | ${cell(rule.title)} | ${cell(rule.note ?? "")} |`);
  out.push("");
  return out;
}
