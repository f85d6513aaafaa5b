import { parse } from "yaml";
import { infraCodeForStatus, rulesUrl } from "../../components/alerting/ruler-client";
import { cockpitRulesProvider, type CockpitRuleGroupsState } from "../../components/alerting/ruler-provider";
import { COCKPIT_RULES_KIND, ruleGroupsOf, type RuleGroup } from "../../components/alerting/rule-groups";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { FakeRuler, TOKEN } from "./support/fake-ruler";
import { alertSpec } from "./support/fixtures";

const GROUPS: RuleGroup[] = ruleGroupsOf(
  [
    alertSpec(),
    alertSpec({
      name: "runners-down",
      target: "runners",
      conditions: { query: "up == 0", evaluation_window: 30 },
    }),
  ],
  "production",
);

function state(ruler: FakeRuler, groups = GROUPS): CockpitRuleGroupsState {
  return {
    kind: COCKPIT_RULES_KIND,
    rulerUrl: ruler.url,
    namespace: "scaleway-infra-production",
    groups,
    targets: ["documentation", "runners"],
    token: TOKEN,
  };
}

async function infraErrorOf(promise: Promise<unknown>): Promise<InfraError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InfraError) return error;
    throw error;
  }
  throw new Error("expected an InfraError");
}

describe("Cockpit ruler dynamic provider", () => {
  const ruler = new FakeRuler();
  beforeAll(() => ruler.start());
  afterAll(() => ruler.stop());
  beforeEach(() => {
    ruler.requests.length = 0;
    ruler.stored.clear();
    ruler.status = undefined;
  });

  it("creates by POSTing each group as YAML to the namespace with the token header", async () => {
    const result = await cockpitRulesProvider.create(state(ruler));
    expect(ruler.requests.map((r) => [r.method, r.path])).toEqual([
      ["POST", "/prometheus/config/v1/rules/scaleway-infra-production"],
      ["POST", "/prometheus/config/v1/rules/scaleway-infra-production"],
    ]);
    expect(ruler.requests.every((r) => r.token === TOKEN && r.contentType === "application/yaml")).toBe(true);
    expect(parse(ruler.requests[0].body)).toEqual(GROUPS[0]);
    expect(result.id).toBe(`${ruler.url}#scaleway-infra-production`);
    expect(ruler.stored.size).toBe(2);
  });

  it("updates by pushing the new groups and deleting the groups that were removed", async () => {
    await cockpitRulesProvider.create(state(ruler));
    ruler.requests.length = 0;
    const news = state(ruler, [GROUPS[0]]);
    await cockpitRulesProvider.update?.("id", state(ruler), news);
    expect(ruler.requests.map((r) => [r.method, r.path])).toEqual([
      ["POST", "/prometheus/config/v1/rules/scaleway-infra-production"],
      ["DELETE", "/prometheus/config/v1/rules/scaleway-infra-production/production-runners"],
    ]);
    expect([...ruler.stored.keys()]).toEqual(["scaleway-infra-production/production-documentation"]);
  });

  it("deletes every group with DELETE, and treats a group already gone as deleted", async () => {
    await cockpitRulesProvider.create(state(ruler, [GROUPS[0]]));
    await cockpitRulesProvider.delete?.("id", state(ruler));
    expect(ruler.requests.filter((r) => r.method === "DELETE").map((r) => r.path)).toEqual([
      "/prometheus/config/v1/rules/scaleway-infra-production/production-documentation",
      "/prometheus/config/v1/rules/scaleway-infra-production/production-runners",
    ]);
    expect(ruler.stored.size).toBe(0);
  });

  it("diffs: a new namespace or URL replaces, changed groups update, identical state is no change", async () => {
    const olds = state(ruler);
    expect(await cockpitRulesProvider.diff?.("id", olds, state(ruler))).toMatchObject({
      changes: false,
      replaces: [],
    });
    expect(await cockpitRulesProvider.diff?.("id", olds, { ...olds, namespace: "other" })).toMatchObject({
      changes: true,
      replaces: ["namespace"],
    });
    expect(await cockpitRulesProvider.diff?.("id", olds, state(ruler, [GROUPS[1]]))).toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  it.each([
    [401, "INFRA_003"],
    [403, "INFRA_003"],
    [404, "INFRA_004"],
    [429, "INFRA_002"],
    [500, "INFRA_005"],
    [503, "INFRA_005"],
  ])("maps HTTP %i from the ruler to %s, without leaking the token", async (status, code) => {
    ruler.status = status;
    const error = await infraErrorOf(cockpitRulesProvider.create(state(ruler)));
    expect(error.code).toBe(code);
    expect(error.message).toContain(`HTTP ${status}`);
    expect(JSON.stringify(error.toErrorResponse())).not.toContain(TOKEN);
  });

  it("fails a delete that the ruler refuses for a reason other than not found", async () => {
    ruler.status = 403;
    expect(
      (await infraErrorOf(cockpitRulesProvider.delete?.("id", state(ruler)) ?? Promise.resolve())).code,
    ).toBe("INFRA_003");
  });

  it("reports an unreachable ruler as INFRA_005", async () => {
    const unreachable = { ...state(ruler), rulerUrl: "http://127.0.0.1:1" };
    const error = await infraErrorOf(cockpitRulesProvider.create(unreachable));
    expect(error.code).toBe("INFRA_005");
    expect(error.message).toMatch(/unreachable/);
  });

  it("maps statuses and builds URLs without double slashes", () => {
    expect(infraCodeForStatus(418)).toBe("INFRA_005");
    expect(rulesUrl({ baseUrl: "https://m.example/", namespace: "ns" }, "g 1")).toBe(
      "https://m.example/prometheus/config/v1/rules/ns/g%201",
    );
  });
});
