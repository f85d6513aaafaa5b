// Checks that an alert condition is a valid PromQL query (ALR-5), with a message that points at the
// column of the problem. Syntax comes from the Prometheus project's own grammar
// (@prometheus-io/lezer-promql, loaded through its CommonJS build, so the check is synchronous);
// on top of it, a small type check catches what the grammar alone accepts but Prometheus rejects:
// `rate(x)` without a range, `x[5m] > 1`, `1 > 2` without `bool`, unknown argument counts.
// Dependency-light on purpose: the contract validators and the policy pack both import it.

import { parser } from "@prometheus-io/lezer-promql";

type SyntaxNode = ReturnType<typeof parser.parse>["topNode"];

export type PromQLCheck = { valid: true } | { valid: false; message: string; offset: number };

type ValueType = "scalar" | "vector" | "matrix" | "string";
/** `any` stands for node kinds this checker does not model (new grammar features): never an error. */
type InferredType = ValueType | "any";

const TYPE_DESCRIPTIONS: Readonly<Record<InferredType, string>> = {
  scalar: "a scalar",
  vector: "an instant vector",
  matrix: "a range vector",
  string: "a string",
  any: "an expression",
};

/** A problem found while checking, with the 0-based offset it concerns. */
class QueryProblem extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

// --- Function and aggregation signatures (Prometheus 3) ----------------------------------------

interface Signature {
  args: readonly ValueType[];
  /** How many trailing arguments may be left out. */
  optional?: number;
  /** The last argument may repeat. */
  variadic?: boolean;
  returns: ValueType;
}

const V = "vector";
const M = "matrix";
const S = "scalar";
const STR = "string";

function signatures(names: string, signature: Signature): [string, Signature][] {
  return names.split(" ").map((name) => [name, signature]);
}

const FUNCTION_SIGNATURES: ReadonlyMap<string, Signature> = new Map<string, Signature>([
  ...signatures(
    "abs absent acos acosh asin asinh atan atanh ceil cos cosh deg exp floor histogram_avg histogram_count " +
      "histogram_stddev histogram_stdvar histogram_sum ln log10 log2 rad sgn sin sinh sort sort_desc sqrt tan tanh timestamp",
    { args: [V], returns: V },
  ),
  ...signatures(
    "absent_over_time avg_over_time changes count_over_time delta deriv first_over_time idelta increase irate " +
      "last_over_time mad_over_time max_over_time min_over_time present_over_time rate resets stddev_over_time " +
      "stdvar_over_time sum_over_time ts_of_first_over_time ts_of_last_over_time ts_of_max_over_time ts_of_min_over_time",
    { args: [M], returns: V },
  ),
  ...signatures("day_of_month day_of_week day_of_year days_in_month hour minute month year", {
    args: [V],
    optional: 1,
    returns: V,
  }),
  ["clamp", { args: [V, S, S], returns: V }],
  ...signatures("clamp_max clamp_min", { args: [V, S], returns: V }),
  ["double_exponential_smoothing", { args: [M, S, S], returns: V }],
  ["histogram_fraction", { args: [S, S, V], returns: V }],
  ["histogram_quantile", { args: [S, V], returns: V }],
  ["histogram_quantiles", { args: [V, STR, S], variadic: true, returns: V }],
  ["info", { args: [V, V], optional: 1, returns: V }],
  ["label_join", { args: [V, STR, STR, STR], variadic: true, optional: 1, returns: V }],
  ["label_replace", { args: [V, STR, STR, STR, STR], returns: V }],
  ["pi", { args: [], returns: S }],
  ["predict_linear", { args: [M, S], returns: V }],
  ["quantile_over_time", { args: [S, M], returns: V }],
  ["round", { args: [V, S], optional: 1, returns: V }],
  ["scalar", { args: [V], returns: S }],
  ...signatures("sort_by_label sort_by_label_desc", {
    args: [V, STR],
    variadic: true,
    optional: 1,
    returns: V,
  }),
  ["time", { args: [], returns: S }],
  ["vector", { args: [S], returns: V }],
]);

const AGGREGATION_SIGNATURES: ReadonlyMap<string, Signature> = new Map<string, Signature>([
  ...signatures("sum avg count min max group stddev stdvar", { args: [V], returns: V }),
  ...signatures("topk bottomk limitk limit_ratio quantile", { args: [S, V], returns: V }),
  ["count_values", { args: [STR, V], returns: V }],
]);

