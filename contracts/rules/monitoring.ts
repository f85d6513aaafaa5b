// Monitoring rules (alert_rule_spec, CONTRACT-RULES.md "Monitoring").
import {
  ALERT_SEVERITIES,
  CRITICAL_ALERT_MAX_DURATION_SECONDS,
  NOTIFICATION_CHANNEL_PATTERN,
  THRESHOLD_OPERATORS,
} from "../thresholds";
import { ruleGroup } from "./rule";

export const MONITORING_RULES = ruleGroup("monitoring", [
  {
    id: "ALR-1",
    title: "Alert names are unique within the environment",
    seed: "`name` is unique within the environment.",
    decidedBy: ["schema", "stack", "policy"],
  },
  {
    id: "ALR-2",
    title: "Critical alerts have threshold.duration < 30 seconds",
    seed: "Critical alerts have `threshold.duration` < 30 seconds.",
    decidedBy: ["schema"],
    thresholds: { criticalMaxDurationSeconds: CRITICAL_ALERT_MAX_DURATION_SECONDS },
  },
  {
    id: "ALR-3",
    title: "Severity is critical, warning or info, aligned with SLA impact",
    seed: "`severity` is critical, warning or info, aligned with SLA impact.",
    decidedBy: ["schema"],
    thresholds: { severities: ALERT_SEVERITIES },
    attestation: {
      because:
        "`severity` of scaleway-infra:alerts; its alignment with the SLA is a judgement no command can verify",
      key: "alerts",
      pointer: "/*/severity",
    },
  },
  {
    id: "ALR-4",
    title: "At least one valid notification channel",
    seed: "`notifications.channels` holds at least one valid channel.",
    decidedBy: ["schema"],
    thresholds: { channelPattern: NOTIFICATION_CHANNEL_PATTERN },
  },
  {
    id: "ALR-5",
    title: "conditions.query is valid PromQL",
    seed: "`conditions.query` is a valid PromQL/MetricsQL query.",
    decidedBy: ["schema", "code"],
  },
  {
    id: "ALR-6",
    title: "threshold.operator is one of > < >= <=",
    seed: "`threshold.operator` is one of > < >= <=.",
    decidedBy: ["schema"],
    thresholds: { operators: THRESHOLD_OPERATORS },
  },
]);
