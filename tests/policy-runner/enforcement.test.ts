import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isInfraError, type InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import {
  parsePolicyPackConfig,
  readPolicyPackConfig,
  resolvePolicySettings,
} from "../../cli/policy-runner/enforcement";
import { allPolicies } from "../../policies/all";
import { containerProps, databaseProps, evaluate, resource } from "../policies/helpers";
import { scalewayFactPolicies } from "../../policies/scaleway-facts";

const policies = allPolicies();
const weakContainer = resource(
  "container",
  "documentation",
  containerProps({ minScale: 1, privacy: undefined }),
);
// A medium-severity (advisory) violation next to the container's high-severity ones.
const emptyVersion = resource("secretVersion", "documentation-api-key-version", {});

async function thrownAsync(run: () => Promise<unknown>): Promise<InfraError> {
  try {
    await run();
  } catch (error) {
    if (isInfraError(error)) return error;
    throw error;
  }
  throw new Error("expected an InfraError");
}

describe("policy pack config (Pulumi's --policy-pack-config format)", () => {
  it("gives every policy the level of its severity when there is no config, as the engine does", () => {
    const settings = resolvePolicySettings(policies);
    for (const policy of policies)
      expect([policy.name, settings.get(policy.name)?.enforcementLevel]).toEqual([
        policy.name,
        ["critical", "high"].includes(policy.severity) ? "mandatory" : "advisory",
      ]);
    for (const policy of scalewayFactPolicies)
      expect(settings.get(policy.name)?.enforcementLevel).toBe("advisory");
  });

  it("overrides the severity's level either way, per policy and with all", () => {
    const perPolicy = resolvePolicySettings(
      policies,
      parsePolicyPackConfig({
        "database-acl-documented": "mandatory",
        "container-scaling-redundant": "advisory",
      }),
    );
    expect(perPolicy.get("database-acl-documented")?.enforcementLevel).toBe("mandatory");
    expect(perPolicy.get("container-scaling-redundant")?.enforcementLevel).toBe("advisory");
    const all = resolvePolicySettings(policies, parsePolicyPackConfig({ all: "mandatory" }));
    expect(all.get("iam-policy-documented")?.enforcementLevel).toBe("mandatory");
  });

  it("sets every policy's level with all", () => {
    const settings = resolvePolicySettings(policies, parsePolicyPackConfig({ all: "advisory" }));
    expect(new Set([...settings.values()].map((s) => s.enforcementLevel))).toEqual(new Set(["advisory"]));
  });

  it("lets a policy's own entry win over all", () => {
    const config = parsePolicyPackConfig({
      all: "advisory",
      "container-scaling-redundant": { enforcementLevel: "mandatory" },
    });
    const settings = resolvePolicySettings(policies, config);
    expect(settings.get("container-scaling-redundant")?.enforcementLevel).toBe("mandatory");
    expect(settings.get("container-privacy-explicit")?.enforcementLevel).toBe("advisory");
  });

  it("fills config from the policy's schema defaults", () => {
    expect(resolvePolicySettings(policies).get("database-encryption-at-rest")?.config).toEqual({
      encryptionRequired: true,
    });
  });

  it("rejects an unknown level", () => {
    expect(() => parsePolicyPackConfig({ all: "strict" })).toThrow("invalid policy pack config");
  });

  it("rejects a policy the pack does not have, naming it", () => {
    try {
      resolvePolicySettings(policies, parsePolicyPackConfig({ "no-such-policy": "disabled" }, "cfg.json"));
      throw new Error("expected an error");
    } catch (error) {
      expect(isInfraError(error) && error.problems[0]).toMatchObject({
        path: "/no-such-policy",
        file: "cfg.json",
      });
    }
  });

  it("rejects a config property the policy does not declare, and a mistyped one", () => {
    const config = parsePolicyPackConfig({
      "database-encryption-at-rest": { encryptionRequired: "yes" },
      "container-privacy-explicit": { strictness: 3 },
    });
    try {
      resolvePolicySettings(policies, config);
      throw new Error("expected an error");
    } catch (error) {
      expect(isInfraError(error) && error.problems.map((p) => p.path).sort()).toEqual([
        "/container-privacy-explicit/strictness",
        "/database-encryption-at-rest/encryptionRequired",
      ]);
    }
  });

  it("reads a config file and reports broken JSON as INFRA_001", () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-config-"));
    writeFileSync(join(dir, "ok.json"), JSON.stringify({ "container-privacy-explicit": "disabled" }));
    writeFileSync(join(dir, "broken.json"), "{ all: ");
    expect(readPolicyPackConfig(join(dir, "ok.json")).policies["container-privacy-explicit"]).toEqual({
      enforcementLevel: "disabled",
      properties: {},
    });
    expect(() => readPolicyPackConfig(join(dir, "broken.json"))).toThrow("invalid policy pack config");
  });
});

