// Behaviour of the PromQL check for alert conditions (ALR-5): valid queries pass; syntax errors,
// type errors and empty queries fail with a message that names the column, and the offset.

import fc from "fast-check";
import {
  MAX_EXPRESSION_DEPTH,
  MAX_QUERY_LENGTH,
  checkPromQL,
} from "@scaleway-infra/contracts/detectors/promql";

function messageOf(query: string): string {
  const result = checkPromQL(query);
  if (result.valid) throw new Error(`expected "${query}" to be invalid`);
  return result.message;
}

function offsetOf(query: string): number {
  const result = checkPromQL(query);
  if (result.valid) throw new Error(`expected "${query}" to be invalid`);
  return result.offset;
}

describe("valid PromQL", () => {
  it.each([
    "rate(http_requests_total[5m]) > 0.5",
    'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05',
    "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1",
    "sum without (instance) (rate(container_cpu_usage_seconds_total[1m])) > 0.8",
    "sum(rate(x[5m])) by (job) > 1",
    "rate(http_requests_total[5m] offset 1h) < 10",
    "avg_over_time(pg_up[10m]) < 1",
    "max_over_time(rate(x[1m])[30m:1m]) > 100",
    "up == 0",
    'absent(up{job="documentation"})',
    "time() - process_start_time_seconds > 3600",
    "1 > bool 0",
    "topk(3, rate(x[5m]))",
    'count_values("version", build_info)',
    "predict_linear(node_filesystem_free_bytes[6h], 4 * 3600) < 0",
    "increase(errors_total[1h]) > 0 unless on (job) maintenance_mode == 1",
    "x / on (instance) group_left (version) build_info",
    'label_replace(up, "svc", "$1", "job", "(.*)") == 0',
    'x{env="production", job!~"test-.*"} > 0',
    "x{a='single-quoted'} > 0",
    'x{a=~"(?i)prod.*"} > 0',
    "(x) > 0",
    "# comment\nup == 0",
    "-x < 0",
    "vector(1)",
    "x offset -5m > 0",
    "x offset 1h30m > 0",
    "rate(x[1m] @ 100 offset 1m) > 0",
    "x offset 1m @ end() > 0",
    "max_over_time(rate(x[5m])[10m:] offset 1m) > 0",
    "rate(x[500ms]) > 0",
  ])("accepts %s", (query) => {
    expect(checkPromQL(query)).toEqual({ valid: true });
  });
});

