import { unpublishedReadsOf } from "@scaleway-infra/contracts/detectors/alert-metrics";
import { PUBLISHED_METRICS } from "@scaleway-infra/contracts/scaleway/facts/cockpit";

describe("alert queries read only what Scaleway publishes (ALR-5)", () => {
  it("accepts Scaleway's own metrics on their labels", () => {
    expect(
      unpublishedReadsOf(
        'serverless_container_memory_usage_bytes{resource_name="p-streamlit"} / serverless_container_memory_limit_bytes{resource_name="p-streamlit"} > 0.9',
      ),
    ).toEqual([]);
    expect(
      unpublishedReadsOf(
        '1 - avg by (resource_name) (irate(rdb_instance_postgresql_node_cpu_seconds_total{resource_name="db",mode="idle"}[5m])) > 0.8',
      ),
    ).toEqual([]);
  });

  it("refuses an application metric nobody sends, naming the fact and the agent it would need", () => {
    const [problem] = unpublishedReadsOf('sum(rate(http_requests_total{service="documentation"}[5m])) > 1');
    expect(problem.problem).toContain("reads metric http_requests_total, which Scaleway does not publish");
    expect(problem.problem).toContain("cockpit.not-published (source: scaleway/docs-content@");
    expect(problem.fix).toContain("Grafana Alloy");
  });

  it("refuses a label the metric's series do not carry", () => {
    const [problem] = unpublishedReadsOf(
      'serverless_container_cpu_usage_ratio{service="documentation"} > 90',
    );
    expect(problem.problem).toContain("on label service");
  });

  it("refuses a selector without a single metric name", () => {
    expect(unpublishedReadsOf('{__name__=~"serverless_.*"} > 1')[0].problem).toContain(
      "names no single metric",
    );
  });

  it("refuses a regex it cannot evaluate safely", () => {
    expect(unpublishedReadsOf('serverless_container_status{resource_name=~"(a|aa)+"} >= 1')).toHaveLength(1);
  });

  it("knows every metric by a fact with a source", () => {
    expect(PUBLISHED_METRICS.size).toBeGreaterThanOrEqual(9);
    for (const metric of PUBLISHED_METRICS.values()) expect(metric.labels).toContain("resource_name");
  });
});
