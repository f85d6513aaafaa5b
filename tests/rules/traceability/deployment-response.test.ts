// DEP-2 in the deployment workflow itself: the response a real run produces follows
// deployment_response, and the workflow refuses to hand back a response that breaks it (here: an
// engine that reports a container URL that is not a URI), with INFRA_001 naming DEP-2.
import { InMemoryEngine } from "../../../cli/deploy/engine/in-memory-engine";
import { CONTAINERS_CONFIG_KEY } from "../../../cli/deploy/release-config";
import { checkDeploymentRequest } from "../../../cli/deploy/request";
import { runDeployment } from "../../../cli/deploy/workflow";
import { contractProblems } from "@scaleway-infra/contracts/documents/validate";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { containerSpec, deploymentRequest, tempDir } from "../../deploy/support/fixtures";

function engineReporting(urlOf: (name: string) => string): InMemoryEngine {
  return new InMemoryEngine({
    stackName: "staging",
    config: { [CONTAINERS_CONFIG_KEY]: [containerSpec("documentation"), containerSpec("runners")] },
    deployed: true,
    urlOf: (container) => urlOf(container.name),
  });
}

function deploy(engine: InMemoryEngine) {
  const plan = checkDeploymentRequest(
    deploymentRequest({
      validation: { health_checks: false, smoke_tests: false },
      smoke_tests: undefined,
    }),
  );
  return runDeployment({
    engine,
    plan,
    dryRun: false,
    stateDir: tempDir(),
    policyPacks: ["policies"],
    env: {},
    stderr: () => undefined,
  });
}

describe("DEP-2 in the deployment workflow", () => {
  it("returns a response that follows deployment_response", async () => {
    const { response } = await deploy(engineReporting((name) => `https://${name}.staging.example.gouv.fr`));
    expect(response.status).toBe("completed");
    expect(contractProblems("deployment-response", response)).toEqual([]);
  });

  it("refuses a response that breaks deployment_response with INFRA_001 naming DEP-2", async () => {
    let thrown: unknown;
    try {
      await deploy(engineReporting((name) => `not a uri for ${name}`));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InfraError);
    const error = thrown as InfraError;
    expect(error.code).toBe("INFRA_001");
    expect(error.problems).toContainEqual(
      expect.objectContaining({ rule: "DEP-2", path: expect.stringMatching(/^\/services\/\d+\/url$/) }),
    );
  });
});