const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(["Eql", "Neq", "Gtr", "Lss", "Gte", "Lte"]);
const SET_OPERATORS: ReadonlySet<string> = new Set(["And", "Or", "Unless"]);

// --- Tree helpers ------------------------------------------------------------------------------

function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name !== "LineComment") children.push(child);
  }
  return children;
}

/** Node kinds that hold a value (an operand or an argument), as opposed to operators and modifiers. */
const EXPRESSION_NODES: ReadonlySet<string> = new Set([
  "AggregateExpr",
  "AnchoredExpr",
  "BinaryExpr",
  "FunctionCall",
  "MatrixSelector",
  "NumberDurationLiteral",
  "OffsetExpr",
  "ParenExpr",
  "SmoothedExpr",
  "StepInvariantExpr",
  "StringLiteral",
  "SubqueryExpr",
  "UnaryExpr",
  "VectorSelector",
]);

function expressionChildren(node: SyntaxNode): SyntaxNode[] {
  return childrenOf(node).filter((child) => EXPRESSION_NODES.has(child.name));
}

/** Unquotes a PromQL string literal ("...", '...' or `...`); escapes follow Go, close enough to JSON. */
function stringValue(literal: string): string {
  const body = literal.slice(1, -1);
  if (literal.startsWith("`")) return body;
  const asDoubleQuoted = literal.startsWith("'")
    ? `"${body.replace(/\\'/g, "'").replace(/(^|[^\\])"/g, '$1\\"')}"`
    : literal;
  try {
    return JSON.parse(asDoubleQuoted) as string;
  } catch {
    return body;
  }
}

// --- Type check --------------------------------------------------------------------------------

/** Alert queries are short; these bounds keep hostile input (10 MB, 10,000 levels) cheap and stack-safe. */
export const MAX_QUERY_LENGTH = 16 * 1024;

/** Nodes that carry an `offset` or `@` modifier, as lezer nests them (`x offset 1m @ 2`). */
const MODIFIER_NODES: ReadonlySet<string> = new Set(["OffsetExpr", "StepInvariantExpr"]);
/** What Prometheus lets a modifier follow (parse.go addOffset, getAtModifierVars). */
const MODIFIABLE_NODES: ReadonlySet<string> = new Set(["VectorSelector", "MatrixSelector", "SubqueryExpr"]);
/** A Prometheus duration (prometheus/common model.ParseDuration): `5m`, `1h30m`, `500ms`. */
const DURATION_LITERAL = /^(?:\d+(?:ms|s|m|h|d|w|y))+$/;
export const MAX_EXPRESSION_DEPTH = 500;

class TypeChecker {
  private depth = 0;

  constructor(private readonly query: string) {}

  private text(node: SyntaxNode): string {
    return this.query.slice(node.from, node.to);
  }

  infer(node: SyntaxNode): InferredType {
    if (this.depth >= MAX_EXPRESSION_DEPTH) {
      throw new QueryProblem(
        `the query nests more than ${MAX_EXPRESSION_DEPTH} expressions deep; simplify it`,
        node.from,
      );
    }
    this.depth++;
    try {
      return this.inferNode(node);
    } finally {
      this.depth--;
    }
  }

  private inferNode(node: SyntaxNode): InferredType {
    switch (node.name) {
      case "ParenExpr":
        return this.inferOnly(node);
      case "NumberDurationLiteral":
        return "scalar";
      case "StringLiteral":
        return "string";
      case "VectorSelector":
        this.checkSelector(node);
        return "vector";
      case "MatrixSelector":
        return this.inferMatrixSelector(node);
      case "SubqueryExpr":
        this.checkDurations(node, "subquery");
        this.expect(expressionChildren(node)[0], ["vector"], "a subquery [range:step] applies to");
        return "matrix";
      case "OffsetExpr":
      case "StepInvariantExpr":
        this.checkModifiers(node);
        return this.expect(
          expressionChildren(node)[0],
          ["vector", "matrix"],
          "a modifier (offset, @) applies to",
        );
      case "AnchoredExpr":
      case "SmoothedExpr":
        return this.expect(
          expressionChildren(node)[0],
          ["vector", "matrix"],
          "a modifier (offset, @) applies to",
        );
      case "UnaryExpr":
        return this.expect(
          expressionChildren(node)[0],
          ["scalar", "vector"],
          "a unary minus or plus applies to",
        );
      case "BinaryExpr":
        return this.inferBinary(node);
      case "AggregateExpr":
        return this.inferCall(node, "AggregateOp", AGGREGATION_SIGNATURES);
      case "FunctionCall":
        return this.inferCall(node, "FunctionIdentifier", FUNCTION_SIGNATURES);
      default:
        return "any";
    }
  }

