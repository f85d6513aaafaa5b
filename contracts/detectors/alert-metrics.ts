// An alert query may read only what Scaleway publishes into the project's Scaleway metrics data
// source, where the rules are evaluated: a metric of the facts module, with labels its series carry.
// A query on a metric nobody sends can never fire, so it is refused (ALR-5) with the fact it breaks.
import { citeFact } from "../scaleway/facts/fact";
import {
  NOT_PUBLISHED_BY_SCALEWAY,
  PUBLISHED_METRICS,
  RDB_POSTGRESQL_METRICS,
  SERVERLESS_CONTAINER_METRICS,
  metricFactOf,
} from "../scaleway/facts/cockpit";
import { isSafeMatcherRegex, selectorsOf } from "./promql-selectors";

export interface UnpublishedRead {
  /** What is wrong with the selector, citing the fact. */
  problem: string;
  fix: string;
}

const PUBLISHED_NAMES = [...PUBLISHED_METRICS.keys()];

const AGENT_FIX =
  "Application metrics (HTTP status codes, latency, queues) are not published by Scaleway: they need an agent such as Grafana Alloy pushing them to a custom metrics data source (see docs/monitoring.md).";

/** The problems of one query: each selector on an unpublished metric or on a label it lacks. */
export function unpublishedReadsOf(query: string): UnpublishedRead[] {
  const problems: UnpublishedRead[] = [];
  for (const selector of selectorsOf(query)) {
    if (selector.metric === undefined) {
      problems.push({
        problem: `selector ${selector.text} names no single metric, so it cannot be checked against what Scaleway publishes`,
        fix: `Name the metric, e.g. serverless_container_memory_usage_bytes{resource_name="..."}.`,
      });
      continue;
    }
    const metric = PUBLISHED_METRICS.get(selector.metric);
    if (!metric) {
      problems.push({
        problem: `reads metric ${selector.metric}, which Scaleway does not publish into Cockpit (facts ${SERVERLESS_CONTAINER_METRICS.id}, ${RDB_POSTGRESQL_METRICS.id} in contracts/scaleway/facts/cockpit.ts; ${citeFact(NOT_PUBLISHED_BY_SCALEWAY)})`,
        fix: `Use a metric Scaleway publishes (${PUBLISHED_NAMES.join(", ")}). ${AGENT_FIX}`,
      });
      continue;
    }
    for (const matcher of selector.matchers) {
      if ((matcher.op === "=~" || matcher.op === "!~") && !isSafeMatcherRegex(matcher.value)) {
        problems.push({
          problem: `filters ${metric.name} with the regex ${JSON.stringify(matcher.value.slice(0, 80))}, which repeats a repeating or alternating group or is longer than 256 characters, so coverage (OPS-4) cannot be checked safely`,
          fix: 'Use a plain alternation of names, e.g. resource_name=~"production-documentation(-green|-canary)?".',
        });
        continue;
      }
      if (metric.labels.includes(matcher.label)) continue;
      problems.push({
        problem: `filters ${metric.name} on label ${matcher.label}, which its series do not carry (${citeFact(metricFactOf(metric.product))})`,
        fix: `Filter on one of its labels: ${metric.labels.join(", ")} (resource_name is the resource's Scaleway name).`,
      });
    }
  }
  return problems;
}
