// Alerting (alert_rule_spec): a Cockpit alert manager with an email contact point per `email:` channel
// and Scaleway's preconfigured alerts for the products the stack uses, and the custom alerting rules,
// grouped per watched target, pushed to the ruler of the project's Scaleway metrics data source, where
// the metrics they read live (cockpit.rule-evaluation), with a token scoped to rule setup (ALR-*, OPS-4).
import * as pulumi from "@pulumi/pulumi";
import * as scaleway from "@pulumiverse/scaleway";
import type { AlertRuleSpec } from "@scaleway-infra/contracts/documents/types";
import type { Placement } from "../placement";
import { resourceName } from "../tags";
import { preconfiguredAlertIdsFor, type WatchedProduct } from "./preconfigured-alerts";
import { CockpitRuleGroups } from "./ruler-provider";
import { contactEmailsOf, ruleGroupsOf, rulerNamespaceOf, targetsOf, type RuleGroup } from "./rule-groups";
import { COCKPIT_SCALEWAY_SOURCES_READ_ONLY } from "@scaleway-infra/contracts/scaleway/facts/cockpit";

export interface AlertingArgs {
  placement: Placement;
  alerts: readonly AlertRuleSpec[];
  /** The Scaleway products the stack runs, whose preconfigured alerts are enabled. */
  products: readonly WatchedProduct[];
}

export class Alerting extends pulumi.ComponentResource {
  readonly alertManager: scaleway.observability.AlertManager;
  /** The project's Scaleway metrics data source (read-only, created by Scaleway), where rules run. */
  readonly metricsSourceUrl: pulumi.Output<string>;
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
        // By ID, not the deprecated enableManagedAlerts (which turns on every product's alerts).
        preconfiguredAlertIds: preconfiguredAlertIdsFor(args.products),
        contactPoints: contactEmailsOf(args.alerts).map((email) => ({ email })),
      },
      child,
    );
    // Rules are evaluated by the data source that holds their metrics: Scaleway's own metrics source.
    this.metricsSourceUrl = scaleway.observability
      .getSourceOutput(
        {
          projectId: placement.projectId,
          region: placement.region,
          origin: COCKPIT_SCALEWAY_SOURCES_READ_ONLY.value.origin,
          type: COCKPIT_SCALEWAY_SOURCES_READ_ONLY.value.type,
        },
        { parent: this },
      )
      .apply((source) => source.url);
    // Least privilege (cockpit.rules-token-scope): metrics rules only; no data, no alert manager.
    this.token = new scaleway.observability.Token(
      resourceName(placement.env, "alert-rules-token"),
      {
        name: resourceName(placement.env, "alert-rules-token"),
        projectId: placement.projectId,
        region: placement.region,
        scopes: {
          setupAlerts: false,
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
        rulerUrl: this.metricsSourceUrl,
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