  private inferOnly(node: SyntaxNode): InferredType {
    const [inner] = expressionChildren(node);
    return inner ? this.infer(inner) : "any";
  }

  /** Infers the type of `node` and requires it to be one of `allowed`. */
  private expect(node: SyntaxNode | undefined, allowed: readonly ValueType[], context: string): InferredType {
    if (!node) return "any";
    const type = this.infer(node);
    if (type !== "any" && !allowed.includes(type)) {
      const wanted = allowed.map((candidate) => TYPE_DESCRIPTIONS[candidate]).join(" or ");
      throw new QueryProblem(
        `${context} ${wanted}, but "${this.text(node)}" is ${TYPE_DESCRIPTIONS[type]}`,
        node.from,
      );
    }
    return type;
  }

  private inferMatrixSelector(node: SyntaxNode): InferredType {
    const [inner] = expressionChildren(node);
    if (inner && inner.name !== "VectorSelector") {
      throw new QueryProblem(
        `a range [...] can only follow a metric selector such as http_requests_total[5m]; ` +
          `for "${this.text(inner)}" use a subquery such as (${this.text(inner)})[5m:1m]`,
        node.from,
      );
    }
    if (inner) this.checkSelector(inner);
    this.checkDurations(node, "range");
    return "matrix";
  }

  /**
   * What Prometheus's parser refuses in a chain of modifiers that the grammar accepts (addOffset,
   * getAtModifierVars in promql/parser/parse.go): a second `offset` or `@` on one selector, and a
   * modifier on anything but a selector, a range selector or a subquery (`(x) offset 5m`, `sum(x) @ 1`).
   * An offset's duration needs a unit, like every duration.
   */
  private checkModifiers(node: SyntaxNode): void {
    let offsets = 0;
    let ats = 0;
    let current: SyntaxNode | undefined = node;
    while (current && MODIFIER_NODES.has(current.name)) {
      if (current.name === "OffsetExpr") {
        offsets++;
        const duration = current.getChild("OffsetDurationExpr");
        if (offsets > 1) {
          throw new QueryProblem(
            `offset may not be set multiple times on one selector; write one offset, e.g. "x offset 10m"`,
            current.getChild("Offset")?.from ?? current.from,
          );
        }
        if (duration) this.checkDuration(duration, "offset", true);
      } else if (current.name === "StepInvariantExpr") {
        ats++;
        if (ats > 1) {
          throw new QueryProblem(
            `@ <timestamp> may not be set multiple times on one selector`,
            current.getChild("At")?.from ?? current.from,
          );
        }
      }
      current = expressionChildren(current)[0];
    }
    if (current && !MODIFIABLE_NODES.has(current.name)) {
      throw new QueryProblem(
        `offset and @ modifiers must follow an instant vector selector, a range vector selector or a ` +
          `subquery, not "${this.text(current)}"; move the modifier onto the selector inside it`,
        current.from,
      );
    }
  }

  /** The range (and a subquery's step) of `node`: single literals with a unit, greater than 0. */
  private checkDurations(node: SyntaxNode, what: "range" | "subquery"): void {
    const durations = node.getChildren("DurationExpr");
    durations.forEach((duration, index) => {
      this.checkDuration(
        duration,
        what === "range" ? "range" : index === 0 ? "subquery range" : "subquery step",
        false,
      );
    });
  }

