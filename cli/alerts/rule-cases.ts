// Generates `promtool test rules` cases that prove each alert: one where it fires (its condition held
// longer than its `for`) and where it stays silent (at or on the safe side of its threshold, and, when
// it has a `for`, too short a time above it). Input series carry Scaleway's metric names and labels
// (contracts/scaleway/facts/cockpit.ts); each metric's model says how its value follows the measured level
// (a percentage as is, a usage as a share of its capacity, an idle-CPU counter as 1 - busy, ...).
// Pure: the runner writes the files and calls promtool.
import { parser } from "@prometheus-io/lezer-promql";
import type { AlertingRule, RuleGroup } from "../../components/alerting/rule-groups";
import { matcherAccepts, selectorsOf, type SeriesSelector } from "@scaleway-infra/contracts/detectors/promql-selectors";
import { PUBLISHED_METRICS, type PublishedMetric } from "@scaleway-infra/contracts/scaleway/facts/cockpit";

export type CaseKind = "FIRES" | "SILENT";

export interface RuleCase {
  kind: CaseKind;
  /** Why this case: `above threshold for 330s`, `at threshold`, `for not yet elapsed`. */
  why: string;
  /** The promtool test group (one `tests[]` entry). */
  test: PromtoolTest;
}

export interface PromtoolTest {
  interval: string;
  input_series: { series: string; values: string }[];
  promql_expr_test: { expr: string; eval_time: string; exp_samples: { labels: string; value: number }[] }[];
}

export interface AlertCases {
  alert: string;
  group: string;
  cases: RuleCase[];
  /** Set when no case could be generated; the alert then counts as untested (a failure). */
  problem?: string;
}

/** What the generated series are labelled with besides the selectors' own matchers. */
export interface SeriesContext {
  region: string;
  projectId: string;
  /** Scaleway names of the stack's resources, tried for regex matchers on resource_name. */
  resourceNames: readonly string[];
}

/** Seconds between two samples of the input series; below every documented group interval. */
export const SAMPLE_STEP_SECONDS = 15;
/** The capacity every `capacity` metric reports; usages are shares of it. */
const CAPACITY = 1000;

type Comparison = ">" | "<" | ">=" | "<=" | "==" | "!=";

const COMPARISON_NODES: Readonly<Record<string, Comparison>> = {
  Gtr: ">",
  Lss: "<",
  Gte: ">=",
  Lte: "<=",
  Eql: "==",
  Neq: "!=",
};

/** The expression's top-level `<measure> <op> <number>`, or undefined when it has another shape. */
export function topLevelThreshold(expr: string): { op: Comparison; value: number } | undefined {
  let node = parser.parse(expr).topNode.firstChild;
  while (node && node.name === "ParenExpr") node = node.firstChild;
  if (!node || node.name !== "BinaryExpr") return undefined;
  const parts: { name: string; text: string }[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    parts.push({ name: child.name, text: expr.slice(child.from, child.to) });
  }
  const opIndex = parts.findIndex((p) => p.name in COMPARISON_NODES);
  const last = parts[parts.length - 1];
  if (opIndex < 0 || opIndex === parts.length - 1 || last.name !== "NumberDurationLiteral") return undefined;
  if (parts.some((p) => p.name === "BoolModifier")) return undefined;
  const value = Number(last.text);
  return Number.isFinite(value) ? { op: COMPARISON_NODES[parts[opIndex].name], value } : undefined;
}

