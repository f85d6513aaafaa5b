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