  /**
   * One duration as Prometheus parses it (model.ParseDuration): digits and a unit, repeated
   * (`1h30m`). Arithmetic and parentheses are experimental duration expressions, off by default;
   * a negative or zero range or step selects nothing. An offset may be negative.
   */
  private checkDuration(node: SyntaxNode, what: string, signed: boolean): void {
    const text = this.text(node).trim();
    const children = childrenOf(node);
    if (children[0]?.name === "UnaryOp") {
      const sign = this.text(children[0]);
      if (!signed || sign !== "-" || children.length !== 2) {
        throw new QueryProblem(
          signed
            ? `the ${what} "${text}" must be a duration with a unit, e.g. 5m, or a negative one, e.g. -5m`
            : `the ${what} "${text}" must be a positive duration with a unit, e.g. 5m`,
          node.from,
        );
      }
      this.checkDuration(children[1], what, false);
      return;
    }
    const literal =
      children.length === 1 && children[0].name === "NumberDurationLiteralInDurationContext"
        ? children[0]
        : undefined;
    if (!literal) {
      throw new QueryProblem(
        `the ${what} "${text}" is a duration expression, experimental in Prometheus and off by default; ` +
          `write one duration with a unit, e.g. 5m or 1h30m`,
        node.from,
      );
    }
    const value = this.text(literal);
    if (!DURATION_LITERAL.test(value)) {
      throw new QueryProblem(
        `the ${what} "${value}" needs a unit character (ms, s, m, h, d, w, y), e.g. ${/^\d+$/.test(value) ? `${value}s` : "5m"}`,
        literal.from,
      );
    }
    if (!signed && !/[1-9]/.test(value)) {
      throw new QueryProblem(`the ${what} "${value}" must be greater than 0, e.g. 5m`, literal.from);
    }
  }

  private inferBinary(node: SyntaxNode): InferredType {
    const children = childrenOf(node);
    const operands = children.filter((child) => EXPRESSION_NODES.has(child.name));
    const operator = children.find((child) => !EXPRESSION_NODES.has(child.name));
    if (operands.length !== 2 || !operator) return "any";
    const symbol = this.text(operator);
    const context = `the operator "${symbol}" applies to`;
    const left = this.expect(operands[0], ["scalar", "vector"], context);
    const right = this.expect(operands[1], ["scalar", "vector"], context);
    const hasBool = children.some((child) => child.name === "BoolModifier");
    if (SET_OPERATORS.has(operator.name) && (left === "scalar" || right === "scalar")) {
      throw new QueryProblem(
        `the set operator "${symbol}" needs instant vectors on both sides, not scalars`,
        operator.from,
      );
    }
    if (hasBool && !COMPARISON_OPERATORS.has(operator.name)) {
      throw new QueryProblem(
        `"bool" can only follow a comparison operator (==, !=, >, <, >=, <=)`,
        operator.from,
      );
    }
    if (COMPARISON_OPERATORS.has(operator.name) && left === "scalar" && right === "scalar" && !hasBool) {
      throw new QueryProblem(
        `a comparison between two scalars needs the bool modifier, e.g. "1 > bool 0"`,
        operator.from,
      );
    }
    return left === "vector" || right === "vector" || left === "any" || right === "any" ? "vector" : "scalar";
  }

  /** An aggregation or function call: its arguments checked against the signature `nameNode` names. */
  private inferCall(
    node: SyntaxNode,
    nameNode: "AggregateOp" | "FunctionIdentifier",
    signatures: ReadonlyMap<string, Signature>,
  ): InferredType {
    const identifier = childrenOf(node).find((child) => child.name === nameNode);
    const body = childrenOf(node).find((child) => child.name === "FunctionCallBody");
    const name = identifier ? this.text(identifier) : "";
    const signature = signatures.get(name);
    if (!signature || !body) return "any";
    this.checkArguments(name, signature, expressionChildren(body), body);
    return signature.returns;
  }

  private checkArguments(name: string, signature: Signature, args: SyntaxNode[], body: SyntaxNode): void {
    const required = signature.args.length - (signature.optional ?? 0);
    const tooMany = !signature.variadic && args.length > signature.args.length;
    if (args.length < required || tooMany) {
      const expected = signature.variadic
        ? `at least ${required}`
        : required === signature.args.length
          ? `${required}`
          : `${required} to ${signature.args.length}`;
      throw new QueryProblem(
        `${name}() takes ${expected} argument${expected === "1" ? "" : "s"} (${this.describeSignature(signature)}), ` +
          `but got ${args.length}`,
        body.from,
      );
    }
    args.forEach((arg, index) => {
      const wanted = signature.args[Math.min(index, signature.args.length - 1)];
      const hint = wanted === "matrix" ? `; add a range, e.g. ${this.text(arg)}[5m]` : "";
      const type = this.infer(arg);
      if (type !== "any" && type !== wanted) {
        throw new QueryProblem(
          `${name}() expects ${TYPE_DESCRIPTIONS[wanted]} as argument ${index + 1}, but "${this.text(arg)}" is ` +
            `${TYPE_DESCRIPTIONS[type]}${type === "vector" ? hint : ""}`,
          arg.from,
        );
      }
    });
  }

