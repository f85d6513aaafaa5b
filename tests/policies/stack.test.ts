import { UNKNOWN } from "../../cli/plan/model";
import { PRECONFIGURED_POSTGRESQL_ALERTS } from "@scaleway-infra/contracts/scaleway/facts/cockpit";
import {
  PROJECT_ID,
  alertRulesProps,
  containerProps,
  databaseProps,
  evaluate,
  failuresOf,
  findingsOf,
  resource,
} from "./helpers";

const container = (overrides: Record<string, unknown> = {}, options = {}) =>
  resource("container", "documentation", containerProps(overrides), options);
const database = (overrides: Record<string, unknown> = {}, options = {}) =>
  resource("databaseInstance", "documentation-db", databaseProps(overrides), options);
const alertRules = (services: readonly string[], overrides: Record<string, unknown> = {}) =>
  resource("dynamic", "production-alert-rules", alertRulesProps(services, overrides));

describe("stack policies", () => {
  describe("OPS-1 environment isolation", () => {
    it("passes a stack whose resources all belong to production and one project", async () => {
      const resources = [container({ projectId: PROJECT_ID }), database({ projectId: PROJECT_ID })];
      expect(await findingsOf("stack-environment-isolation", resources)).toEqual([]);
      expect((await evaluate(resources)).rules.find((r) => r.ruleId === "OPS-1")?.status).toBe("pass");
    });

    it("fails a resource tagged for staging in the production stack", async () => {
      const [failure] = await failuresOf("stack-environment-isolation", [
        container({ tags: ["env:staging", "service:documentation"] }),
      ]);
      expect(failure.message).toMatch(
        /^\[OPS-1\] documentation is tagged env:staging in stack production; tag it env:production/,
      );
    });

    it("fails a resource named after the other environment", async () => {
      const [failure] = await failuresOf("stack-environment-isolation", [
        database({ name: "documentation-staging" }),
      ]);
      expect(failure.message).toContain('named "documentation-staging", after environment staging');
    });

    it("fails a stack that spans two projects", async () => {
      const other = "22222222-3333-4444-8555-666666666666";
      const [failure] = await failuresOf("stack-environment-isolation", [
        container({ projectId: PROJECT_ID }),
        database({ projectId: other }),
      ]);
      expect(failure.message).toContain("the stack uses 2 projects");
    });

    it("fails a stack that is not named after an environment", async () => {
      const [failure] = await failuresOf(
        "stack-environment-isolation",
        [container({ tags: [] }, { stack: "dev" })],
        { stack: "dev" },
      );
      expect(failure.message).toContain('stack "dev" is not an environment');
    });

    it("ignores a project ID that is computed at preview", async () => {
      expect(
        await failuresOf("stack-environment-isolation", [
          container({ projectId: PROJECT_ID }),
          database({ projectId: UNKNOWN }),
        ]),
      ).toEqual([]);
    });
  });

  describe("OPS-4 monitoring coverage", () => {
    it("passes when every container and the database are alert targets", async () => {
      const resources = [container(), database(), alertRules(["documentation", "database"])];
      expect(await findingsOf("stack-monitoring-coverage", resources)).toEqual([]);
      expect((await evaluate(resources)).rules.find((r) => r.ruleId === "OPS-4")?.status).toBe("pass");
    });

    it("fails a container no alert query selects, naming its Scaleway name", async () => {
      const flat = container({}, { flatToken: true });
      const [failure] = await failuresOf("stack-monitoring-coverage", [
        flat,
        database(),
        alertRules(["database"]),
      ]);
      expect(failure.urn).toBe(flat.urn);
      expect(failure.message).toMatch(
        /^\[OPS-4\] documentation is watched by no alert: no alert query selects a serverless-containers metric with resource_name matching "production-documentation"/,
      );
    });

    it("fails a container when the alert labelled with its service queries another resource", async () => {
      const groups = [
        {
          name: "production-documentation",
          rules: [
            {
              alert: "documentation-error",
              expr: 'serverless_container_status{resource_name="production-runners",status="error"} >= 1',
              labels: { service: "documentation" },
            },
          ],
        },
      ];
      const failures = await failuresOf("stack-monitoring-coverage", [
        container(),
        alertRules([], { groups }),
      ]);
      expect(failures).toHaveLength(1);
    });

    it("fails a container watched only by a query on the database's metrics", async () => {
      const groups = [
        {
          name: "production-documentation",
          rules: [
            {
              alert: "wrong-product",
              expr: 'rdb_instance_postgresql_pg_settings_max_connections{resource_name="production-documentation"} < 1',
            },
          ],
        },
      ];
      expect(
        await failuresOf("stack-monitoring-coverage", [container(), alertRules([], { groups })]),
      ).toHaveLength(1);
    });

    it("counts a regex matcher that accepts the container's name", async () => {
      const groups = [
        {
          name: "production-documentation",
          rules: [
            {
              alert: "documentation-memory",
              expr: 'serverless_container_memory_usage_bytes{resource_name=~"production-documentation(-green)?"} / serverless_container_memory_limit_bytes{resource_name=~"production-documentation(-green)?"} > 0.9',
            },
          ],
        },
      ];
      expect(
        await failuresOf("stack-monitoring-coverage", [container(), alertRules([], { groups })]),
      ).toEqual([]);
    });

    it("fails a database when no alert resource exists", async () => {
      const failures = await failuresOf("stack-monitoring-coverage", [database()]);
      expect(failures).toHaveLength(1);
    });

    it("counts Scaleway's preconfigured PostgreSQL alerts enabled on an alert manager, for the database only", async () => {
      const manager = resource("alertManager", "alert-manager", {
        region: "fr-par",
        preconfiguredAlertIds: [PRECONFIGURED_POSTGRESQL_ALERTS.value[0].preconfiguredRuleId],
      });
      expect(await failuresOf("stack-monitoring-coverage", [database(), manager])).toEqual([]);
      expect(await failuresOf("stack-monitoring-coverage", [container(), manager])).toHaveLength(1);
    });

    it("counts the deprecated flag that enables every preconfigured alert, on the flat type token", async () => {
      const manager = resource(
        "alertManager",
        "alert-manager",
        { enableManagedAlerts: true },
        { flatToken: true },
      );
      expect(await failuresOf("stack-monitoring-coverage", [database(), manager])).toEqual([]);
    });

    it("does not count preconfigured alerts of another product", async () => {
      const manager = resource("alertManager", "alert-manager", {
        preconfiguredAlertIds: ["1c16c699-e00e-4be8-b05d-d8cd2797f2a7"],
      });
      expect(await failuresOf("stack-monitoring-coverage", [database(), manager])).toHaveLength(1);
    });

    it("falls back to labels.service when the container's name is unknown at preview", async () => {
      const unnamed = container({ name: UNKNOWN });
      expect(await failuresOf("stack-monitoring-coverage", [unnamed, alertRules(["documentation"])])).toEqual(
        [],
      );
      expect(await failuresOf("stack-monitoring-coverage", [unnamed, alertRules(["runners"])])).toHaveLength(
        1,
      );
    });
  });

  describe("ALR-1 unique alert names", () => {
    it("passes distinct alert names", async () => {
      expect(await findingsOf("alert-names-unique", [alertRules(["documentation", "database"])])).toEqual([]);
    });

    it("fails an alert name declared twice", async () => {
      const groups = [
        {
          name: "production-documentation",
          rules: [{ alert: "high-latency", labels: { service: "documentation" } }],
        },
        { name: "production-runners", rules: [{ alert: "high-latency", labels: { service: "runners" } }] },
      ];
      const [failure] = await failuresOf("alert-names-unique", [alertRules([], { groups })]);
      expect(failure.message).toMatch(
        /^\[ALR-1\] alert "high-latency" is declared more than once.*give each alert a unique name/,
      );
    });

    it("is not applicable to a stack without alert rules", async () => {
      const evaluation = await evaluate([container()]);
      expect(evaluation.rules.find((r) => r.ruleId === "ALR-1")?.status).toBe("not_applicable");
    });
  });
});
