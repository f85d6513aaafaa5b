// The series a PromQL query reads: every vector selector with its metric name and label matchers,
// taken from the Prometheus project's own grammar. Alert validation uses it to refuse metrics nobody
// publishes (ALR-5), and monitoring coverage (OPS-4) to tell whether a query selects a resource's
// series. Pure and dependency-light: the contract validators and the policy pack both import it.
import { parser } from "@prometheus-io/lezer-promql";

type SyntaxNode = ReturnType<typeof parser.parse>["topNode"];

export type MatchOperator = "=" | "!=" | "=~" | "!~";

export interface LabelMatcher {
  label: string;
  op: MatchOperator;
  value: string;
}

export interface SeriesSelector {
  /** The metric name, from the identifier or an equality `__name__` matcher; undefined when none. */
  metric?: string;
  /** The label matchers; an equality `__name__` matcher is the metric, not listed here. */
  matchers: LabelMatcher[];
  /** The selector's text, for messages. */
  text: string;
}

const OPERATORS: Readonly<Record<string, MatchOperator>> = {
  EqlSingle: "=",
  Neq: "!=",
  EqlRegex: "=~",
  NeqRegex: "!~",
};

/** The value of a PromQL string literal ("...", '...' or `...`), escapes resolved. */
export function unquotePromQLString(literal: string): string {
  if (literal.length < 2) return literal;
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === "`") return body;
  return body.replace(/\\(.)/g, (_, c: string) => {
    if (c === "n") return "\n";
    if (c === "t") return "\t";
    if (c === "r") return "\r";
    return c;
  });
}

function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
  return children;
}

function matcherOf(node: SyntaxNode, query: string): LabelMatcher | undefined {
  const parts = childrenOf(node);
  const nameNode = parts.find((p) => p.name === "LabelName" || p.name === "QuotedLabelName");
  const opNode = parts.find((p) => p.name === "MatchOp")?.firstChild;
  const valueNode = parts.find((p) => p.name === "StringLiteral");
  if (!nameNode) return undefined;
  const rawName = query.slice(nameNode.from, nameNode.to);
  const label = nameNode.name === "QuotedLabelName" ? unquotePromQLString(rawName) : rawName;
  if (!opNode || !valueNode) return undefined;
  const op = OPERATORS[opNode.name];
  if (!op) return undefined;
  return { label, op, value: unquotePromQLString(query.slice(valueNode.from, valueNode.to)) };
}

function selectorOf(node: SyntaxNode, query: string): SeriesSelector {
  let metric: string | undefined;
  const matchers: LabelMatcher[] = [];
  for (const part of childrenOf(node)) {
    if (part.name === "Identifier") metric = query.slice(part.from, part.to);
    if (part.name !== "LabelMatchers") continue;
    for (const item of childrenOf(part)) {
      // `{"metric", ...}`: a quoted name alone is the metric name (UTF-8 names, Prometheus 3).
      if (item.name === "QuotedLabelName") {
        metric = unquotePromQLString(query.slice(item.from, item.to));
        continue;
      }
      const found = matcherOf(item, query);
      if (!found) continue;
      if (found.label === "__name__" && found.op === "=") metric = found.value;
      else matchers.push(found);
    }
  }
  return { metric, matchers, text: query.slice(node.from, node.to) };
}

/** Every vector selector of a query, in order. A query that does not parse yields what it could read. */
export function selectorsOf(query: string): SeriesSelector[] {
  const selectors: SeriesSelector[] = [];
  const cursor = parser.parse(query).cursor();
  do {
    if (cursor.name === "VectorSelector") selectors.push(selectorOf(cursor.node, query));
  } while (cursor.next());
  return selectors;
}

/** Longest regex this module evaluates; Prometheus' RE2 is linear, JavaScript's engine is not. */
export const MAX_MATCHER_REGEX_LENGTH = 256;

/**
 * Whether a matcher regex is safe to run with JavaScript's backtracking engine: short, and no
 * repeated group that itself repeats or alternates (`(a|aa)+`, `(.*)*`), which can take exponential
 * time. `(-green|-canary)?` is fine: an optional group does not repeat.
 */
export function isSafeMatcherRegex(pattern: string): boolean {
  if (pattern.length > MAX_MATCHER_REGEX_LENGTH) return false;
  if (!/\)[*+{]/.test(pattern)) return true;
  const withoutRepeatedGroupMarks = pattern.replace(/\)[*+{]/g, ")");
  return !/[*+{|]/.test(withoutRepeatedGroupMarks);
}

/**
 * Whether one matcher accepts a label value (regexes are anchored, as in Prometheus). A regex that
 * is unsafe to evaluate here accepts nothing: coverage is then never granted on a guess.
 */
export function matcherAccepts(matcher: LabelMatcher, value: string): boolean {
  switch (matcher.op) {
    case "=":
      return value === matcher.value;
    case "!=":
      return value !== matcher.value;
    case "=~":
    case "!~": {
      if (!isSafeMatcherRegex(matcher.value)) return false;
      let pattern: RegExp;
      try {
        pattern = new RegExp(`^(?:${matcher.value})$`, "s");
      } catch {
        return false;
      }
      return pattern.test(value) === (matcher.op === "=~");
    }
  }
}

/**
 * Whether a selector picks the series of one resource: its metric is one of `metrics`, and it has a
 * matcher on `label` that accepts `value` (a selector with no such matcher watches every resource of
 * the product, which says nothing about this one), and its other matchers on `label` accept it too.
 */
export function selectsResource(
  selector: SeriesSelector,
  metrics: (name: string) => boolean,
  label: string,
  value: string,
): boolean {
  if (selector.metric === undefined || !metrics(selector.metric)) return false;
  const onLabel = selector.matchers.filter((m) => m.label === label);
  return onLabel.length > 0 && onLabel.every((m) => matcherAccepts(m, value));
}