  private describeSignature(signature: Signature): string {
    return signature.args.map((arg) => TYPE_DESCRIPTIONS[arg].replace(/^an? /, "")).join(", ") || "none";
  }

  /** A selector needs a metric name or one matcher that does not match the empty string; regexes must compile. */
  private checkSelector(node: SyntaxNode): void {
    const hasName = childrenOf(node).some(
      (child) => child.name === "Identifier" || child.name === "MetricName",
    );
    const matchers = node.getChildren("LabelMatchers").flatMap((list) => childrenOf(list));
    let hasNonEmptyMatcher = false;
    for (const matcher of matchers) {
      const operator = matcher.getChild("MatchOp")?.firstChild?.name;
      const literal = matcher.getChild("StringLiteral");
      if (!operator || !literal) {
        hasNonEmptyMatcher = true; // a bare quoted metric name, {"my.metric"}
        continue;
      }
      const value = stringValue(this.text(literal));
      let matchesEmpty: boolean;
      if (operator === "EqlRegex" || operator === "NeqRegex") {
        const regex = this.compileLabelRegex(value, literal.from);
        matchesEmpty = operator === "EqlRegex" ? regex.test("") : !regex.test("");
      } else {
        matchesEmpty = operator === "EqlSingle" ? value === "" : value !== "";
      }
      if (!matchesEmpty) hasNonEmptyMatcher = true;
    }
    if (!hasName && !hasNonEmptyMatcher) {
      throw new QueryProblem(
        `the selector "${this.text(node)}" matches every series; give a metric name or a label matcher ` +
          `that does not match the empty string, e.g. {job="api"}`,
        node.from,
      );
    }
  }

  /** Compiles a label regex the way Prometheus anchors it; RE2's leading flag groups such as (?i) are honoured. */
  private compileLabelRegex(pattern: string, offset: number): RegExp {
    const flagGroup = /^\(\?([imsU]+)\)/.exec(pattern);
    const flags = flagGroup ? flagGroup[1].replace(/[^is]/g, "") : "";
    const body = flagGroup ? pattern.slice(flagGroup[0].length) : pattern;
    try {
      return new RegExp(`^(?:${body})$`, flags);
    } catch {
      throw new QueryProblem(`the label regex "${pattern}" does not compile`, offset);
    }
  }
}

// --- Syntax errors -----------------------------------------------------------------------------

function columnOf(query: string, offset: number): string {
  const before = query.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return line > 1 ? `line ${line}, column ${column}` : `column ${column}`;
}

const OPENERS: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };
const CLOSERS: Readonly<Record<string, string>> = { ")": "(", "]": "[", "}": "{" };

/** Finds the first unbalanced bracket outside string literals and comments. */
function bracketProblem(query: string): QueryProblem | undefined {
  const open: { character: string; offset: number }[] = [];
  for (let offset = 0; offset < query.length; offset++) {
    const character = query[offset];
    if (character === '"' || character === "'" || character === "`") {
      const end = skipString(query, offset);
      if (end < 0)
        return new QueryProblem(`the string opened at ${columnOf(query, offset)} is never closed`, offset);
      offset = end;
    } else if (character === "#") {
      const newline = query.indexOf("\n", offset);
      offset = newline < 0 ? query.length : newline;
    } else if (OPENERS[character]) {
      open.push({ character, offset });
    } else if (CLOSERS[character]) {
      const last = open.pop();
      if (!last || last.character !== CLOSERS[character]) {
        return new QueryProblem(
          `unexpected "${character}" at ${columnOf(query, offset)}: nothing to close`,
          offset,
        );
      }
    }
  }
  const unclosed = open.pop();
  if (unclosed) {
    return new QueryProblem(
      `"${unclosed.character}" opened at ${columnOf(query, unclosed.offset)} is never closed; ` +
        `add "${OPENERS[unclosed.character]}"`,
      unclosed.offset,
    );
  }
  return undefined;
}

