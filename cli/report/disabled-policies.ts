// The "disabled policies" block of the text and Markdown reports: a policy switched off through the
// policy pack config checked nothing, and a reader of the report must see that without opening the
// config. Self-contained, so each renderer adds it with one call.
import type { ComplianceReport, DisabledPolicy } from "../plan/model";

function describe(policy: DisabledPolicy): string {
  const level = policy.mandatory ? "mandatory" : "advisory";
  const effect = policy.blocking ? "FAILS the run (--strict or CI)" : "not checked";
  return `${policy.name} (${level}; ${policy.ruleIds.join(", ")}) disabled by ${policy.source}: ${effect}`;
}

/** Text lines (with a leading blank line), or none when no policy is disabled. */
export function disabledPoliciesText(report: ComplianceReport): string[] {
  const disabled = report.disabledPolicies ?? [];
  if (disabled.length === 0) return [];
  return [
    "",
    `Disabled by the policy pack config (${disabled.length}):`,
    ...disabled.map((p) => `  - ${describe(p)}`),
  ];
}

/** Markdown lines (a heading and a list, then a blank line), or none when no policy is disabled. */
export function disabledPoliciesMarkdown(report: ComplianceReport): string[] {
  const disabled = report.disabledPolicies ?? [];
  if (disabled.length === 0) return [];
  return [
    `### ⚠️ Policies disabled by the policy pack config (${disabled.length})`,
    "",
    ...disabled.map((p) => `- ${describe(p).replace(/\|/g, "\\|")}`),
    "",
  ];
}
