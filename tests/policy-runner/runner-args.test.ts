// The runner builds validation arguments the way @pulumi/policy's server does. These tests use small
// probe policies to look at exactly what a policy receives.
import * as scaleway from "@pulumiverse/scaleway";
import { UNKNOWN, type PlannedResource } from "../../cli/plan/model";
import { evaluatePolicies } from "../../cli/policy-runner/runner";
import { resourcePolicy, stackPolicy, type ContractPolicy } from "../../policies/metadata";
import type { ResourceValidationArgs, StackValidationArgs } from "../../policies/policy-types";
import { isUnknownValueError } from "../../policies/unknown-values";
import { containerProps, resource, urnOf } from "../policies/helpers";

function probe(
  onArgs: (args: ResourceValidationArgs) => void,
  configSchema?: ContractPolicy["configSchema"],
): ContractPolicy {
  return resourcePolicy({
    name: "probe",
    description: "Probe.",
    ruleIds: ["CTR-1"],
    severity: "low",
    remediationSteps: "None needed.",
    kinds: ["container"],
    configSchema,
    validate: (_props, args) => onArgs(args),
  });
}

async function argsFor(
  planned: PlannedResource[],
  policy: (collect: (a: ResourceValidationArgs) => void) => ContractPolicy,
  stackTags?: Record<string, string>,
) {
  const seen: ResourceValidationArgs[] = [];
  await evaluatePolicies(planned, {
    stack: "production",
    policies: [policy((a) => seen.push(a))],
    stackTags,
  });
  return seen;
}

describe("resource validation args", () => {
  const container = resource("container", "documentation", containerProps({ minScale: UNKNOWN }), {
    parent: "urn:pulumi:production::scaleway-infra::scaleway-infra:x:Y::parent",
  });

  it("puts props behind unknownCheckingProxy: reading an unknown value throws UnknownValueError", async () => {
    const [args] = await argsFor([container], (c) => probe(c));
    expect(args.props.maxScale).toBe(5);
    let error: unknown;
    try {
      void args.props.minScale;
    } catch (caught) {
      error = caught;
    }
    expect(isUnknownValueError(error)).toBe(true);
  });

  it("passes type, urn, name and the parent in opts", async () => {
    const [args] = await argsFor([container], (c) => probe(c));
    expect(args).toMatchObject({ type: container.type, urn: container.urn, name: "documentation" });
    expect(args.opts).toMatchObject({ parent: container.parent, protect: false, ignoreChanges: [] });
  });

  it("answers isType and asType for the SDK's resource classes", async () => {
    const [args] = await argsFor([container], (c) => probe(c));
    expect(args.isType(scaleway.containers.Container)).toBe(true);
    expect(args.isType(scaleway.databases.Instance)).toBe(false);
    expect(args.asType(scaleway.containers.Container)?.maxScale).toBe(5);
  });

  it("returns configSchema defaults from getConfig", async () => {
    const schema = { properties: { threshold: { type: "integer" as const, default: 3 } } };
    const [args] = await argsFor([container], (c) => probe(c, schema));
    expect(args.getConfig()).toEqual({ threshold: 3 });
  });

  it("passes stack tags", async () => {
    const [args] = await argsFor([container], (c) => probe(c), { "pulumi:project": "scaleway-infra" });
    expect(args.stackTags.get("pulumi:project")).toBe("scaleway-infra");
  });

  it("resolves the provider reference to the provider's props", async () => {
    const providerUrn = urnOf("production", "pulumi:providers:scaleway", "eu");
    const provider: PlannedResource = {
      urn: providerUrn,
      type: "pulumi:providers:scaleway",
      name: "eu",
      custom: true,
      dependencies: [],
      props: { region: "nl-ams" },
      secretPaths: [],
    };
    const withProvider = { ...container, provider: `${providerUrn}::1234` };
    const [args] = await argsFor([provider, withProvider], (c) => probe(c));
    expect(args.provider).toMatchObject({ urn: providerUrn, name: "eu", type: "pulumi:providers:scaleway" });
    expect(args.provider?.props.region).toBe("nl-ams");
  });

  it("treats notApplicable as not applicable, not as a pass", async () => {
    const policy = resourcePolicy({
      name: "never-applies",
      description: "Never applies.",
      ruleIds: ["CTR-1"],
      severity: "low",
      remediationSteps: "None needed.",
      validate: (_props, args) => args.notApplicable("never"),
    });
    const evaluation = await evaluatePolicies([container], { stack: "production", policies: [policy] });
    expect(evaluation.rules.find((r) => r.ruleId === "CTR-1")).toMatchObject({ status: "not_applicable" });
  });

  it("reports a policy that throws as an error naming the policy and the resource", async () => {
    const policy = probe(() => {
      throw new Error("boom");
    });
    await expect(evaluatePolicies([container], { stack: "production", policies: [policy] })).rejects.toThrow(
      `Error validating resource ${container.urn} with policy 'probe': boom`,
    );
  });
});

describe("stack validation args", () => {
  it("gives every resource with its parent and dependencies as resource objects", async () => {
    const parent = resource("containerNamespace", "ns", { name: "production-ns", region: "fr-par" });
    const child = resource("container", "documentation", containerProps(), {
      parent: parent.urn,
      dependencies: [parent.urn],
    });
    let seen: StackValidationArgs | undefined;
    const policy = stackPolicy({
      name: "stack-probe",
      description: "Probe.",
      ruleIds: ["OPS-3"],
      severity: "low",
      remediationSteps: "None needed.",
      validate: (args) => {
        seen = args;
      },
    });
    await evaluatePolicies([parent, child], { stack: "production", policies: [policy] });
    const childView = seen?.resources.find((r) => r.urn === child.urn);
    expect(childView?.parent?.urn).toBe(parent.urn);
    expect(childView?.dependencies.map((d) => d.urn)).toEqual([parent.urn]);
    expect(childView?.props.minScale).toBe(2);
  });
});
