import { UNKNOWN } from "../../lib/plan/model";
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

    it("fails a container no alert watches, naming the service to target", async () => {
      const flat = container({}, { flatToken: true });
      const [failure] = await failuresOf("stack-monitoring-coverage", [
        flat,
        database(),
        alertRules(["database"]),
      ]);
      expect(failure.urn).toBe(flat.urn);
      expect(failure.message).toMatch(
        /^\[OPS-4\] documentation \(service documentation\) is watched by no alert rule; .*labels\.service is "documentation"/,
      );
    });

    it("fails a database when no alert resource exists", async () => {
      const failures = await failuresOf("stack-monitoring-coverage", [database()]);
      expect(failures).toHaveLength(1);
    });

    it("counts a service listed only in targets", async () => {
      const rules = alertRules(["database"], { targets: ["database", "documentation"] });
      expect(await failuresOf("stack-monitoring-coverage", [container(), database(), rules])).toEqual([]);
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
