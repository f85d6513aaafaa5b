// Pure translation of alert_rule_specs into Prometheus alerting rule groups, one group per watched
// target (a service or the database). The groups are plain data: the Cockpit ruler receives them as
// YAML, promtool checks them, and the policy pack reads them from the rule resource's inputs to check
// that every container and the database is watched (OPS-4).
import { parser } from "@prometheus-io/lezer-promql";
import { stringify } from "yaml";
import type { AlertRuleSpec, EnvironmentName } from "@scaleway-infra/contracts/documents/types";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { DATABASE_SERVICE_NAME, SERVICE_NAMES } from "@scaleway-infra/contracts/thresholds";
import { citeFact } from "@scaleway-infra/contracts/scaleway/facts/fact";
import { COCKPIT_EVALUATION_INTERVAL, COCKPIT_RULER_LIMITS } from "@scaleway-infra/contracts/scaleway/facts/cockpit";
import { SHARED_SERVICE_NAME } from "../tags";

/** Marks the dynamic resource that holds the rule groups, among other `pulumi-nodejs:dynamic:Resource`s. */
export const COCKPIT_RULES_KIND = "scaleway-infra:cockpit:RuleGroups";

export interface AlertingRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: string; env: string; service: string };
  annotations: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  interval: string;
  rules: AlertingRule[];
}

/** The ruler namespace of an environment's rules. */
export function rulerNamespaceOf(env: EnvironmentName): string {
  return `scaleway-infra-${env}`;
}

const KNOWN_TARGETS: readonly string[] = [...SERVICE_NAMES, DATABASE_SERVICE_NAME];

/**
 * What an alert watches: its `target`, else the service or `database` its name starts with
 * (`runners-queue-depth` -> runners, `db-connections` -> database), else the shared platform.
 */
export function alertTargetOf(alert: AlertRuleSpec): string {
  if (alert.target) return alert.target;
  const name = alert.name.toLowerCase();
  const match = KNOWN_TARGETS.find(
    (target) => name === target || name.startsWith(`${target}-`) || name.startsWith(`${target}_`),
  );
  if (match) return match;
  if (/^(db|postgres|postgresql)[-_]/.test(name)) return DATABASE_SERVICE_NAME;
  return SHARED_SERVICE_NAME;
}

const COMPARISONS = new Set(["Gtr", "Lss", "Gte", "Lte", "Eql", "Neq"]);

/** True when the query's outermost operation is already a comparison (`... > 0.05`). */
export function hasTopLevelComparison(query: string): boolean {
  let node = parser.parse(query).topNode.firstChild;
  while (node && node.name === "ParenExpr") node = node.firstChild;
  if (!node || node.name !== "BinaryExpr") return false;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (COMPARISONS.has(child.name)) return true;
  }
  return false;
}

/**
 * The rule's expression is `conditions.query`. A query that only measures (no top-level comparison)
 * gets the contract's threshold applied, so the alert fires on the threshold rather than on any sample.
 */
export function exprOf(alert: AlertRuleSpec): string {
  const query = alert.conditions.query.trim();
  if (hasTopLevelComparison(query)) return query;
  return `(${query}) ${alert.threshold.operator} ${alert.threshold.value}`;
}

export function ruleOf(alert: AlertRuleSpec, env: EnvironmentName): AlertingRule {
  const { threshold } = alert;
  return {
    alert: alert.name,
    expr: exprOf(alert),
    for: `${threshold.duration}s`,
    labels: { severity: alert.severity, env, service: alertTargetOf(alert) },
    annotations: {
      summary: alert.notifications.message_template,
      description: `${alert.metric} ${threshold.operator} ${threshold.value} for ${threshold.duration}s`,
      channels: alert.notifications.channels.join(", "),
    },
  };
}

/**
 * How often a group is evaluated: its shortest evaluation window, but never below the shortest
 * interval Scaleway documents (cockpit.evaluation-interval). A rule cannot fire sooner than this.
 */
export function groupIntervalSeconds(windows: readonly number[]): number {
  return Math.max(COCKPIT_EVALUATION_INTERVAL.value.shortestDocumentedSeconds, Math.min(...windows));
}

/** Refuses groups the Cockpit ruler would reject (cockpit.ruler-limits), before anything is pushed. */
export function assertWithinRulerLimits(groups: readonly RuleGroup[]): void {
  const { maxRulesPerGroup, maxGroupsPerProject } = COCKPIT_RULER_LIMITS.value;
  const crowded = groups.filter((g) => g.rules.length > maxRulesPerGroup);
  if (crowded.length === 0 && groups.length <= maxGroupsPerProject) return;
  const what =
    crowded.length > 0
      ? `rule group ${crowded[0].name} has ${crowded[0].rules.length} alerts, more than the ${maxRulesPerGroup} a group may hold`
      : `${groups.length} rule groups, more than the ${maxGroupsPerProject} a project may hold`;
  throw new InfraError("INFRA_001", `scaleway-infra:alerts: ${what} (${citeFact(COCKPIT_RULER_LIMITS)}).`, {
    details: {
      configKey: "scaleway-infra:alerts",
      fact: COCKPIT_RULER_LIMITS.id,
      fix: `Keep at most ${maxRulesPerGroup} alerts per watched target (a group per target).`,
    },
  });
}

/** One group per target, in order of first appearance; a group evaluates at its shortest window. */
export function ruleGroupsOf(alerts: readonly AlertRuleSpec[], env: EnvironmentName): RuleGroup[] {
  const byTarget = new Map<string, { rules: AlertingRule[]; window: number }>();
  for (const alert of alerts) {
    const target = alertTargetOf(alert);
    const entry = byTarget.get(target) ?? { rules: [], window: alert.conditions.evaluation_window };
    entry.rules.push(ruleOf(alert, env));
    entry.window = Math.min(entry.window, alert.conditions.evaluation_window);
    byTarget.set(target, entry);
  }
  const groups = [...byTarget.entries()].map(([target, { rules, window }]) => ({
    name: `${env}-${target}`,
    interval: `${groupIntervalSeconds([window])}s`,
    rules,
  }));
  assertWithinRulerLimits(groups);
  return groups;
}

/** The targets the groups watch (`documentation`, ..., `database`). */
export function targetsOf(groups: readonly RuleGroup[]): string[] {
  return [...new Set(groups.flatMap((g) => g.rules.map((r) => r.labels.service)))];
}

/** The ruler API body of one group. */
export function ruleGroupYaml(group: RuleGroup): string {
  return stringify(group, { lineWidth: 0 });
}

/** A Prometheus rule file (`groups:`), as `promtool check rules` reads it. */
export function ruleFileYaml(groups: readonly RuleGroup[]): string {
  return stringify({ groups }, { lineWidth: 0 });
}

/** Email addresses of the `email:` channels, each once: the alert manager's contact points (ALR-4). */
export function contactEmailsOf(alerts: readonly AlertRuleSpec[]): string[] {
  const emails = alerts.flatMap((a) => a.notifications.channels).filter((c) => c.startsWith("email:"));
  return [...new Set(emails.map((c) => c.slice("email:".length)))];
}
