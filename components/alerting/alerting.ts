// Alerting (alert_rule_spec): a Cockpit alert manager with an email contact point per `email:` channel,
// and the alerting rules, grouped per watched target, pushed to the Cockpit ruler of a metrics data
// source with a token scoped to rule setup (ALR-*, OPS-4).
import * as pulumi from "@pulumi/pulumi";
import * as scaleway from "@pulumiverse/scaleway";
import type { AlertRuleSpec } from "../../lib/contracts/types";
import type { Placement } from "../placement";
import { resourceName } from "../tags";
import { CockpitRuleGroups } from "./ruler-provider";
import { contactEmailsOf, ruleGroupsOf, rulerNamespaceOf, targetsOf, type RuleGroup } from "./rule-groups";

/** Days the metrics data source keeps samples; the rules read recent data only. */
export const METRICS_RETENTION_DAYS = 31;

export interface AlertingArgs {
  placement: Placement;
  alerts: readonly AlertRuleSpec[];
}

export class Alerting extends pulumi.ComponentResource {
  readonly alertManager: scaleway.observability.AlertManager;
  readonly metricsSource: scaleway.observability.Source;
  readonly token: scaleway.observability.Token;
  readonly rules: CockpitRuleGroups;
  /** The generated rule groups, as plain data. */
  readonly groups: RuleGroup[];
  readonly alertManagerUrl: pulumi.Output<string>;

  constructor(name: string, args: AlertingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("scaleway-infra:alerting:Alerting", name, {}, opts);
    const { placement } = args;
    const child = { parent: this };
    this.groups = ruleGroupsOf(args.alerts, placement.env);

    // The observability resources have no tags input in 1.54.0; their names carry the environment.
    this.alertManager = new scaleway.observability.AlertManager(
      resourceName(placement.env, "alert-manager"),
      {
        projectId: placement.projectId,
        region: placement.region,
        enableManagedAlerts: true,
        contactPoints: contactEmailsOf(args.alerts).map((email) => ({ email })),
      },
      child,
    );
    this.metricsSource = new scaleway.observability.Source(
      resourceName(placement.env, "alert-metrics"),
      {
        name: resourceName(placement.env, "alert-metrics"),
        type: "metrics",
        retentionDays: METRICS_RETENTION_DAYS,
        projectId: placement.projectId,
        region: placement.region,
      },
      child,
    );
    // Least privilege: this token may only set up alerting and metrics rules, not read or write data.
    this.token = new scaleway.observability.Token(
      resourceName(placement.env, "alert-rules-token"),
      {
        name: resourceName(placement.env, "alert-rules-token"),
        projectId: placement.projectId,
        region: placement.region,
        scopes: {
          setupAlerts: true,
          setupMetricsRules: true,
          setupLogsRules: false,
          queryLogs: false,
          queryMetrics: false,
          queryTraces: false,
          writeLogs: false,
          writeMetrics: false,
          writeTraces: false,
        },
      },
      child,
    );
    this.rules = new CockpitRuleGroups(
      resourceName(placement.env, "alert-rules"),
      {
        rulerUrl: this.metricsSource.url,
        namespace: rulerNamespaceOf(placement.env),
        groups: this.groups,
        targets: targetsOf(this.groups),
        token: this.token.secretKey,
      },
      { parent: this, dependsOn: [this.alertManager] },
    );
    this.alertManagerUrl = this.alertManager.alertManagerUrl;
    this.registerOutputs({ alertManagerUrl: this.alertManagerUrl });
  }
}
