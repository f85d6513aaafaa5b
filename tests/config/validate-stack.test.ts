// validateStack: every contract key of a stack against its contract, and the rules that span
// several documents, each reported with its config key, file and line. Each case edits the valid
// production fixture and marks the edited line with `# <-`.
import { basename } from "node:path";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { MAX_REPORTED_PROBLEMS } from "@scaleway-infra/contracts/documents/validate";
import { readStackFile } from "@scaleway-infra/contracts/config/stack-file";
import { stackProblems, validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import { SECURE_VALUE_PLACEHOLDER, type StackInput } from "@scaleway-infra/contracts/config/stack-input";
import { FIXTURE, FIXTURE_TEXT, edited, lineOf, writeStack } from "./support";

const MARK = "# <-";

interface CrossCase {
  rule: string;
  what: string;
  edits: [string, string][];
  configKey: string;
  path: string;
  stackFile?: string;
}

const FAILING: CrossCase[] = [
  {
    rule: "CTR-3",
    what: "a staging container in the production stack",
    edits: [
      [
        "      environment: production\n      scaling:\n        min_instances: 2\n        max_instances: 6",
        `      environment: staging ${MARK}\n      scaling:\n        min_instances: 2\n        max_instances: 6`,
      ],
    ],
    configKey: "scaleway-infra:containers",
    path: "/1/environment",
  },
  {
    rule: "CTR-6",
    what: "a secret variable naming an undeclared secret",
    edits: [
      [
        "          value: production-runners-api_key\n",
        `          value: production-streamlit-api_key ${MARK}\n`,
      ],
    ],
    configKey: "scaleway-infra:containers",
    path: "/1/environment_variables/0/value",
  },
  {
    rule: "CTR-1",
    what: "the same service declared twice",
    edits: [["    - name: runners\n", `    - name: documentation ${MARK}\n`]],
    configKey: "scaleway-infra:containers",
    path: "/1/name",
  },
  {
    rule: "SEC-7",
    what: "a staging secret in the production stack",
    edits: [
      ["    - name: production-runners-api_key", `    - name: staging-runners-api_key`],
      [
        "        secure: v1:5o1bJ9W3m0yGx2Qe:7m3mQ0T1dDqY8b6Yk2kZrC9k8nB4u1v0Yw==\n      environment: production",
        `        secure: v1:5o1bJ9W3m0yGx2Qe:7m3mQ0T1dDqY8b6Yk2kZrC9k8nB4u1v0Yw==\n      environment: staging ${MARK}`,
      ],
    ],
    configKey: "scaleway-infra:secrets",
    path: "/1/environment",
  },
  {
    rule: "SEC-1",
    what: "a secret named for another environment",
    edits: [
      ["    - name: production-runners-api_key", `    - name: staging-runners-api_key ${MARK}`],
      [
        "        secure: v1:5o1bJ9W3m0yGx2Qe:7m3mQ0T1dDqY8b6Yk2kZrC9k8nB4u1v0Yw==\n      environment: production",
        "        secure: v1:5o1bJ9W3m0yGx2Qe:7m3mQ0T1dDqY8b6Yk2kZrC9k8nB4u1v0Yw==\n      environment: staging",
      ],
    ],
    configKey: "scaleway-infra:secrets",
    path: "/1/name",
  },
  {
    rule: "SEC-3",
    what: "a secret value in clear in the stack file",
    edits: [
      [
        "      value:\n        secure: v1:5o1bJ9W3m0yGx2Qe:7m3mQ0T1dDqY8b6Yk2kZrC9k8nB4u1v0Yw==",
        `      value: c3VwZXItc2VjcmV0LWtleQ== ${MARK}`,
      ],
    ],
    configKey: "scaleway-infra:secrets",
    path: "/1/value",
  },
  {
    rule: "STA-2",
    what: "the staging state bucket in the production stack",
    edits: [
      ["    environment: production\n    backend:", "    environment: staging\n    backend:"],
      ["      bucket: scaleway-infra-state-production", `      bucket: scaleway-infra-state-staging ${MARK}`],
      ["      key: production/scaleway-infra.tfstate", "      key: staging/scaleway-infra.tfstate"],
    ],
    configKey: "scaleway-infra:state",
    path: "/backend/bucket",
  },
  {
    rule: "STA-5",
    what: "a state key of another environment",
    edits: [
      ["    environment: production\n    backend:", "    environment: staging\n    backend:"],
      ["      bucket: scaleway-infra-state-production", "      bucket: scaleway-infra-state-staging"],
      ["      key: production/scaleway-infra.tfstate", `      key: staging/scaleway-infra.tfstate ${MARK}`],
    ],
    configKey: "scaleway-infra:state",
    path: "/backend/key",
  },
  {
    rule: "ENV-4",
    what: "a provider region other than the environment's",
    edits: [
      ["  scaleway:region: fr-par", "  scaleway:region: nl-ams"],
      ["      region: fr-par\n      zone: fr-par-1", `      region: fr-par ${MARK}\n      zone: fr-par-1`],
    ],
    configKey: "scaleway-infra:environment",
    path: "/scaleway/region",
  },
  {
    rule: "ENV-4",
    what: "a provider zone other than the environment's",
    edits: [
      ["  scaleway:zone: fr-par-1", "  scaleway:zone: fr-par-2"],
      ["      zone: fr-par-1", `      zone: fr-par-1 ${MARK}`],
    ],
    configKey: "scaleway-infra:environment",
    path: "/scaleway/zone",
  },
  {
    rule: "ENV-4",
    what: "a provider zone outside the provider region",
    edits: [
      ["  scaleway:zone: fr-par-1", "  scaleway:zone: pl-waw-1"],
      ["      zone: fr-par-1", `      zone: fr-par-1 ${MARK}`],
    ],
    configKey: "scaleway-infra:environment",
    path: "/scaleway/zone",
  },
  {
    rule: "OPS-1",
    what: "a provider project other than the environment's",
    edits: [
      [
        "  scaleway:projectId: 6a0c2ca8-917a-418a-90a3-05949b55a7ae",
        "  scaleway:projectId: 11111111-2222-4333-8444-555555555555",
      ],
      [
        "      project_id: 6a0c2ca8-917a-418a-90a3-05949b55a7ae",
        `      project_id: 6a0c2ca8-917a-418a-90a3-05949b55a7ae ${MARK}`,
      ],
    ],
    configKey: "scaleway-infra:environment",
    path: "/scaleway/project_id",
  },
  {
    rule: "ENV-1",
    what: "an environment named other than the stack",
    edits: [["    name: production\n    scaleway:", `    name: staging ${MARK}\n    scaleway:`]],
    configKey: "scaleway-infra:environment",
    path: "/name",
  },
  {
    rule: "ENV-1",
    what: "a stack that is not an environment",
    edits: [["    name: production\n    scaleway:", `    name: production ${MARK}\n    scaleway:`]],
    configKey: "scaleway-infra:environment",
    path: "/name",
    stackFile: "Pulumi.dev.yaml",
  },
  {
    rule: "ENV-6",
    what: "unencrypted state where the environment requires encryption",
    edits: [["    encryption:\n      enabled: true", `    encryption:\n      enabled: false ${MARK}`]],
    configKey: "scaleway-infra:state",
    path: "/encryption/enabled",
  },
  {
    rule: "DB-4",
    what: "a public database where the environment asks for private networking",
    edits: [["      type: private\n      allowed_ips:", `      type: public ${MARK}\n      allowed_ips:`]],
    configKey: "scaleway-infra:database",
    path: "/network/type",
  },
  {
    rule: "DB-1",
    what: "a staging database in the production stack",
    edits: [
      [
        "    name: main-production\n    environment: production",
        `    name: main-staging\n    environment: staging ${MARK}`,
      ],
      ["      retention_days: 30", "      retention_days: 7"],
    ],
    configKey: "scaleway-infra:database",
    path: "/environment",
  },
  {
    rule: "ALR-1",
    what: "two alerts with the same name",
    edits: [["    - name: database-cpu-high", `    - name: documentation-high-error-rate ${MARK}`]],
    configKey: "scaleway-infra:alerts",
    path: "/1/name",
  },
  {
    rule: "OPS-4",
    what: "an alert on a service the stack does not deploy",
    edits: [["      target: documentation", `      target: streamlit ${MARK}`]],
    configKey: "scaleway-infra:alerts",
    path: "/0/target",
  },
  {
    rule: "CTR-4",
    what: "a single-document rule inside a list (one instance in production)",
    edits: [
      [
        "        min_instances: 2\n        max_instances: 6",
        `        min_instances: 1 ${MARK}\n        max_instances: 6`,
      ],
    ],
    configKey: "scaleway-infra:containers",
    path: "/1/scaling/min_instances",
  },
];

function problemsOf(text: string, stackFile = "Pulumi.production.yaml") {
  const file = writeStack(text, stackFile);
  return { file, problems: stackProblems(readStackFile(file)) };
}

describe("validateStack on the valid production fixture", () => {
  it("returns the typed contracts", () => {
    const contracts = validateStack(readStackFile(FIXTURE));
    expect(contracts.containers.map((c) => c.name)).toEqual(["documentation", "runners"]);
    expect(contracts.secrets[1].value).toBe(SECURE_VALUE_PLACEHOLDER);
    expect(contracts.environment.name).toBe("production");
  });
});

describe.each(FAILING.map((c) => [`${c.rule}: rejects ${c.what}`, c] as const))("%s", (_name, c) => {
  it("reports the rule at the config key, pointer, file and line of the offending value", () => {
    const text = edited(c.edits);
    const { file, problems } = problemsOf(text, c.stackFile);
    expect(problems).toContainEqual(
      expect.objectContaining({
        rule: c.rule,
        configKey: c.configKey,
        path: c.path,
        file,
        line: lineOf(text, MARK),
      }),
    );
  });
});

describe("the cross-document rules pass on a stack that keeps them", () => {
  it.each([
    "CTR-3",
    "CTR-6",
    "CTR-1",
    "SEC-7",
    "SEC-1",
    "SEC-3",
    "STA-2",
    "STA-5",
    "ENV-4",
    "OPS-1",
    "ENV-1",
    "ENV-6",
    "DB-4",
    "DB-1",
    "ALR-1",
    "OPS-4",
  ])("%s: no problem on the production fixture", (rule) => {
    expect(stackProblems(readStackFile(FIXTURE)).filter((p) => p.rule === rule)).toEqual([]);
  });

  it("ENV-4: a stack without provider keys takes the environment's region and zone", () => {
    const text = edited([
      ["  scaleway:region: fr-par\n", ""],
      ["  scaleway:zone: fr-par-1\n", ""],
    ]);
    expect(problemsOf(text).problems).toEqual([]);
  });

  it("SEC-3: a database_url secret may omit its value (derived from the database)", () => {
    expect(FIXTURE_TEXT).toContain("type: database_url");
    expect(stackProblems(readStackFile(FIXTURE))).toEqual([]);
  });
});

describe("validateStack reporting", () => {
  it("reports every problem of every document in one INFRA_001, not the first only", () => {
    const text = edited(FAILING.slice(0, 3).flatMap((c) => c.edits));
    const file = writeStack(text);
    try {
      validateStack(readStackFile(file));
      throw new Error("expected an InfraError");
    } catch (error) {
      expect(error).toBeInstanceOf(InfraError);
      const infra = error as InfraError;
      expect(infra.code).toBe("INFRA_001");
      expect(infra.message).toMatch(
        /^The configuration of stack production \(.*Pulumi\.production\.yaml\) is invalid: \d+ problems\.$/,
      );
      expect(infra.problems.map((p) => p.rule)).toEqual(expect.arrayContaining(["CTR-3", "CTR-6", "CTR-1"]));
      expect(infra.problems.every((p) => p.file === file && typeof p.line === "number")).toBe(true);
    }
  });

  it("ENV-4: a non-EU provider region is one problem that says so, with no zone suggested in that region", () => {
    const env4 = problemsOf(
      edited([["  scaleway:region: fr-par", "  scaleway:region: us-east-1"]]),
    ).problems.filter((p) => p.rule === "ENV-4");
    expect(env4).toHaveLength(1);
    expect(env4[0].message).toContain("us-east-1, which is not an EU region");
    expect(env4[0].fix).toBe(
      "Set scaleway:region: fr-par, the region of environment.scaleway (EU regions: fr-par, nl-ams, pl-waw).",
    );
  });

  it("CTR-6: offers the declared secret a mistyped secret reference is closest to", () => {
    const ctr6 = problemsOf(
      edited([
        ["          value: production-runners-api_key\n", "          value: production-runners-apikey\n"],
      ]),
    ).problems.find((p) => p.rule === "CTR-6" && p.message.includes("declared in scaleway-infra:secrets"));
    expect(ctr6?.fix).toMatch(/^Did you mean production-runners-api_key\? /);
  });

  it("names a missing contract key", () => {
    const text = FIXTURE_TEXT.replace(/  scaleway-infra:alerts:[\s\S]*$/, "");
    expect(problemsOf(text).problems).toEqual([
      expect.objectContaining({
        rule: "SCHEMA",
        configKey: "scaleway-infra:alerts",
        path: "",
        message: expect.stringContaining("alerts is missing"),
        // The config: section's first line, where the key belongs.
        line: lineOf(text, "  scaleway:region:"),
      }),
    ]);
  });

  it("never shows a secret value, in clear or secure", () => {
    const text = edited([
      [
        "      value:\n        secure: v1:5o1bJ9W3m0yGx2Qe:7m3mQ0T1dDqY8b6Yk2kZrC9k8nB4u1v0Yw==",
        "      value: c3VwZXItc2VjcmV0LWtleQ==",
      ],
    ]);
    const shown = JSON.stringify(problemsOf(text).problems);
    expect(shown).toContain("SEC-3");
    expect(shown).not.toContain("c3VwZXItc2VjcmV0LWtleQ==");
    expect(JSON.stringify(stackProblems(readStackFile(FIXTURE)))).not.toContain("v1:5o1bJ9W3m0yGx2Qe");
  });

  it("validates a StackInput built without a file (as the Pulumi program does), without file or line", () => {
    const fromFile = readStackFile(FIXTURE);
    const input: StackInput = {
      stack: "production",
      values: structuredClone(fromFile.values),
      provider: {},
      secretPointers: new Set(["/secrets/1/value"]),
    };
    expect(validateStack(input).database.name).toBe("main-production");
    (input.values.containers as { environment: string }[])[0].environment = "staging";
    expect(stackProblems(input)).toEqual([
      expect.objectContaining({
        rule: "CTR-3",
        configKey: "scaleway-infra:containers",
        path: "/0/environment",
      }),
    ]);
    expect(stackProblems(input)[0].file).toBeUndefined();
  });

  it("lists at most MAX_REPORTED_PROBLEMS problems and gives the total", () => {
    const input = readStackFile(FIXTURE);
    const broken = Array.from({ length: 100 }, () => ({ name: "web", environment: "dev" }));
    const error = (() => {
      try {
        validateStack({ ...input, values: { ...input.values, containers: broken } });
      } catch (e) {
        return e as InfraError;
      }
      throw new Error("expected an InfraError");
    })();
    const total = stackProblems({ ...input, values: { ...input.values, containers: broken } }).length;
    expect(total).toBeGreaterThan(MAX_REPORTED_PROBLEMS);
    expect(error.problems).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(error.message).toBe(
      `The configuration of stack production (${FIXTURE}) is invalid: ${total} problems (the first ${MAX_REPORTED_PROBLEMS} are listed).`,
    );
    expect(error.toErrorResponse().details).toMatchObject({ total_problems: total });
  });

  it("withholds every value of a key that is secret as a whole", () => {
    const input = readStackFile(FIXTURE);
    const secrets = input.values.secrets as { name: string }[];
    secrets[0].name = "production-documentation-not_a_type";
    const asWhole: StackInput = { ...input, secretPointers: new Set(["/secrets"]) };
    const problems = stackProblems(asWhole).filter((p) => p.configKey === "scaleway-infra:secrets");
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.redacted === true && p.value === undefined)).toBe(true);
    expect(JSON.stringify(problems)).not.toContain("not_a_type");
  });

  it("reads the stack name from the file name", () => {
    expect(basename(FIXTURE)).toBe("Pulumi.production.yaml");
    expect(readStackFile(FIXTURE).stack).toBe("production");
  });
});
