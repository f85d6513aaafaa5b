// The comparison an alert condition ends in: `<measure> <operator> <number>` at the top of the
// expression (inside any outer parentheses). One reading for its three users: the rule generator
// (components/alerting/rule-groups.ts) applies the contract's threshold to a query that has no such
// comparison, the contract check (contracts/documents/document-checks.ts, ALR-5) requires a query that has
// one to compare with exactly the threshold, and the promtool cases (cli/alerts/rule-cases.ts) take
// their levels from it.
import { parser } from "@prometheus-io/lezer-promql";

export type ComparisonOperator = ">" | "<" | ">=" | "<=" | "==" | "!=";

const COMPARISON_NODES: Readonly<Record<string, ComparisonOperator>> = {
  Gtr: ">",
  Lss: "<",
  Gte: ">=",
  Lte: "<=",
  Eql: "==",
  Neq: "!=",
};

export interface TopLevelComparison {
  operator: ComparisonOperator;
  /** `> bool 1`: every series gives a sample (0 or 1) instead of only those that hold. */
  bool: boolean;
  /** The right operand as written. */
  right: string;
  /** The right operand's value when it is a plain decimal number (`0.9`, `-5`, `1e3`). */
  value?: number;
}

/**
 * A decimal number as PromQL writes it, with its sign (followed by spaces or not). Hexadecimal, durations (`5m`), `Inf` and `NaN` are PromQL numbers too, but not a
 * threshold anyone can compare with the contract's `threshold.value`.
 */
const DECIMAL_NUMBER = /^[+-]?\s*(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The expression's outermost comparison, or undefined when its outermost operation is none. */
export function topLevelComparisonOf(expr: string): TopLevelComparison | undefined {
  let node = parser.parse(expr).topNode.firstChild;
  while (node && node.name === "ParenExpr") node = node.firstChild;
  if (!node || node.name !== "BinaryExpr") return undefined;
  const children: { name: string; text: string }[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name !== "LineComment")
      children.push({ name: child.name, text: expr.slice(child.from, child.to) });
  }
  const operator = children.find((child) => child.name in COMPARISON_NODES);
  const right = children[children.length - 1];
  if (!operator || right === operator) return undefined;
  // A negative number is a literal at the top level, a unary minus on one inside parentheses.
  const plain =
    (right.name === "NumberDurationLiteral" || right.name === "UnaryExpr") && DECIMAL_NUMBER.test(right.text);
  return {
    operator: COMPARISON_NODES[operator.name],
    bool: children.some((child) => child.name === "BoolModifier"),
    right: right.text,
    ...(plain ? { value: Number(right.text.replace(/\s+/g, "")) } : {}),
  };
}