/** Offset of the closing quote of the string starting at `start`, or -1. */
function skipString(query: string, start: number): number {
  const quote = query[start];
  for (let offset = start + 1; offset < query.length; offset++) {
    if (query[offset] === "\\" && quote !== "`") offset++;
    else if (query[offset] === quote) return offset;
  }
  return -1;
}

function firstErrorNode(tree: ReturnType<typeof parser.parse>): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  tree.iterate({
    enter(node) {
      if (found) return false;
      if (node.type.isError) {
        found = node.node;
        return false;
      }
      return undefined;
    },
  });
  return found;
}

/** The token the parser stumbled on: the error node's text, or what follows an empty error node. */
function offendingToken(query: string, from: number, to: number): { text: string; offset: number } {
  let offset = from;
  while (offset < query.length && /\s/.test(query[offset])) offset++;
  const text =
    to > offset
      ? query.slice(offset, to)
      : (/^(?:[A-Za-z_:][\w:]*|\d[\w.]*|\S)/.exec(query.slice(offset))?.[0] ?? "");
  return { text: text.trim(), offset };
}

function syntaxProblem(query: string, error: SyntaxNode): QueryProblem {
  const { text, offset } = offendingToken(query, error.from, error.to);
  if (text === "") {
    return new QueryProblem(
      `the query ends too early at ${columnOf(query, offset)}: an operand, a range or a closing bracket is missing`,
      offset,
    );
  }
  // Only the text just before the error can name the function; bounding it keeps the regex cheap.
  const windowStart = Math.max(0, offset - 256);
  const unknownFunctionMatch = /([A-Za-z_]\w*)\s*$/.exec(query.slice(windowStart, offset));
  const unknownFunction = unknownFunctionMatch
    ? { name: unknownFunctionMatch[1], index: windowStart + unknownFunctionMatch.index }
    : undefined;
  if (
    text.startsWith("(") &&
    unknownFunction &&
    !/\b(by|without|on|ignoring|group_left|group_right|bool)$/.test(unknownFunction.name)
  ) {
    return new QueryProblem(
      `unknown function "${unknownFunction.name}" at ${columnOf(query, unknownFunction.index)}`,
      unknownFunction.index,
    );
  }
  return new QueryProblem(`unexpected "${text}" at ${columnOf(query, offset)}`, offset);
}

// --- The check ---------------------------------------------------------------------------------

/**
 * Checks an alert query (ALR-5). Valid means: Prometheus would parse it, its types fit (functions
 * get the argument types they need), and it returns an instant vector or a scalar, as an alert
 * condition must. Otherwise the result carries a message for people and the 0-based offset.
 */
export function checkPromQL(query: string): PromQLCheck {
  if (query.trim() === "") {
    return {
      valid: false,
      message: "the query is empty; write a PromQL expression such as rate(http_requests_total[5m]) > 0.5",
      offset: 0,
    };
  }
  if (query.length > MAX_QUERY_LENGTH) {
    return {
      valid: false,
      message: `the query is ${query.length} characters long, more than the ${MAX_QUERY_LENGTH} an alert query may have`,
      offset: MAX_QUERY_LENGTH,
    };
  }
  try {
    const brackets = bracketProblem(query);
    if (brackets) throw brackets;
    const tree = parser.parse(query);
    const error = firstErrorNode(tree);
    if (error) throw syntaxProblem(query, error);
    const expressions = expressionChildren(tree.topNode);
    const checker = new TypeChecker(query);
    const type = expressions.length === 1 ? checker.infer(expressions[0]) : "any";
    if (type === "matrix" || type === "string") {
      throw new QueryProblem(
        `the query returns ${TYPE_DESCRIPTIONS[type]}, but an alert condition needs an instant vector` +
          (type === "matrix" ? `; wrap it in a function such as rate(...) or max_over_time(...)` : ""),
        expressions[0].from,
      );
    }
    return { valid: true };
  } catch (problem) {
    if (problem instanceof QueryProblem) {
      const located = /(?:column|line) \d+/.test(problem.message)
        ? problem.message
        : `${problem.message} (at ${columnOf(query, problem.offset)})`;
      return { valid: false, message: located, offset: problem.offset };
    }
    throw problem;
  }
}
