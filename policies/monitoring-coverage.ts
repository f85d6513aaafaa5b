// Monitoring coverage (OPS-4), computed from what the alerts really read: a container or database
// instance is watched when an alert rule's query selects its series (a Scaleway metric of its product
// with a `resource_name` matcher that accepts the resource's name, facts: cockpit.resource-labels), or,
// for the database, when an alert manager enables Scaleway's preconfigured PostgreSQL alerts, which
// watch every instance of the project. So native Cockpit alerting written by any program counts.
import {
  selectorsOf,
  selectsResource,
  type SeriesSelector,
} from "@scaleway-infra/contracts/detectors/promql-selectors";
import {
  PRECONFIGURED_POSTGRESQL_ALERTS,
  PUBLISHED_METRICS,
  RESOURCE_NAME_LABEL,
} from "@scaleway-infra/contracts/scaleway/facts/cockpit";
import type { PolicyResource } from "./policy-types";
import { arrayProp, isComputed, objectProp, outputsOf, stringProp } from "./resource-context";
import { isKind } from "./resource-types";

/** One alerting rule found in the stack, as the policies read it. */
export interface AlertRuleView {
  alert: string;
  expr?: string;
  service?: string;
  resource: PolicyResource;
}

/** The program's rule-pushing dynamic resources (and any dynamic resource holding rule groups). */
export function alertResources(resources: readonly PolicyResource[]): PolicyResource[] {
  // `in`, not a read: an unknown `groups` still marks the resource as an alerting one.
  return resources.filter((r) => isKind(r.type, "dynamic") && ("groups" in r.props || "targets" in r.props));
}

export function alertRulesOf(resource: PolicyResource): AlertRuleView[] {
  return arrayProp(resource.props, "groups").flatMap((group) => {
    const rules =
      group && typeof group === "object" ? arrayProp(group as Record<string, unknown>, "rules") : [];
    return rules.flatMap((rule) => {
      if (!rule || typeof rule !== "object") return [];
      const fields = rule as Record<string, unknown>;
      const alert = stringProp(fields, "alert") ?? stringProp(fields, "name");
      if (alert === undefined) return [];
      const labels = objectProp(fields, "labels");
      return [
        {
          alert,
          expr: stringProp(fields, "expr"),
          service: labels ? stringProp(labels, "service") : undefined,
          resource,
        },
      ];
    });
  });
}

const PRODUCT_OF_KIND = {
  container: "serverless-containers",
  databaseInstance: "rdb-postgresql",
} as const;

type WatchedKind = keyof typeof PRODUCT_OF_KIND;

function metricsOf(kind: WatchedKind): (name: string) => boolean {
  return (name) => PUBLISHED_METRICS.get(name)?.product === PRODUCT_OF_KIND[kind];
}

const POSTGRESQL_PRECONFIGURED_IDS: ReadonlySet<string> = new Set(
  PRECONFIGURED_POSTGRESQL_ALERTS.value.map((a) => a.preconfiguredRuleId),
);

/** Alert managers that enable at least one preconfigured PostgreSQL alert (or all, legacy flag). */
export function enablesPostgresqlPreconfiguredAlerts(resource: PolicyResource): boolean {
  const alertManager = outputsOf(resource, "alertManager");
  if (!alertManager) return false;
  // Reading an unknown value throws: the stack policy is then indeterminate, never a false pass.
  if (alertManager.enableManagedAlerts === true) return true;
  return arrayProp(alertManager, "preconfiguredAlertIds").some(
    (id) => typeof id === "string" && POSTGRESQL_PRECONFIGURED_IDS.has(id),
  );
}

export interface CoverageVerdict {
  watched: boolean;
  /** How the resource is watched, or why it is not; for the message. */
  reason: string;
}

/**
 * The series selectors of a rule's query, parsed once per rule: the coverage check asks for them for
 * every watched resource, and parsing them each time made the stack policy quadratic in the size of
 * the stack (12 s at 10,000 resources in `npm run bench`).
 */
const selectorsByRule = new WeakMap<AlertRuleView, readonly SeriesSelector[]>();

function ruleSelectors(rule: AlertRuleView, expr: string): readonly SeriesSelector[] {
  let selectors = selectorsByRule.get(rule);
  if (!selectors) {
    selectors = selectorsOf(expr);
    selectorsByRule.set(rule, selectors);
  }
  return selectors;
}

/**
 * Whether one container or database instance is watched. `name` is its Scaleway name, undefined when
 * unknown at preview: then the rules' `labels.service` stands in for the selector (the resource's
 * `service:` tag, else its name), as the only thing the preview can know.
 */
export function coverageOf(
  kind: WatchedKind,
  name: string | undefined,
  service: string,
  rules: readonly AlertRuleView[],
  alertManagers: readonly PolicyResource[],
): CoverageVerdict {
  if (kind === "databaseInstance" && alertManagers.some(enablesPostgresqlPreconfiguredAlerts)) {
    return { watched: true, reason: "Scaleway's preconfigured PostgreSQL alerts are enabled" };
  }
  if (name === undefined) {
    const byLabel = rules.find((r) => r.service === service);
    return byLabel
      ? { watched: true, reason: `alert ${byLabel.alert} is labelled service ${service}` }
      : {
          watched: false,
          reason: `its \`name\` is not known at preview, so no alert query can be matched to it, and no alert rule carries the label service="${service}"; set \`name\` on the resource`,
        };
  }
  const label = RESOURCE_NAME_LABEL.value.name;
  const isMetric = metricsOf(kind);
  const selecting = rules.find(
    (rule) =>
      rule.expr !== undefined &&
      ruleSelectors(rule, rule.expr).some((s) => selectsResource(s, isMetric, label, name)),
  );
  if (selecting) return { watched: true, reason: `alert ${selecting.alert} selects its series` };
  return {
    watched: false,
    reason: `no alert query selects a ${PRODUCT_OF_KIND[kind]} metric with ${label} matching "${name}"`,
  };
}

/** The Scaleway name of a resource when the preview knows it. */
export function knownName(resource: PolicyResource): string | undefined {
  return isComputed(resource.props, "name") ? undefined : stringProp(resource.props, "name");
}
