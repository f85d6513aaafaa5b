import {
  isSafeMatcherRegex,
  matcherAccepts,
  selectorsOf,
  selectsResource,
  unquotePromQLString,
} from "@scaleway-infra/contracts/detectors/promql-selectors";

const isContainerMetric = (name: string) => name.startsWith("serverless_container_");

describe("selectorsOf", () => {
  it("reads every selector's metric and matchers, through functions, aggregations and binary operators", () => {
    const selectors = selectorsOf(
      'sum by (resource_name) (rate(a_total{resource_name="x",status=~"5.."}[5m])) / on (resource_name) b{"resource_name"!="y"} > 1',
    );
    expect(selectors.map((s) => [s.metric, s.matchers])).toEqual([
      [
        "a_total",
        [
          { label: "resource_name", op: "=", value: "x" },
          { label: "status", op: "=~", value: "5.." },
        ],
      ],
      ["b", [{ label: "resource_name", op: "!=", value: "y" }]],
    ]);
  });

  it("takes the metric from an equality __name__ matcher or a quoted name alone", () => {
    expect(selectorsOf('{__name__="m", resource_name="x"}')[0].metric).toBe("m");
    expect(selectorsOf('{"m", resource_name="x"}')[0].metric).toBe("m");
  });

  it("leaves the metric undefined when no single name is given", () => {
    const [selector] = selectorsOf('{__name__=~"serverless_.*", resource_name="x"}');
    expect(selector.metric).toBeUndefined();
  });

  it("resolves string escapes and raw strings", () => {
    expect(unquotePromQLString('"a\\"b"')).toBe('a"b');
    expect(unquotePromQLString("`a\\b`")).toBe("a\\b");
    expect(selectorsOf("m{resource_name='a\\'b'}")[0].matchers[0].value).toBe("a'b");
  });
});

describe("matcherAccepts", () => {
  it("anchors regexes, as Prometheus does", () => {
    expect(matcherAccepts({ label: "l", op: "=~", value: "prod" }, "production")).toBe(false);
    expect(
      matcherAccepts(
        { label: "l", op: "=~", value: "production-documentation(-green|-canary)?" },
        "production-documentation-green",
      ),
    ).toBe(true);
    expect(matcherAccepts({ label: "l", op: "!~", value: "prod.*" }, "production")).toBe(false);
  });

  it("accepts nothing with an invalid regex", () => {
    expect(matcherAccepts({ label: "l", op: "=~", value: "(" }, "(")).toBe(false);
  });

  it("refuses regexes that backtrack exponentially, in no time", () => {
    const started = Date.now();
    expect(matcherAccepts({ label: "l", op: "=~", value: "(a|aa)+" }, "a".repeat(40) + "b")).toBe(false);
    expect(
      matcherAccepts({ label: "l", op: "=~", value: "(.*)*x" }, "production-documentation".repeat(3)),
    ).toBe(false);
    expect(Date.now() - started).toBeLessThan(100);
    expect(isSafeMatcherRegex("x".repeat(257))).toBe(false);
    expect(isSafeMatcherRegex("a(-green|-canary)?")).toBe(true);
  });
});

describe("selectsResource", () => {
  const [byName] = selectorsOf('serverless_container_status{resource_name="production-documentation"}');

  it("is true for a matcher on the label that accepts the resource's name", () => {
    expect(selectsResource(byName, isContainerMetric, "resource_name", "production-documentation")).toBe(
      true,
    );
  });

  it("is false for another resource, another product, or no matcher on the label", () => {
    expect(selectsResource(byName, isContainerMetric, "resource_name", "production-runners")).toBe(false);
    expect(selectsResource(byName, () => false, "resource_name", "production-documentation")).toBe(false);
    const [all] = selectorsOf('serverless_container_status{status="error"}');
    expect(selectsResource(all, isContainerMetric, "resource_name", "production-documentation")).toBe(false);
  });

  it("is false when a second matcher on the label excludes the resource", () => {
    const [both] = selectorsOf(
      'serverless_container_status{resource_name=~"production-.*",resource_name!="production-documentation"}',
    );
    expect(selectsResource(both, isContainerMetric, "resource_name", "production-documentation")).toBe(false);
  });
});
