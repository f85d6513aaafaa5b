// A stack file that breaks a Scaleway fact is refused with INFRA_001 naming the fact, its source and
// the line; values Scaleway accepts are taken as a user would naturally write them and normalised.
import { readFileSync } from "node:fs";
import { parseStackText } from "@scaleway-infra/contracts/config/stack-file";
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { nodeTypeOf, engineOf } from "../../components/database/database-inputs";
import { stackFilePath } from "../program/support/shipped-stacks";

const STAGING = readFileSync(stackFilePath("staging"), "utf8");

/** The staging stack file with one text replacement, parsed as `scw-infra plan` parses it. */
function stagingWith(from: string, to: string) {
  expect(STAGING).toContain(from);
  return parseStackText(STAGING.replace(from, to), "Pulumi.staging.yaml", "staging");
}

function refusal(input: ReturnType<typeof stagingWith>): InfraError {
  try {
    validateStack(input);
  } catch (error) {
    if (error instanceof InfraError) return error;
    throw error;
  }
  throw new Error("expected INFRA_001");
}

describe("a stack file against Scaleway's facts", () => {
  it("plans streamlit on the port its stack file sets (8501)", () => {
    const contracts = validateStack(parseStackText(STAGING, "Pulumi.staging.yaml", "staging"));
    expect(contracts.containers.find((c) => c.name === "streamlit")?.port).toBe(8501);
  });

  it("refuses a reserved port with INFRA_001, the fact, its source and the line", () => {
    const error = refusal(stagingWith("      port: 8501\n", "      port: 9090\n"));
    expect(error.code).toBe("INFRA_001");
    const problem = error.problems.find((p) => p.path === "/2/port");
    expect(problem).toMatchObject({ rule: "CTR-8", configKey: "scaleway-infra:containers" });
    expect(problem?.message).toContain("containers.reserved-ports");
    expect(problem?.message).toContain("containers-limitations");
    expect(problem?.line).toBe(STAGING.split("\n").findIndex((l) => l === "      port: 8501") + 1);
  });

  it("refuses a CPU/memory pair Scaleway does not document, and says which CPU goes with the memory", () => {
    const error = refusal(
      stagingWith("        cpu: 2240\n        memory: 4096\n", "        cpu: 2000\n        memory: 4096\n"),
    );
    const problem = error.problems.find((p) => p.path === "/1/resources/cpu");
    expect(problem?.message).toContain("containers.cpu-memory-pairs");
    expect(problem?.fix).toContain("2240");
  });

  it("refuses a reserved variable name (SCW_ prefix)", () => {
    const error = refusal(
      stagingWith(
        "        - name: LOG_LEVEL\n          value: debug",
        "        - name: SCW_LOG_LEVEL\n          value: debug",
      ),
    );
    expect(error.problems.find((p) => p.path === "/0/environment_variables/0/name")?.message).toContain(
      "containers.reserved-variables",
    );
  });

  it("refuses a node type Scaleway no longer sells, and an engine past its end of life", () => {
    const retired = refusal(
      stagingWith(
        "    high_availability: false\n",
        "    node_type: DB-GP-XS\n    high_availability: false\n",
      ),
    );
    expect(retired.problems.find((p) => p.path === "/node_type")?.fix).toContain("rdb.node-types");
    const old = refusal(stagingWith('      version: "16"\n', '      version: "14"\n'));
    expect(old.problems.find((p) => p.path === "/engine/version")?.fix).toContain("rdb.postgresql-versions");
  });

  it("refuses a cname_ready domain that is not one of the container's domains", () => {
    const error = refusal(
      stagingWith(
        "          - docs.staging.example.gouv.fr\n",
        "          - docs.staging.example.gouv.fr\n        cname_ready:\n          - other.example.gouv.fr\n",
      ),
    );
    expect(error.problems.find((p) => p.path === "/0/networking/cname_ready/0")?.rule).toBe("CTR-8");
  });

  it("accepts the engine and node type in any letter case and normalises them", () => {
    const input = stagingWith("      type: postgresql\n    storage:", "      type: PostgreSQL\n    storage:");
    const withNode = parseStackText(
      STAGING.replace("      type: postgresql\n    storage:", "      type: PostgreSQL\n    storage:").replace(
        "    high_availability: false\n",
        "    node_type: db-play2-nano\n    high_availability: false\n",
      ),
      "Pulumi.staging.yaml",
      "staging",
    );
    expect(() => validateStack(input)).not.toThrow();
    const contracts = validateStack(withNode);
    expect(engineOf(contracts.database)).toBe("PostgreSQL-16");
    expect(nodeTypeOf(contracts.database, "staging")).toBe("DB-PLAY2-NANO");
  });
});
