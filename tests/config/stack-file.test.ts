// readStackFile: a Pulumi.<stack>.yaml becomes a StackInput with the contract documents, provider
// keys, secret pointers and source positions; anything that is not a stack file is INFRA_001, a
// missing file INFRA_004.
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import {
  parseStackText,
  readStackFile,
  stackNameFromFile,
} from "@scaleway-infra/contracts/config/stack-file";
import { SECURE_VALUE_PLACEHOLDER } from "@scaleway-infra/contracts/config/stack-input";
import { FIXTURE, FIXTURE_TEXT, lineOf, writeStack } from "./support";

function failure(run: () => unknown): InfraError {
  try {
    run();
  } catch (error) {
    if (error instanceof InfraError) return error;
    throw error;
  }
  throw new Error("expected an InfraError");
}

describe("readStackFile", () => {
  const input = readStackFile(FIXTURE);

  it("takes the stack name from Pulumi.<stack>.yaml", () => {
    expect(input.stack).toBe("production");
    expect(stackNameFromFile("/x/Pulumi.staging.yml")).toBe("staging");
    expect(stackNameFromFile("/x/stack.yaml")).toBeUndefined();
  });

  it("reads the scaleway-infra contract keys and the provider keys, ignoring other namespaces", () => {
    expect(Object.keys(input.values).sort()).toEqual([
      "alerts",
      "containers",
      "database",
      "environment",
      "secrets",
      "state",
    ]);
    expect(input.provider).toEqual({
      region: "fr-par",
      zone: "fr-par-1",
      projectId: "6a0c2ca8-917a-418a-90a3-05949b55a7ae",
    });
  });

  it("replaces secure: leaves by the placeholder and lists their pointers, never keeping the ciphertext", () => {
    expect([...input.secretPointers]).toEqual(["/secrets/1/value"]);
    expect((input.values.secrets as { value?: string }[])[1].value).toBe(SECURE_VALUE_PLACEHOLDER);
    expect(JSON.stringify(input.values)).not.toContain("v1:5o1bJ9W3m0yGx2Qe");
  });

  it("locates a value by config key and pointer at its file, line and column", () => {
    expect(input.locate?.("containers", "/1/scaling/min_instances")).toEqual({
      file: FIXTURE,
      line: lineOf(FIXTURE_TEXT, "max_instances: 6") - 1,
      column: 24,
      configKey: "scaleway-infra:containers",
      pointer: "/1/scaling/min_instances",
    });
  });

  it("takes the stack name from the caller when the file is not named after a stack", () => {
    const file = writeStack(FIXTURE_TEXT, "stack-config.yaml");
    expect(readStackFile(file, { stack: "production" }).stack).toBe("production");
    expect(failure(() => readStackFile(file)).message).toContain("not named Pulumi.<stack>.yaml");
  });

  it("reports a missing file as INFRA_004", () => {
    expect(failure(() => readStackFile("/nonexistent/Pulumi.production.yaml")).code).toBe("INFRA_004");
  });

  it.each([
    ["a file without config section", "encryptionsalt: abc\n", "has no `config:` section"],
    ["a list instead of a mapping", "- a\n- b\n", "must be a mapping"],
    ["a config that is a list", "config:\n  - a\n", "`config` must be a mapping"],
    ["an unknown scaleway-infra key", "config:\n  scaleway-infra:containerz: []\n", "not a valid stack file"],
    [
      "a contract key that is secure as a whole",
      "config:\n  scaleway-infra:state:\n    secure: v1:abc\n",
      "not a valid stack file",
    ],
    [
      "a provider key that is not a string",
      "config:\n  scaleway:region: [fr-par]\n",
      "not a valid stack file",
    ],
  ])("refuses %s with INFRA_001", (_what, text, message) => {
    const error = failure(() => parseStackText(text, "Pulumi.production.yaml", "production"));
    expect(error.code).toBe("INFRA_001");
    expect(error.message).toContain(message);
  });

  it("locates structural problems at their line", () => {
    const error = failure(() =>
      parseStackText("config:\n  a: 1\n  scaleway-infra:containerz: []\n", "Pulumi.x.yaml", "x"),
    );
    expect(error.problems).toEqual([
      expect.objectContaining({
        file: "Pulumi.x.yaml",
        line: 3,
        message: "Unknown config key scaleway-infra:containerz.",
      }),
    ]);
  });
});
