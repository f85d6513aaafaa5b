import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { findPromtool } from "../../cli/alerts/promtool";
import {
  alertTargetOf,
  contactEmailsOf,
  exprOf,
  hasTopLevelComparison,
  ruleFileYaml,
  ruleGroupsOf,
  ruleGroupYaml,
  ruleOf,
  targetsOf,
} from "../../components/alerting/rule-groups";
import { alertSpec } from "./support/fixtures";

const ALERTS = [
  alertSpec(),
  alertSpec({
    name: "documentation-latency",
    severity: "warning",
    threshold: { value: 0.8, operator: ">=", duration: 300 },
    conditions: {
      query: "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
      evaluation_window: 120,
    },
    target: undefined,
  }),
  alertSpec({
    name: "runners-down",
    target: "runners",
    conditions: { query: 'up{service="runners"} == 0', evaluation_window: 30 },
  }),
  alertSpec({
    name: "db-connections-saturated",
    target: undefined,
    severity: "warning",
    threshold: { value: 90, operator: ">", duration: 120 },
    conditions: {
      query: "max(pg_stat_activity_count) / max(pg_settings_max_connections) * 100",
      evaluation_window: 60,
    },
    notifications: {
      channels: ["email:dba@example.gouv.fr", "email:oncall@example.gouv.fr"],
      message_template: "DB connections high",
    },
  }),
];

function promtool(): string | undefined {
  return findPromtool(process.env);
}

describe("alert rule groups", () => {
  it("takes the target from the alert, else from its name prefix", () => {
    expect(alertTargetOf(alertSpec({ name: "x", target: "streamlit" }))).toBe("streamlit");
    expect(alertTargetOf(alertSpec({ name: "runners-queue-depth", target: undefined }))).toBe("runners");
    expect(alertTargetOf(alertSpec({ name: "database-replication-lag", target: undefined }))).toBe(
      "database",
    );
    expect(alertTargetOf(alertSpec({ name: "postgres-disk-full", target: undefined }))).toBe("database");
    expect(alertTargetOf(alertSpec({ name: "cockpit-ingestion", target: undefined }))).toBe("platform");
  });

  it("uses the query as the expression when it already compares, and applies the threshold otherwise", () => {
    expect(hasTopLevelComparison('up{service="runners"} == 0')).toBe(true);
    expect(hasTopLevelComparison("(rate(x[5m]) > 1)")).toBe(true);
    expect(hasTopLevelComparison("rate(x[5m]) + 1")).toBe(false);
    expect(exprOf(ALERTS[2])).toBe('up{service="runners"} == 0');
    expect(exprOf(ALERTS[0])).toBe(`(${ALERTS[0].conditions.query}) > 0.05`);
  });

  it("builds a rule with alert, expr, for, labels severity/env/service and annotations", () => {
    expect(ruleOf(ALERTS[0], "production")).toEqual({
      alert: "documentation-high-error-rate",
      expr: `(${ALERTS[0].conditions.query}) > 0.05`,
      for: "20s",
      labels: { severity: "critical", env: "production", service: "documentation" },
      annotations: {
        summary: "Error rate above 5% on {{ $labels.service }}",
        description: "http_requests_total > 0.05 for 20s",
        channels: "email:oncall@example.gouv.fr",
      },
    });
  });

  it("groups rules per target, evaluated at the shortest window", () => {
    const groups = ruleGroupsOf(ALERTS, "production");
    expect(groups.map((g) => [g.name, g.interval, g.rules.length])).toEqual([
      ["production-documentation", "60s", 2],
      ["production-runners", "30s", 1],
      ["production-database", "60s", 1],
    ]);
    expect(targetsOf(groups)).toEqual(["documentation", "runners", "database"]);
  });

  it("lists each email contact once", () => {
    expect(contactEmailsOf(ALERTS)).toEqual(["oncall@example.gouv.fr", "dba@example.gouv.fr"]);
  });

  it("renders a group as the YAML the ruler reads", () => {
    const group = ruleGroupsOf(ALERTS, "production")[1];
    expect(parse(ruleGroupYaml(group))).toEqual(group);
  });

  it("generates rule groups that pass promtool check rules", () => {
    const binary = promtool();
    if (binary === undefined) {
      if (process.env.CI)
        throw new Error("promtool is required in CI (Debian package prometheus; .ci/run installs it)");
      console.warn(
        "\n\n*** promtool NOT FOUND: rule groups were NOT checked. Install it: apt-get install prometheus ***\n\n",
      );
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), "rules-"));
    try {
      const file = join(dir, "rules.yml");
      writeFileSync(file, ruleFileYaml(ruleGroupsOf(ALERTS, "production")));
      const output = execFileSync(binary, ["check", "rules", file], { encoding: "utf8" });
      expect(output).toMatch(/SUCCESS: 4 rules found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("has a promtool check that fails on a broken expression", () => {
    const binary = promtool();
    if (binary === undefined) return;
    const dir = mkdtempSync(join(tmpdir(), "rules-"));
    try {
      const file = join(dir, "rules.yml");
      const broken = ruleGroupsOf(
        [alertSpec({ conditions: { query: "sum(rate(x[5m]) >", evaluation_window: 60 } })],
        "production",
      );
      writeFileSync(file, ruleFileYaml(broken));
      expect(() =>
        execFileSync(binary, ["check", "rules", file], { encoding: "utf8", stdio: "pipe" }),
      ).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
