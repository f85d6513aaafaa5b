// `scaleway-infra:deployment` in a stack file: optional, accepted by the stack-file reader, and
// validated with the stack (DEP-1, CTR-2, CTR-4), each problem at its file line.
import { readStackFile } from "@scaleway-infra/contracts/config/stack-file";
import { InfraError, formatInfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { stackProblems, validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import { deploymentConfigProblems } from "@scaleway-infra/contracts/documents/deployment-config";
import { FIXTURE_TEXT, lineOf, writeStack } from "./support";

const MARK = "# <-";
const DIGEST = `sha256:${"cd".repeat(32)}`;
const PINNED = `rg.fr-par.scw.cloud/scaleway-infra/documentation:1.5.0@${DIGEST}`;

interface CopyFields {
  service?: string;
  slot?: string;
  image?: string;
  single_instance?: string;
}

function deploymentBlock(strategy = "blue_green", traffic = "copy", copy: CopyFields = {}): string {
  return [
    "  scaleway-infra:deployment:",
    "    deployment_id: production-20261127T100000Z-abc123",
    `    strategy: ${strategy}`,
    `    traffic: ${traffic}`,
    "    copies:",
    `      - service: ${copy.service ?? "documentation"}`,
    `        slot: ${copy.slot ?? "green"}`,
    `        image: ${copy.image ?? PINNED}`,
    `        single_instance: ${copy.single_instance ?? "false"}`,
    "",
  ].join("\n");
}

function stackWith(block: string): string {
  return writeStack(`${FIXTURE_TEXT.trimEnd()}\n${block}`);
}

describe("scaleway-infra:deployment in a stack", () => {
  it("is optional: the fixture without it is valid and has no deployment", () => {
    expect(validateStack(readStackFile(writeStack(FIXTURE_TEXT))).deployment).toBeUndefined();
  });

  it("is accepted by the stack-file reader and carried into the validated contracts", () => {
    const contracts = validateStack(readStackFile(stackWith(deploymentBlock())));
    expect(contracts.deployment).toEqual({
      deployment_id: "production-20261127T100000Z-abc123",
      strategy: "blue_green",
      traffic: "copy",
      copies: [{ service: "documentation", slot: "green", image: PINNED, single_instance: false }],
    });
  });

  it.each([
    ["DEP-1", "a copy of an undeclared service", { service: `billing ${MARK}` }, "/copies/0/service"],
    ["DEP-1", "a slot that is no copy slot", { slot: `blue ${MARK}` }, "/copies/0/slot"],
    ["DEP-1", "a canary slot in a blue/green deployment", { slot: `canary ${MARK}` }, "/copies/0/slot"],
    [
      "CTR-2",
      "an unpinned copy image in production",
      { image: `rg.fr-par.scw.cloud/scaleway-infra/documentation:latest ${MARK}` },
      "/copies/0/image",
    ],
    [
      "CTR-2",
      "a copy image outside the Scaleway registry",
      { image: `docker.io/library/nginx:1.27 ${MARK}` },
      "/copies/0/image",
    ],
    [
      "CTR-2",
      "a copy image in another registry namespace than the service's",
      { image: `rg.fr-par.scw.cloud/elsewhere/documentation:1.5.0@${DIGEST} ${MARK}` },
      "/copies/0/image",
    ],
    [
      "CTR-4",
      "a single-instance copy in production",
      { single_instance: `true ${MARK}` },
      "/copies/0/single_instance",
    ],
  ])("reports %s for %s at its line", (rule, _what, copy, path) => {
    const file = stackWith(deploymentBlock("blue_green", "copy", copy as CopyFields));
    const problems = stackProblems(readStackFile(file));
    expect(problems).toEqual([
      expect.objectContaining({
        rule,
        configKey: "scaleway-infra:deployment",
        path,
        line: lineOf(
          FIXTURE_TEXT.trimEnd() + "\n" + deploymentBlock("blue_green", "copy", copy as CopyFields),
          MARK,
        ),
      }),
    ]);
  });

  it("reports DEP-1 for a rolling strategy and an unknown traffic target", () => {
    const problems = stackProblems(readStackFile(stackWith(deploymentBlock("rolling", "both"))));
    expect(problems.map((p) => [p.rule, p.path])).toEqual([
      ["DEP-1", "/strategy"],
      ["DEP-1", "/traffic"],
    ]);
  });

  it("reports a field the contract does not have", () => {
    const problems = stackProblems(readStackFile(stackWith(`${deploymentBlock()}    weight: 10\n`)));
    expect(problems).toEqual([expect.objectContaining({ rule: "SCHEMA", path: "/weight" })]);
  });

  it("stops validateStack with INFRA_001 naming the rule", () => {
    const input = readStackFile(
      stackWith(deploymentBlock("canary", "service", { slot: "canary", single_instance: "true" })),
    );
    let thrown: unknown;
    try {
      validateStack(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InfraError);
    expect((thrown as InfraError).code).toBe("INFRA_001");
    expect(formatInfraError(thrown as InfraError)).toMatch(/\[CTR-4\].*single_instance/);
  });

  it("allows a single-instance canary in staging", () => {
    const problems = deploymentConfigProblems(
      {
        deployment_id: "staging-1",
        strategy: "canary",
        traffic: "service",
        copies: [
          {
            service: "documentation",
            slot: "canary",
            image: "rg.fr-par.scw.cloud/scaleway-infra-staging/documentation:1.6.0-rc.1",
            single_instance: true,
          },
        ],
      },
      {
        env: "staging",
        serviceImages: new Map([
          ["documentation", "rg.fr-par.scw.cloud/scaleway-infra-staging/documentation:1.5.0"],
        ]),
      },
    );
    expect(problems).toEqual([]);
  });

  it("reports a repeated copy of the same service and slot", () => {
    const copy = { service: "documentation", slot: "green", image: PINNED, single_instance: false };
    const problems = deploymentConfigProblems(
      { deployment_id: "d", strategy: "blue_green", traffic: "service", copies: [copy, copy] },
      { env: "production", serviceImages: new Map([["documentation", PINNED]]) },
    );
    expect(problems.map((p) => [p.rule, p.path])).toEqual([["DEP-1", "/copies/1"]]);
  });
});