describe("invalid PromQL", () => {
  it.each(["", "   ", "\n"])("rejects the empty query %j", (query) => {
    expect(messageOf(query)).toMatch(/empty/);
  });

  it("reports an unclosed parenthesis with the column where it opened", () => {
    expect(messageOf("sum(rate(x[5m])")).toBe('"(" opened at column 4 is never closed; add ")"');
    expect(offsetOf("sum(rate(x[5m])")).toBe(3);
  });

  it("reports a closing parenthesis with nothing to close", () => {
    expect(messageOf("rate(x[5m])) > 1")).toMatch(/unexpected "\)" at column 12/);
  });

  it("reports a missing range on a function that needs one, and says how to add it", () => {
    expect(messageOf("rate(http_requests_total) > 1")).toMatch(
      /rate\(\) expects a range vector.*add a range/,
    );
  });

  it("reports a range vector used as an operand", () => {
    expect(messageOf("x[5m] > 1")).toMatch(/range vector/);
  });

  it("reports garbage after an expression at its column", () => {
    expect(messageOf("up foo")).toMatch(/unexpected "foo" at column 4/);
    expect(offsetOf("up foo")).toBe(3);
  });

  it("reports an unknown function by name", () => {
    expect(messageOf("foo(x) > 1")).toMatch(/unknown function "foo" at column 1/);
  });

  it("reports a query that ends in the middle of an expression", () => {
    expect(messageOf("rate(x[5m]) >")).toMatch(/ends too early at column 14/);
  });

  it("reports a comparison between scalars without bool", () => {
    expect(messageOf("1 > 2")).toMatch(/bool/);
  });

  it("reports a set operator between scalars", () => {
    expect(messageOf("1 and 2")).toMatch(/set operator "and"/);
  });

  it("reports the wrong number of arguments", () => {
    expect(messageOf("clamp(x) > 1")).toMatch(/clamp\(\) takes 3 arguments/);
  });

  it("reports a selector that matches every series", () => {
    expect(messageOf('{job=""}')).toMatch(/matches every series/);
  });

  it("reports a label regex that does not compile", () => {
    expect(messageOf('x{a=~"("} > 0')).toMatch(/regex "\(" does not compile/);
  });

  it("reports a range applied to something other than a selector, and suggests a subquery", () => {
    expect(messageOf("rate(x)[5m]")).toMatch(/subquery/);
  });

  it("reports a query that returns a range vector, since an alert needs an instant vector", () => {
    expect(messageOf("x[5m]")).toMatch(/alert condition needs an instant vector/);
  });

  it("reports MetricsQL-only syntax, which Prometheus rejects", () => {
    expect(messageOf("x > 1 default 0")).toMatch(/unexpected "default"/);
  });

  it("names the line and column of an error in a multi-line query", () => {
    expect(messageOf("sum(x)\n+\n)")).toMatch(/line 3, column 1/);
  });

  it("reports an unclosed string", () => {
    expect(messageOf('x{a="b} > 1')).toMatch(/string opened at column 5 is never closed/);
  });

  // What Prometheus's own parser refuses (promql/parser/parse.go addOffset, getAtModifierVars;
  // model.ParseDuration) although the lezer grammar accepts it.
  it.each([
    ["x offset 5m offset 5m >= 1", /offset may not be set multiple times/, 2],
    ["rate(x[1m] offset 1m offset 1m) > 0", /offset may not be set multiple times/, 11],
    ["x @ 1 @ 2 > 0", /@ <timestamp> may not be set multiple times/, 2],
    ["x @ 1 offset 5m @ 2 > 0", /@ <timestamp> may not be set multiple times/, 2],
    ["(x) offset 5m > 0", /modifiers must follow an instant vector selector/, 0],
    ["sum(x) offset 5m > 0", /modifiers must follow an instant vector selector, .* not "sum\(x\)"/, 0],
    ["1 offset 5m > bool 0", /modifiers must follow/, 0],
    ["rate(x[-5m]) >= 1", /the range "-5m" must be a positive duration/, 7],
    ["rate(x[0m]) >= 1", /the range "0m" must be greater than 0/, 7],
    ["rate(x[5]) >= 1", /the range "5" needs a unit character .* e\.g\. 5s/, 7],
    ["x offset 5 > 0", /the offset "5" needs a unit character/, 9],
    ["x offset +5m > 0", /the offset "\+5m" must be a duration with a unit/, 9],
    ["max_over_time(x[5m:-1m]) > 0", /the subquery step "-1m" must be a positive duration/, 19],
    ["max_over_time(x[5m:0s]) > 0", /the subquery step "0s" must be greater than 0/, 19],
    ["max_over_time(x[-5m:1m]) > 0", /the subquery range "-5m" must be a positive duration/, 16],
    ["rate(x[5m+1m]) > 0", /duration expression, experimental in Prometheus/, 7],
  ] as const)("refuses %s, as Prometheus does", (query, message, offset) => {
    expect(messageOf(query)).toMatch(message);
    expect(offsetOf(query)).toBe(offset);
  });

  it("never throws, whatever the input", () => {
    const inputs = [
      "(((",
      "]]]",
      "{{{",
      "x[",
      "x[5m",
      "sum by",
      "rate(x[5m:",
      "@",
      "offset",
      "\u0000",
      "x{a=~`(`}",
    ];
    for (const input of inputs) expect(() => checkPromQL(input)).not.toThrow();
    for (const input of inputs) expect(checkPromQL(input).valid).toBe(false);
  });

  it("rejects a query longer than the limit without parsing it", () => {
    expect(messageOf(`up${" + up".repeat(MAX_QUERY_LENGTH)}`)).toMatch(/characters long/);
  });

  it("rejects a query nested deeper than the limit instead of overflowing the stack", () => {
    expect(messageOf(`${"x+".repeat(MAX_EXPRESSION_DEPTH * 2)}x`)).toMatch(/nests more than/);
  });

  it("returns a result with an offset inside the query for any generated text, and never throws", () => {
    const promqlish = fc.stringMatching(/^[a-z_(){}\[\]"=~!<>+*\/ ,0-9.:@-]{0,40}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), promqlish), (query) => {
        const result = checkPromQL(query);
        if (!result.valid) {
          expect(result.offset).toBeGreaterThanOrEqual(0);
          expect(result.offset).toBeLessThanOrEqual(query.length);
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
