// The "disabled or downgraded policies" section of every report format but JSON (which carries the
// list as is) and HTML (render-html.ts lays out the same facts as a table): a policy the policy pack
// config switched off checked nothing, and one it downgraded from mandatory to advisory blocked
// nothing; a reader of the report must see either without opening the config. Self-contained, so
// each renderer adds it with one call.
import type { ComplianceReport, DisabledPolicy } from "../plan/model";
import { markdownText } from "./markdown-escape";

/** `mandatory -> advisory`: the policy's own level, and the level the config gave it. */
export function levelChange(policy: DisabledPolicy): string {
  return `${policy.from} -> ${policy.to}`;
}

/** What the change does to this run. */
export function changeEffect(policy: DisabledPolicy): string {
  if (policy.blocking) return "FAILS the run (--strict or CI)";
  return policy.to === "disabled" ? "not checked" : "checked, but blocks nothing";
}

/** `database-acl-restricted (DB-4, SECU-2)`: how the section names a policy. */
export function changedPolicyName(policy: DisabledPolicy): string {
  return `${policy.name} (${policy.ruleIds.join(", ")})`;
}

/** One line: the policy, its rules, the level change, where it was made and what it does. */
export function describeLevelChange(policy: DisabledPolicy): string {
  return `${changedPolicyName(policy)}: ${levelChange(policy)} by ${policy.source}: ${changeEffect(policy)}`;
}

const TITLE = "disabled or downgraded by the policy pack config";

/** Text lines (with a leading blank line), or none when no policy is disabled or downgraded. */
export function disabledPoliciesText(report: ComplianceReport): string[] {
  const changed = report.disabledPolicies ?? [];
  if (changed.length === 0) return [];
  return [
    "",
    `Disabled or downgraded by the policy pack config (${changed.length}):`,
    ...changed.map((p) => `  - ${describeLevelChange(p)}`),
  ];
}

/** Markdown lines (a heading and a list, then a blank line), or none when nothing is listed. */
export function disabledPoliciesMarkdown(report: ComplianceReport): string[] {
  const changed = report.disabledPolicies ?? [];
  if (changed.length === 0) return [];
  return [
    `### ⚠️ Policies ${TITLE} (${changed.length})`,
    "",
    ...changed.map((p) => `- ${markdownText(describeLevelChange(p))}`),
    "",
  ];
}

/** The section's title in HTML. */
export function disabledPoliciesTitle(count: number): string {
  return `Policies ${TITLE} (${count})`;
}
