import type * as pulumi from "@pulumi/pulumi";
import { Alerting } from "../../components/alerting/alerting";
import { COCKPIT_RULES_KIND, type RuleGroup } from "../../components/alerting/rule-groups";
import { PRECONFIGURED_POSTGRESQL_ALERTS } from "@scaleway-infra/contracts/scaleway/facts/cockpit";
import { FakeRuler, TOKEN } from "./support/fake-ruler";
import { alertSpec, placement } from "./support/fixtures";
import {
  installMocks,
  isSecretValue,
  parentTypeOf,
  plainStrings,
  settle,
  valueOf,
} from "./support/recording-mocks";

const DYNAMIC = "pulumi-nodejs:dynamic:Resource";
const ALERTS = [
  alertSpec(),
  alertSpec({
    name: "runners-down",
    target: "runners",
    severity: "warning",
    threshold: { value: 0, operator: "<=", duration: 60 },
  }),
  alertSpec({
    name: "database-cpu",
    target: "database",
    notifications: { channels: ["email:dba@example.gouv.fr"], message_template: "DB CPU high" },
  }),
];

async function build() {
  const mocks = await installMocks();
  const alerting = new Alerting("alerting", {
    placement,
    alerts: ALERTS,
    products: ["serverless-containers", "rdb-postgresql"],
  });
  await valueOf(alerting.alertManagerUrl);
  await valueOf(alerting.rules.urn);
  await settle(mocks);
  return { mocks, alerting };
}

describe("Alerting component", () => {
  it("creates an alert manager with one email contact point per distinct channel", async () => {
    const { mocks } = await build();
    expect(mocks.one("scaleway:observability/alertManager:AlertManager").inputs).toMatchObject({
      projectId: placement.projectId,
      region: "fr-par",
      contactPoints: [{ email: "oncall@example.gouv.fr" }, { email: "dba@example.gouv.fr" }],
    });
  });

  it("enables Scaleway's preconfigured PostgreSQL alerts by ID, not every product's", async () => {
    const { mocks } = await build();
    const inputs = mocks.one("scaleway:observability/alertManager:AlertManager").inputs;
    expect(inputs.preconfiguredAlertIds).toEqual(
      PRECONFIGURED_POSTGRESQL_ALERTS.value.map((a) => a.preconfiguredRuleId),
    );
    expect(inputs.enableManagedAlerts).toBeUndefined();
  });

  it("creates no data source of its own and a token scoped to metrics rules only", async () => {
    const { mocks } = await build();
    expect(mocks.ofType("scaleway:observability/source:Source")).toEqual([]);
    const scopes = mocks.one("scaleway:observability/token:Token").inputs.scopes as Record<string, boolean>;
    expect(
      Object.entries(scopes)
        .filter(([, on]) => on)
        .map(([scope]) => scope)
        .sort(),
    ).toEqual(["setupMetricsRules"]);
  });

  it("pushes the rule groups through the dynamic provider, with the groups and targets as plain inputs", async () => {
    const { mocks } = await build();
    const rules = mocks.one(DYNAMIC).inputs;
    expect(rules.kind).toBe(COCKPIT_RULES_KIND);
    // The project's Scaleway metrics data source, looked up (origin scaleway): where the metrics live.
    expect(rules.rulerUrl).toBe("https://scaleway-metrics.metrics.cockpit.fr-par.scw.cloud");
    expect(rules.namespace).toBe("scaleway-infra-production");
    expect(rules.targets).toEqual(["documentation", "runners", "database"]);
    const groups = rules.groups as RuleGroup[];
    expect(
      groups.flatMap((g) => g.rules.map((r) => [r.alert, r.labels.service, r.labels.severity, r.labels.env])),
    ).toEqual([
      ["documentation-high-error-rate", "documentation", "critical", "production"],
      ["runners-down", "runners", "warning", "production"],
      ["database-cpu", "database", "critical", "production"],
    ]);
  });

  it("passes the Cockpit token only as a secret input", async () => {
    const { mocks } = await build();
    const rules = mocks.one(DYNAMIC).inputs;
    expect(isSecretValue(rules.token)).toBe(true);
    expect(plainStrings(rules).filter((s) => s.value.includes("mock-cockpit-token-secret"))).toEqual([]);
  });

  it("parents every child to the component", async () => {
    const { mocks } = await build();
    const children = mocks.resources.filter((r) => r.custom);
    expect(children).toHaveLength(3);
    for (const child of children)
      expect(parentTypeOf(child.urn ?? "")).toBe("scaleway-infra:alerting:Alerting");
  });

  it("exposes the alert manager URL", async () => {
    const { alerting } = await build();
    expect(await valueOf(alerting.alertManagerUrl)).toBe("https://alertmanager.cockpit.fr-par.scw.cloud");
  });
});

describe("the serialised Cockpit rules provider", () => {
  const ruler = new FakeRuler();
  beforeAll(() => ruler.start());
  afterAll(() => ruler.stop());

  it("runs on its own, as the Pulumi engine loads it, and pushes the groups to the ruler", async () => {
    const { mocks } = await build();
    const inputs = mocks.one(DYNAMIC).inputs;
    // The engine evaluates `__provider` as a module and calls its handler to get the provider back.
    const module = { exports: {} as { handler?: () => pulumi.dynamic.ResourceProvider } };
    new Function("exports", "require", "module", inputs.__provider as string)(
      module.exports,
      require,
      module,
    );
    const provider = module.exports.handler?.();
    const groups = inputs.groups as RuleGroup[];
    await provider?.create({ ...inputs, rulerUrl: ruler.url, token: TOKEN });
    expect(ruler.requests.map((r) => r.method)).toEqual(groups.map(() => "POST"));
    expect([...ruler.stored.keys()]).toEqual(groups.map((g) => `scaleway-infra-production/${g.name}`));
  });
});
