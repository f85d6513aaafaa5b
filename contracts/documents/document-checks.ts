// Contract rules that one document decides but a JSON Schema cannot express: comparisons between
// two fields, PromQL syntax, CIDR ranges, credential-looking values and base64 decoding. Each check
// names its rule ID, like the schema keywords do, and reads the raw document defensively because it
// runs even when the schema has rejected the document (so that every problem is reported at once).
import { assessAllowedCidr } from "../detectors/cidr";
import { BASE64_PATTERN, THRESHOLD_VALUE } from "../thresholds";
import { detectCredential } from "../detectors/credentials";
import { unpublishedReadsOf } from "../detectors/alert-metrics";
import { checkPromQL } from "../detectors/promql";
import { topLevelComparisonOf } from "../detectors/promql-comparison";
import { selectorsOf } from "../detectors/promql-selectors";
import { showValue } from "../errors/shown-value";
import { fieldAt, pointerOf, stringAt } from "./json-pointer";
import type { RawProblem } from "./raw-problem";
import type { ContractName } from "./types";

const BASE64 = new RegExp(BASE64_PATTERN);

export interface DocumentCheck {
  rule: string;
  /** One sentence for the rules table of docs/contracts.md. */
  description: string;
  check: (document: unknown) => RawProblem[];
}

function integerAt(value: unknown, ...keys: string[]): number | undefined {
  const found = fieldAt(value, ...keys);
  return Number.isInteger(found) ? (found as number) : undefined;
}

const minNotAboveMax: DocumentCheck = {
  rule: "CTR-4",
  description: "scaling.min_instances is not greater than scaling.max_instances.",
  check: (doc) => {
    const min = integerAt(doc, "scaling", "min_instances");
    const max = integerAt(doc, "scaling", "max_instances");
    if (min === undefined || max === undefined || min <= max) return [];
    return [
      {
        path: "/scaling/min_instances",
        rule: "CTR-4",
        predicate: `must not exceed scaling.max_instances (${max})`,
        fix: `Lower scaling.min_instances to ${max} or raise scaling.max_instances to ${min} or more.`,
        showValue: true,
      },
    ];
  },
};

const timeoutBelowInterval: DocumentCheck = {
  rule: "CTR-9",
  description: "health.timeout is shorter than health.interval.",
  check: (doc) => {
    const interval = integerAt(doc, "health", "interval");
    const timeout = integerAt(doc, "health", "timeout");
    if (interval === undefined || timeout === undefined || timeout < interval) return [];
    return [
      {
        path: "/health/timeout",
        rule: "CTR-9",
        predicate: `must be shorter than health.interval (${interval} s)`,
        fix: "Make the health check timeout shorter than its interval, e.g. timeout 5 with interval 30.",
        showValue: true,
      },
    ];
  },
};

const noHardcodedCredential: DocumentCheck = {
  rule: "CTR-6",
  description: "A plain environment variable (not `secret: true`) has no credential-like name or value.",
  check: (doc) => {
    const variables = fieldAt(doc, "environment_variables");
    if (!Array.isArray(variables)) return [];
    const problems: RawProblem[] = [];
    variables.forEach((variable, index) => {
      const name = stringAt(variable, "name");
      const value = stringAt(variable, "value");
      if (name === undefined || value === undefined || fieldAt(variable, "secret") === true) return;
      const match = detectCredential(name, value);
      if (!match) return;
      problems.push({
        path: pointerOf(["environment_variables", index, "value"]),
        rule: "CTR-6",
        predicate: `looks like a hardcoded credential: ${match.reason}`,
        fix: `Store it as a secret and reference it: secret: true, value: <environment>-<service>-<type>.`,
        showValue: false,
      });
    });
    return problems;
  },
};