describe("enforcement in the runner", () => {
  it("counts violations of high-severity policies as mandatory, and of medium ones as advisory", async () => {
    const evaluation = await evaluate([weakContainer, emptyVersion]);
    const failing = evaluation.findings.filter((f) => f.status === "fail");
    expect(failing.map((f) => f.policy)).toEqual(
      expect.arrayContaining(["container-scaling-redundant", "secret-version-has-payload"]),
    );
    expect(failing.find((f) => f.policy === "container-scaling-redundant")?.enforcementLevel).toBe(
      "mandatory",
    );
    expect(failing.find((f) => f.policy === "secret-version-has-payload")?.enforcementLevel).toBe("advisory");
    const advisory = failing.filter((f) => f.enforcementLevel === "advisory").length;
    expect(advisory).toBeGreaterThan(0);
    expect(evaluation.summary).toMatchObject({
      mandatoryViolations: failing.length - advisory,
      advisoryViolations: advisory,
    });
  });

  it("reports a policy made advisory by the config as advisory, and one made mandatory as mandatory", async () => {
    const before = (await evaluate([weakContainer, emptyVersion])).summary;
    const evaluation = await evaluate([weakContainer, emptyVersion], {
      enforcement: parsePolicyPackConfig({
        "container-scaling-redundant": "advisory",
        "secret-version-has-payload": "mandatory",
      }),
    });
    expect(evaluation.findings.find((f) => f.policy === "container-scaling-redundant")).toMatchObject({
      status: "fail",
      enforcementLevel: "advisory",
    });
    expect(evaluation.findings.find((f) => f.policy === "secret-version-has-payload")).toMatchObject({
      status: "fail",
      enforcementLevel: "mandatory",
    });
    expect(evaluation.summary).toMatchObject({
      mandatoryViolations: before.mandatoryViolations,
      advisoryViolations: before.advisoryViolations,
    });
  });

  it("skips a disabled policy and says why its rule is not applicable", async () => {
    const evaluation = await evaluate([weakContainer, emptyVersion], {
      enforcement: parsePolicyPackConfig({ "container-scaling-redundant": "disabled" }),
    });
    expect(evaluation.findings.some((f) => f.policy === "container-scaling-redundant")).toBe(false);
    const rule = evaluation.rules.find((r) => r.ruleId === "CTR-4");
    expect(rule?.status).toBe("not_applicable");
    expect(rule?.note).toContain("disabled");
    expect(evaluation.policies.find((p) => p.name === "container-scaling-redundant")?.enforcementLevel).toBe(
      "disabled",
    );
  });

  it("rejects a config naming an unknown policy before evaluating anything", async () => {
    const error = await thrownAsync(() =>
      evaluate([weakContainer, emptyVersion], { enforcement: parsePolicyPackConfig({ nope: "advisory" }) }),
    );
    expect(error.code).toBe("INFRA_001");
  });
});

// Attack 2 finding 1: a rule whose policies all said why they did not apply carries that reason,
// not "no resource of the stack is one its policies apply to", which was false.
describe("the note of a rule whose policies did not apply", () => {
  it("says what the policies said", async () => {
    const stagingDatabase = resource(
      "databaseInstance",
      "platform-staging",
      databaseProps({ tags: ["env:staging", "service:database"] }),
      {
        stack: "staging",
      },
    );
    const evaluation = await evaluate([stagingDatabase]);
    const rule = evaluation.rules.find((r) => r.ruleId === "DB-2");
    expect(rule?.status).toBe("not_applicable");
    expect(rule?.note).toBe("High availability is required in production only");
  });
});
