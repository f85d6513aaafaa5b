// alert_rule_spec (ALR-2..ALR-6; ALR-1 spans a list and ALR-5 needs a PromQL parser, both in code).
import {
  ALERT_SEVERITIES,
  CRITICAL_ALERT_MAX_DURATION_SECONDS,
  DATABASE_SERVICE_NAME,
  NOTIFICATION_CHANNEL_PATTERN,
  SERVICE_NAMES,
  THRESHOLD_OPERATORS,
} from "../thresholds";
import {
  JsonSchema,
  SCHEMA_DIALECT,
  nonEmptyString,
  object,
  positiveInteger,
  ruled,
  schemaId,
  when,
} from "./annotations";

export const alertRuleSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: schemaId("alert-rule"),
  title: "alert_rule_spec",
  description: "A Cockpit alerting rule (seed: Monitoring Configuration Contract).",
  ...object(
    {
      name: ruled(
        "ALR-1",
        { fix: "Give the alert a non-empty name, unique within the environment." },
        nonEmptyString,
      ),
      metric: nonEmptyString,
      threshold: ruled(
        "ALR-2",
        { fix: "Declare threshold.value, threshold.operator and threshold.duration (seconds)." },
        object(
          {
            value: { type: "number" },
            operator: ruled(
              "ALR-6",
              { fix: `Use one of the operators ${THRESHOLD_OPERATORS.join(" ")}.` },
              { type: "string", enum: [...THRESHOLD_OPERATORS] },
            ),
            // A day at most: a longer `for` is never what an alert means, and promtool would have to
            // simulate all of it (a 68-year `for` ran it out of memory).
            duration: { type: "integer", minimum: 0, maximum: 86400, description: "seconds (at most a day)" },
          },
          ["value", "operator", "duration"],
        ),
      ),
      severity: ruled(
        "ALR-3",
        { fix: `Use one of the severities: ${ALERT_SEVERITIES.join(", ")}.` },
        { type: "string", enum: [...ALERT_SEVERITIES] },
      ),
      notifications: ruled(
        "ALR-4",
        { fix: "Declare notifications.channels and notifications.message_template." },
        object(
          {
            channels: ruled(
              "ALR-4",
              {
                message: "must hold at least one channel of the form email:<address>",
                fix: "Add a Cockpit contact point such as email:oncall@example.gouv.fr.",
              },
              {
                type: "array",
                minItems: 1,
                uniqueItems: true,
                items: { type: "string", pattern: NOTIFICATION_CHANNEL_PATTERN },
              },
            ),
            message_template: { type: "string" },
          },
          ["channels", "message_template"],
        ),
      ),
      conditions: ruled(
        "ALR-5",
        { fix: "Declare conditions.query (PromQL) and conditions.evaluation_window (seconds)." },
        object(
          {
            query: ruled(
              "ALR-5",
              {
                fix: 'Write a PromQL query on a metric Scaleway publishes, e.g. serverless_container_status{resource_name="production-documentation",status="error"} >= 1.',
              },
              nonEmptyString,
            ),
            evaluation_window: { ...positiveInteger, description: "seconds" },
          },
          ["query", "evaluation_window"],
        ),
      ),
      target: ruled(
        "OPS-4",
        {
          fix: `Set target to the service the alert watches (${[...SERVICE_NAMES, DATABASE_SERVICE_NAME].join(", ")}).`,
        },
        {
          type: "string",
          enum: [...SERVICE_NAMES, DATABASE_SERVICE_NAME],
          description:
            "Extra, optional: the service or `database` the alert watches, for monitoring coverage (OPS-4). In a stack it must name a declared container or the database.",
        },
      ),
    },
    ["name", "metric", "threshold", "severity", "notifications", "conditions"],
  ),
  allOf: [
    when("severity", "critical", {
      properties: {
        threshold: {
          properties: {
            duration: ruled(
              "ALR-2",
              {
                fix: `Lower threshold.duration below ${CRITICAL_ALERT_MAX_DURATION_SECONDS} seconds, or lower the severity.`,
              },
              { exclusiveMaximum: CRITICAL_ALERT_MAX_DURATION_SECONDS },
            ),
          },
        },
      },
    }),
  ],
};