const allowedIpsRestrictAccess: DocumentCheck = {
  rule: "DB-4",
  description:
    "Every network.allowed_ips entry is a valid CIDR, not world-open (0.0.0.0/0, ::/0), not a public-wide range.",
  check: (doc) => {
    const ranges = fieldAt(doc, "network", "allowed_ips");
    if (!Array.isArray(ranges)) return [];
    const problems: RawProblem[] = [];
    ranges.forEach((range, index) => {
      if (typeof range !== "string") return;
      const verdict = assessAllowedCidr(range);
      if (verdict.ok) return;
      problems.push({
        path: pointerOf(["network", "allowed_ips", index]),
        rule: "DB-4",
        predicate: verdict.message,
        fix:
          verdict.reason === "invalid"
            ? "Write the range in CIDR notation, e.g. 10.0.0.0/24."
            : "Allow only the private network or narrow public ranges you control (e.g. 203.0.113.0/28).",
        showValue: true,
      });
    });
    return problems;
  },
};

const secretValueDecodes: DocumentCheck = {
  rule: "SEC-3",
  description: "A secret value decodes as canonical base64.",
  check: (doc) => {
    const value = stringAt(doc, "value");
    if (value === undefined || value === "") return [];
    // Not base64 at all is the schema's problem (SEC-3 pattern); here only the non-canonical kind.
    if (!BASE64.test(value)) return [];
    if (Buffer.from(value, "base64").toString("base64") === value) return [];
    return [
      {
        path: "/value",
        rule: "SEC-3",
        predicate: "is not valid base64",
        fix: "Encode the value with `base64 -w0` and store it as a Pulumi secret.",
        showValue: false,
      },
    ];
  },
};

const queryIsPromQL: DocumentCheck = {
  rule: "ALR-5",
  description: "conditions.query parses as PromQL (the Prometheus project's own parser).",
  check: (doc) => {
    const query = stringAt(doc, "conditions", "query");
    if (query === undefined || query.trim() === "") return [];
    const verdict = checkPromQL(query);
    if (verdict.valid) return [];
    return [
      {
        path: "/conditions/query",
        rule: "ALR-5",
        predicate: `is not valid PromQL at character ${verdict.offset + 1}: ${verdict.message}`,
        fix: "Correct the query; test it in Cockpit's Grafana Explore or with promtool.",
        showValue: true,
      },
    ];
  },
};

const queryReadsPublishedMetrics: DocumentCheck = {
  rule: "ALR-5",
  description:
    "conditions.query reads only metrics Scaleway publishes into Cockpit, on labels their series carry (contracts/scaleway/facts/cockpit.ts).",
  check: (doc) => {
    const query = stringAt(doc, "conditions", "query");
    if (query === undefined || query.trim() === "" || !checkPromQL(query).valid) return [];
    return unpublishedReadsOf(query).map(({ problem, fix }) => ({
      path: "/conditions/query",
      rule: "ALR-5",
      predicate: problem,
      fix,
      showValue: false,
    }));
  },
};

/** A threshold as the query should write it: `> 0.9`. */
function comparisonText(operator: string, value: unknown): string {
  return `${operator} ${typeof value === "number" ? String(value) : "<threshold.value>"}`;
}

