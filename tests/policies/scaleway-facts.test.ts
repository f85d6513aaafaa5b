// The advisory policy scaleway-provider-inputs: a hand-written resource with a value Scaleway would
// refuse or misread is reported (advisory, never mandatory), from a compliant baseline plus one change.
import { containerProps, databaseProps, findingsOf, iamPolicyProps, resource } from "./helpers";

const POLICY = "scaleway-provider-inputs";
const container = (overrides: Record<string, unknown> = {}, options = {}) =>
  resource(
    "container",
    "documentation",
    containerProps({ cpuLimit: 1120, memoryLimitBytes: 2_048_000_000, port: 8080, ...overrides }),
    options,
  );
const instance = (overrides: Record<string, unknown> = {}, options = {}) =>
  resource("databaseInstance", "documentation-db", databaseProps(overrides), options);

describe("scaleway-provider-inputs (advisory)", () => {
  it("passes a compliant container, database instance and IAM policy", async () => {
    expect(
      await findingsOf(POLICY, [container(), instance(), resource("iamPolicy", "p", iamPolicyProps())]),
    ).toEqual([]);
  });

  it.each([
    ["memory in binary MB", { memoryLimitBytes: 2048 * 1024 * 1024 }, "containers.memory-unit"],
    ["a CPU/memory pair Scaleway does not document", { cpuLimit: 70 }, "containers.cpu-memory-pairs"],
    ["a reserved port", { port: 9091 }, "containers.reserved-ports"],
    [
      "a reserved variable",
      { environmentVariables: { SCW_TOKEN_NAME: "x" } },
      "containers.reserved-variables",
    ],
    ["a deprecated input", { memoryLimit: 2048 }, "provider.deprecated-input"],
  ])("reports a container with %s, as advisory", async (_what, change, factId) => {
    const findings = await findingsOf(POLICY, [container(change)]);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/^\[CTR-7, DB-7\] /);
    expect(findings[0].message).toContain(factId === "provider.deprecated-input" ? "deprecated" : factId);
    expect(findings[0].enforcementLevel).toBe("advisory");
  });

  it("reports the same container under the flat type token", async () => {
    expect(await findingsOf(POLICY, [container({ port: 9090 }, { flatToken: true })])).toHaveLength(1);
  });

  it.each([
    ["a node type no longer sold", { nodeType: "DB-GP-XS" }, "rdb.node-types"],
    ["an engine past its end of life", { engine: "PostgreSQL-14" }, "rdb.postgresql-versions"],
    [
      "a volume size that is not a multiple of 5 GB",
      { volumeType: "sbs_5k", volumeSizeInGb: 12 },
      "rdb.volume-size",
    ],
  ])("reports a database instance with %s", async (_what, change, factId) => {
    const findings = await findingsOf(POLICY, [instance(change)]);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining(factId)]);
  });

  it("accepts a node type in lower case, as the provider does", async () => {
    expect(await findingsOf(POLICY, [instance({ nodeType: "db-dev-m" })])).toEqual([]);
  });

  it("reports a container whose main inputs preview cannot know yet as indeterminate, never as failing", async () => {
    const unknown = Symbol.for("scaleway-infra.unknown");
    const findings = await findingsOf(POLICY, [container({ memoryLimitBytes: unknown, cpuLimit: unknown })]);
    expect(findings.map((f) => f.status)).toEqual(["indeterminate"]);
  });

  it("skips a nested value preview cannot know yet, and checks the rest", async () => {
    const unknown = Symbol.for("scaleway-infra.unknown");
    const findings = await findingsOf(POLICY, [
      resource("secret", "s", { type: "opaque", ephemeralPolicies: [{ ttl: unknown, action: "rotate" }] }),
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining("secret-manager.ephemeral-actions"),
    ]);
  });
});