/** The measured levels on either side of the threshold: where it fires, where it must not. */
export function levelsFor(op: Comparison, threshold: number): { fire: number; silent: number } {
  const margin = Math.max(Math.abs(threshold) * 0.1, 0.01);
  switch (op) {
    case ">":
      return { fire: threshold + margin, silent: threshold };
    case ">=":
      return { fire: threshold, silent: threshold - margin };
    case "<":
      return { fire: threshold - margin, silent: threshold };
    case "<=":
      return { fire: threshold, silent: threshold + margin };
    case "==":
      return { fire: threshold, silent: threshold + margin };
    case "!=":
      return { fire: threshold + margin, silent: threshold };
  }
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** promtool's expanding notation: `a+bxN` (N further samples, each b more). */
function valuesOf(
  metric: PublishedMetric,
  selector: SeriesSelector,
  level: number,
  firing: boolean,
  samples: number,
): string {
  const step = SAMPLE_STEP_SECONDS;
  switch (metric.model) {
    case "level":
      return `${round(level)}x${samples}`;
    case "state":
      // A 0/1 state: in the selected state while the alert should fire, out of it otherwise.
      return `${firing ? 1 : 0}x${samples}`;
    case "usage":
      return `${round(level * CAPACITY)}x${samples}`;
    case "capacity":
      return `${CAPACITY}x${samples}`;
    case "free":
      return `${round((1 - level) * CAPACITY)}x${samples}`;
    case "cpu-seconds": {
      const idle = selector.matchers.some((m) => m.label === "mode" && m.op === "=" && m.value === "idle");
      const perSecond = idle ? 1 - level : level;
      return `0+${round(perSecond * step)}x${samples}`;
    }
  }
}

/** A value that every matcher on `label` accepts, or undefined when none of the candidates does. */
function labelValue(
  selector: SeriesSelector,
  label: string,
  candidates: readonly string[],
): string | undefined {
  const matchers = selector.matchers.filter((m) => m.label === label);
  const equal = matchers.find((m) => m.op === "=");
  const tries = [...(equal ? [equal.value] : []), ...candidates];
  return tries.find((value) => matchers.every((m) => matcherAccepts(m, value)));
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** One series per selector (same resource identity throughout, so vector matching works). */
function inputSeries(
  selectors: readonly SeriesSelector[],
  context: SeriesContext,
  level: number,
  firing: boolean,
  samples: number,
): PromtoolTest["input_series"] | string {
  const series = new Map<string, string>();
  const names = [...context.resourceNames, "resource"];
  for (const selector of selectors) {
    const metric = selector.metric === undefined ? undefined : PUBLISHED_METRICS.get(selector.metric);
    if (!metric) return `selector ${selector.text} does not read a metric of the facts module`;
    const defaults: Record<string, readonly string[]> = {
      resource_name: names,
      resource_id: ["11111111-1111-4111-8111-111111111111"],
      region: [context.region],
      project_id: [context.projectId],
      instance: ["node-0"],
      status: ["ready"],
      mode: ["idle"],
    };
    const labels: string[] = [];
    for (const label of metric.labels) {
      const value = labelValue(selector, label, defaults[label] ?? ["x"]);
      if (value === undefined) return `no test value satisfies ${selector.text} on label ${label}`;
      labels.push(`${label}="${escapeLabel(value)}"`);
    }
    const name = `${metric.name}{${labels.join(",")}}`;
    series.set(name, valuesOf(metric, selector, level, firing, samples));
  }
  return [...series].map(([name, values]) => ({ series: name, values }));
}

function secondsOf(duration: string): number {
  const match = /^(\d+)s$/.exec(duration);
  if (!match) throw new Error(`unexpected duration ${duration}`);
  return Number(match[1]);
}

function firingCount(
  alert: string,
  evalSeconds: number,
  expected: 0 | 1,
): PromtoolTest["promql_expr_test"][number] {
  return {
    expr: `count(ALERTS{alertname="${escapeLabel(alert)}",alertstate="firing"}) or vector(0)`,
    eval_time: `${evalSeconds}s`,
    exp_samples: [{ labels: "{}", value: expected }],
  };
}

/** The cases of one alerting rule of a group evaluated every `intervalSeconds`. */
export function casesOf(rule: AlertingRule, intervalSeconds: number, context: SeriesContext): AlertCases {
  const group = "";
  const threshold = topLevelThreshold(rule.expr);
  if (!threshold) {
    return {
      alert: rule.alert,
      group,
      cases: [],
      problem: "its expression does not end in `<measure> <comparison> <number>`, so no case can be derived",
    };
  }
  const forSeconds = secondsOf(rule.for);
  // Range functions need two samples: then the condition can hold from the second sample on;
  // instant selectors hold from the first sample, at the first evaluation.
  const readsRanges = /MatrixSelector|SubqueryExpr/.test(parser.parse(rule.expr).topNode.toString());
  const firstTrueEval = readsRanges ? Math.ceil(SAMPLE_STEP_SECONDS / intervalSeconds) * intervalSeconds : 0;
  const firesAt = firstTrueEval + Math.ceil(forSeconds / intervalSeconds) * intervalSeconds + intervalSeconds;
  const samples = Math.ceil(firesAt / SAMPLE_STEP_SECONDS) + 2;
  const selectors = selectorsOf(rule.expr);
  const { fire, silent } = levelsFor(threshold.op, threshold.value);
  const firing = inputSeries(selectors, context, fire, true, samples);
  const quiet = inputSeries(selectors, context, silent, false, samples);
  if (typeof firing === "string" || typeof quiet === "string") {
    return {
      alert: rule.alert,
      group,
      cases: [],
      problem: typeof firing === "string" ? firing : String(quiet),
    };
  }
  const interval = `${SAMPLE_STEP_SECONDS}s`;
  const cases: RuleCase[] = [
    {
      kind: "FIRES",
      why: `level ${round(fire)} (${threshold.op} ${threshold.value}) held ${firesAt}s`,
      test: { interval, input_series: firing, promql_expr_test: [firingCount(rule.alert, firesAt, 1)] },
    },
    {
      kind: "SILENT",
      why: `level ${round(silent)}`,
      test: { interval, input_series: quiet, promql_expr_test: [firingCount(rule.alert, firesAt, 0)] },
    },
  ];
  if (forSeconds > 0) {
    const pendingAt = firstTrueEval + (Math.ceil(forSeconds / intervalSeconds) - 1) * intervalSeconds;
    cases.push({
      kind: "SILENT",
      why: `level ${round(fire)} held only ${pendingAt - firstTrueEval}s < for ${forSeconds}s`,
      test: { interval, input_series: firing, promql_expr_test: [firingCount(rule.alert, pendingAt, 0)] },
    });
  }
  return { alert: rule.alert, group, cases };
}

/** The cases of every alert of the groups, in order. */
export function casesOfGroups(groups: readonly RuleGroup[], context: SeriesContext): AlertCases[] {
  return groups.flatMap((group) =>
    group.rules.map((rule) => ({ ...casesOf(rule, secondsOf(group.interval), context), group: group.name })),
  );
}
