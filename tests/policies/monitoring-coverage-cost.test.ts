// OPS-4's coverage check asks, for every watched container and database, whether some alert query
// selects its series. Each rule's query must be parsed once per evaluation, not once per watched
// resource: parsing per resource made stack-monitoring-coverage quadratic (12 s at 10,000 resources).
import { selectorsOf } from "@scaleway-infra/contracts/detectors/promql-selectors";
import { coverageOf, type AlertRuleView } from "../../policies/monitoring-coverage";
import type { PolicyResource } from "../../policies/policy-types";

jest.mock("@scaleway-infra/contracts/detectors/promql-selectors", () => {
  const actual = jest.requireActual("@scaleway-infra/contracts/detectors/promql-selectors");
  return { ...actual, selectorsOf: jest.fn(actual.selectorsOf) };
});

const holder = {
  type: "pulumi-nodejs:dynamic:Resource",
  props: {},
  urn: "urn:x",
  name: "rules",
} as unknown as PolicyResource;

function rule(index: number): AlertRuleView {
  return {
    alert: `cpu-${index}`,
    expr: `avg(serverless_container_cpu_usage_ratio{resource_name="svc-${index}"}) > 0.9`,
    resource: holder,
  };
}

describe("stack-monitoring-coverage's cost", () => {
  it("parses each rule's query once, however many resources it checks", () => {
    const parse = jest.mocked(selectorsOf);
    parse.mockClear();
    const rules = Array.from({ length: 5 }, (_, i) => rule(i));
    const verdicts = Array.from({ length: 40 }, (_, i) =>
      coverageOf("container", `svc-${i}`, `svc-${i}`, rules, []),
    );
    expect(verdicts.filter((v) => v.watched)).toHaveLength(5);
    expect(parse).toHaveBeenCalledTimes(5);
  });
});
