import type { AlertingRule } from "../../components/alerting/rule-groups";
import { casesOf, levelsFor, topLevelThreshold } from "../../cli/alerts/rule-cases";

const CONTEXT = {
  region: "fr-par",
  projectId: "p",
  resourceNames: ["production-streamlit", "platform-production"],
};

function rule(expr: string, forSeconds = 300): AlertingRule {
  return {
    alert: "streamlit-memory-pressure",
    expr,
    for: `${forSeconds}s`,
    labels: { severity: "warning", env: "production", service: "streamlit" },
    annotations: {},
  };
}

describe("promtool cases of an alert", () => {
  it("reads the top-level comparison and its number", () => {
    expect(topLevelThreshold("a / b > 0.9")).toEqual({ op: ">", value: 0.9 });
    expect(topLevelThreshold("(a >= 1)")).toEqual({ op: ">=", value: 1 });
    expect(topLevelThreshold("a > bool 1")).toBeUndefined();
    expect(topLevelThreshold("a > 1 unless b > 2")).toBeUndefined();
  });

  it("fires beyond a strict threshold and stays silent exactly at it", () => {
    expect(levelsFor(">", 0.9)).toEqual({ fire: 0.99, silent: 0.9 });
    expect(levelsFor("<", 10)).toEqual({ fire: 9, silent: 10 });
    expect(levelsFor(">=", 1).fire).toBe(1);
    expect(levelsFor(">=", 1).silent).toBeLessThan(1);
  });

  it("gives a firing case, a below-threshold case and a too-short case, on Scaleway's series", () => {
    const cases = casesOf(
      rule(
        'serverless_container_memory_usage_bytes{resource_name=~"production-streamlit(-green)?"} / serverless_container_memory_limit_bytes{resource_name=~"production-streamlit(-green)?"} > 0.9',
      ),
      60,
      CONTEXT,
    );
    expect(cases.problem).toBeUndefined();
    expect(cases.cases.map((c) => c.kind)).toEqual(["FIRES", "SILENT", "SILENT"]);
    const [fires, below, short] = cases.cases;
    expect(fires.test.input_series.map((s) => s.series)).toEqual([
      'serverless_container_memory_usage_bytes{resource_name="production-streamlit",resource_id="11111111-1111-4111-8111-111111111111",region="fr-par",project_id="p"}',
      'serverless_container_memory_limit_bytes{resource_name="production-streamlit",resource_id="11111111-1111-4111-8111-111111111111",region="fr-par",project_id="p"}',
    ]);
    expect(fires.test.input_series[0].values).toMatch(/^990x\d+$/);
    expect(below.test.input_series[0].values).toMatch(/^900x\d+$/);
    // Fires after `for` (300 s) plus an evaluation; the too-short case looks one evaluation earlier.
    expect(fires.test.promql_expr_test[0]).toMatchObject({ eval_time: "360s", exp_samples: [{ value: 1 }] });
    expect(short.test.promql_expr_test[0]).toMatchObject({ eval_time: "240s", exp_samples: [{ value: 0 }] });
  });

  it("models an idle-CPU counter as 1 - busy, so the busy fraction is the level", () => {
    const cases = casesOf(
      rule(
        '1 - avg by (resource_name) (irate(rdb_instance_postgresql_node_cpu_seconds_total{resource_name="platform-production",mode="idle"}[5m])) >= 0.85',
        600,
      ),
      60,
      CONTEXT,
    );
    expect(cases.cases[0].test.input_series[0].values).toMatch(/^0\+2\.25x\d+$/);
  });

  it("reports, rather than invents, an alert whose shape gives no case", () => {
    const cases = casesOf(
      rule("serverless_container_cpu_usage_ratio > 90 unless serverless_container_cpu_usage_ratio > 99"),
      60,
      CONTEXT,
    );
    expect(cases.cases).toEqual([]);
    expect(cases.problem).toContain("no case can be derived");
  });

  it("reports a selector no test value satisfies", () => {
    const cases = casesOf(
      rule('serverless_container_cpu_usage_ratio{resource_name="a",resource_name="b"} > 90'),
      60,
      CONTEXT,
    );
    expect(cases.problem).toContain("no test value satisfies");
  });
});