const queryAgreesWithThreshold: DocumentCheck = {
  rule: "ALR-5",
  description:
    "conditions.query reads the alert's metric, and a query that ends in a comparison compares with exactly threshold.operator and threshold.value (`<measure> <operator> <value>`, no `bool`).",
  check: (doc) => {
    const query = stringAt(doc, "conditions", "query");
    if (query === undefined || query.trim() === "" || !checkPromQL(query).valid) return [];
    const problems: RawProblem[] = [];
    const metric = stringAt(doc, "metric");
    const read = [...new Set(selectorsOf(query).flatMap((s) => (s.metric === undefined ? [] : [s.metric])))];
    if (metric !== undefined && metric !== "" && !read.includes(metric)) {
      problems.push({
        path: "/metric",
        rule: "ALR-5",
        predicate: `is not among the metrics conditions.query reads: ${read.join(", ") || "none named"}`,
        fix: `Set metric to the metric the alert watches, one its query selects (${read.join(", ") || "name it in the query"}), or correct the query.`,
        showValue: true,
      });
    }
    const comparison = topLevelComparisonOf(query);
    if (comparison === undefined) return problems; // the threshold is applied to the query
    const operator = stringAt(doc, "threshold", "operator");
    const value = fieldAt(doc, "threshold", "value");
    const expected = comparisonText(operator ?? "<threshold.operator>", value);
    // Quoted from the query, cut and escaped: the right operand may be a long expression.
    const written = showValue(
      `${comparison.operator}${comparison.bool ? " bool" : ""} ${comparison.right}`,
      60,
    );
    const fix = `End the query with <measure> ${expected} (threshold.operator and threshold.value), or leave the comparison out of the query: the threshold is then applied to it.`;
    let predicate: string | undefined;
    if (comparison.bool) {
      predicate = `ends in ${written}: with bool it returns a sample (0 or 1) for every series at every evaluation, so the alert would fire all the time`;
    } else if (comparison.value === undefined) {
      predicate = `ends in ${written}, a comparison with something other than a decimal number, so it is not the threshold (${expected})`;
    } else if (
      (operator !== undefined && comparison.operator !== operator) ||
      (typeof value === "number" && comparison.value !== value)
    ) {
      predicate = `ends in ${written}, but the alert's threshold is ${expected}: the two must agree`;
    }
    if (predicate !== undefined) {
      problems.push({ path: "/conditions/query", rule: "ALR-5", predicate, fix, showValue: false });
    }
    return problems;
  },
};

/**
 * A double holds every decimal of at most 15 significant digits exactly (DBL_DIG): such a threshold
 * is written in the rule and in the promtool cases as the stack file says it.
 */
const thresholdValueExact: DocumentCheck = {
  rule: "ALR-2",
  description: `threshold.value has at most ${THRESHOLD_VALUE.significantDigits} significant digits, so the generated rule and its promtool cases hold it exactly.`,
  check: (doc) => {
    const value = fieldAt(doc, "threshold", "value");
    if (typeof value !== "number" || !Number.isFinite(value)) return [];
    if (Number(value.toPrecision(THRESHOLD_VALUE.significantDigits)) === value) return [];
    return [
      {
        path: "/threshold/value",
        rule: "ALR-2",
        predicate: `has more than ${THRESHOLD_VALUE.significantDigits} significant digits, more than the rule can hold exactly`,
        fix: `Round threshold.value to at most ${THRESHOLD_VALUE.significantDigits} significant digits, e.g. 0.9 or 1500000000.`,
        showValue: true,
      },
    ];
  },
};

const endsAfterStart: DocumentCheck = {
  rule: "DEP-2",
  description: "end_time is not before start_time.",
  check: (doc) => {
    const start = Date.parse(stringAt(doc, "start_time") ?? "");
    const end = Date.parse(stringAt(doc, "end_time") ?? "");
    if (Number.isNaN(start) || Number.isNaN(end) || end >= start) return [];
    return [
      {
        path: "/end_time",
        rule: "DEP-2",
        predicate: "must not be before start_time",
        fix: "Record end_time when the deployment ends, after start_time.",
        showValue: true,
      },
    ];
  },
};

export const DOCUMENT_CHECKS: Readonly<Record<ContractName, readonly DocumentCheck[]>> = {
  container: [minNotAboveMax, timeoutBelowInterval, noHardcodedCredential],
  database: [allowedIpsRestrictAccess],
  secret: [secretValueDecodes],
  "alert-rule": [queryIsPromQL, queryReadsPublishedMetrics, queryAgreesWithThreshold, thresholdValueExact],
  "deployment-request": [],
  "deployment-response": [endsAfterStart],
  state: [],
  environment: [],
  "workflow-trigger": [],
  image: [],
  "error-response": [],
};
