// alert_rule_spec (ALR-2..ALR-6; ALR-1 spans a list and ALR-5 needs a PromQL parser, both in code).
import {
  ALERT_NAME_PATTERN,
  ALERT_SEVERITIES,
  CRITICAL_ALERT_MAX_DURATION_SECONDS,
  DATABASE_SERVICE_NAME,
  EVALUATION_WINDOW_SECONDS,
  MAX_ALERT_CHANNELS,
  NOTIFICATION_CHANNEL_PATTERN,
  SERVICE_NAMES,
  THRESHOLD_OPERATORS,
  THRESHOLD_VALUE,
} from "../thresholds";
import { JsonSchema, SCHEMA_DIALECT, nonEmptyString, object, ruled, schemaId, when } from "./annotations";

/** `1e15`, as people write it. */
const MAX_MAGNITUDE = THRESHOLD_VALUE.maxMagnitude.toExponential().replace("+", "");

export const alertRuleSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: schemaId("alert-rule"),
  title: "alert_rule_spec",
  description: "A Cockpit alerting rule (seed: Monitoring Configuration Contract).",
  ...object(
    {
      name: ruled(
        "ALR-1",
        {
          message: "must be a slug: lowercase letters, digits and hyphens, at most 63 characters",
          fix: "Name the alert like documentation-container-error (lowercase letters, digits, hyphens inside), unique within the environment.",
        },
        {
          type: "string",
          pattern: ALERT_NAME_PATTERN,
          description: "A slug (RFC 1123 label): the rule's `alert`, the `alertname` of every notification.",
        },
      ),
      metric: nonEmptyString,
      threshold: ruled(
        "ALR-2",
        { fix: "Declare threshold.value, threshold.operator and threshold.duration (seconds)." },
        object(
          {
            value: ruled(
              "ALR-2",
              {
                fix: `Give threshold.value a number from -${MAX_MAGNITUDE} to ${MAX_MAGNITUDE}, with at most ${THRESHOLD_VALUE.significantDigits} significant digits.`,
              },
              {
                type: "number",
                minimum: -THRESHOLD_VALUE.maxMagnitude,
                maximum: THRESHOLD_VALUE.maxMagnitude,
                description: `at most ${MAX_MAGNITUDE} in magnitude and ${THRESHOLD_VALUE.significantDigits} significant digits: what the rule holds exactly`,
              },
            ),
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
                message: `must hold 1 to ${MAX_ALERT_CHANNELS} distinct channels of the form email:<address>`,
                fix: "Add a Cockpit contact point such as email:oncall@example.gouv.fr.",
              },
              {
                type: "array",
                minItems: 1,
                maxItems: MAX_ALERT_CHANNELS,
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
            evaluation_window: ruled(
              "ALR-5",
              {
                fix: `Give conditions.evaluation_window a number of seconds from ${EVALUATION_WINDOW_SECONDS.min} to ${EVALUATION_WINDOW_SECONDS.max}, e.g. 60.`,
              },
              {
                type: "integer",
                minimum: EVALUATION_WINDOW_SECONDS.min,
                maximum: EVALUATION_WINDOW_SECONDS.max,
                description: `seconds, at most ${EVALUATION_WINDOW_SECONDS.max}`,
              },
            ),
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
