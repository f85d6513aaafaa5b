// Fault injection over strategy x failure x rollback setting: every combination must end with the
// right status, rollback done or not as the request says, no green or canary container left in the
// engine, and a response valid against the deployment_response schema.
import type { EngineFault } from "../../cli/deploy/engine/in-memory-engine";
import { checkDeploymentRequest } from "../../cli/deploy/request";
import { runDeployment } from "../../cli/deploy/workflow";
import { ContainerServers, startContainerServers } from "./support/container-servers";
import { PREVIOUS_VERSION, deployedTags, deploymentRequest, memoryEngine, tempDir } from "./support/fixtures";
import { responseSchemaErrors } from "./support/response-schema";

type Strategy = "rolling" | "blue_green" | "canary";
type Failure = "none" | "health-check failure" | "smoke failure" | "engine failure mid-way" | "timeout";

const STRATEGIES: Strategy[] = ["rolling", "blue_green", "canary"];
const FAILURES: Failure[] = [
  "none",
  "health-check failure",
  "smoke failure",
  "engine failure mid-way",
  "timeout",
];
const RELEASE = "2.0.0";

/** The `up` that fails half-way through: the one that first touches the services' own containers. */
const MID_WAY_UP: Record<Strategy, number> = { rolling: 1, blue_green: 2, canary: 2 };
const EXPECTED_CODE: Record<Exclude<Failure, "none">, string> = {
  "health-check failure": "INFRA_006",
  "smoke failure": "INFRA_005",
  "engine failure mid-way": "INFRA_005",
  timeout: "INFRA_006",
};

/** With rollback disabled, whether the services end on the release (the failure came after they moved). */
function servicesReachedRelease(strategy: Strategy, failure: Failure): boolean {
  if (failure === "none") return true;
  if (strategy === "rolling") return true;
  return failure === "engine failure mid-way";
}

let servers: ContainerServers;
beforeAll(async () => {
  servers = await startContainerServers();
});
afterAll(async () => {
  await servers.close();
});

const cases = STRATEGIES.flatMap((strategy) =>
  FAILURES.flatMap((failure) => [true, false].map((rollback) => ({ strategy, failure, rollback }))),
);

describe.each(cases)(
  "$strategy with $failure, rollback enabled: $rollback",
  ({ strategy, failure, rollback }) => {
    const behaviours = {
      none: undefined,
      "health-check failure": "failing",
      "smoke failure": "smoke-broken",
      "engine failure mid-way": undefined,
      timeout: "slow",
    } as const;
    let outcome: Awaited<ReturnType<typeof runDeployment>>;
    let engine: ReturnType<typeof memoryEngine>;

    beforeAll(async () => {
      const behaviour = behaviours[failure];
      const faults: EngineFault[] =
        failure === "engine failure mid-way"
          ? [{ operation: "up", call: MID_WAY_UP[strategy], afterApplying: true }]
          : [];
      engine = memoryEngine({ servers, behaviours: behaviour ? { [RELEASE]: behaviour } : {}, faults });
      const plan = checkDeploymentRequest(
        deploymentRequest({ strategy, version: RELEASE, rollback: { enabled: rollback, timeout: 1 } }),
      );
      outcome = await runDeployment({
        engine,
        plan,
        dryRun: false,
        stateDir: tempDir(),
        policyPacks: ["policies"],
        env: {},
        stderr: () => undefined,
      });
    });

    it("ends with the status the failure and the rollback setting call for", () => {
      const expected = failure === "none" ? "completed" : rollback ? "rolled_back" : "failed";
      expect(outcome.response.status).toBe(expected);
    });

    it("reports the failure's INFRA code in errors, or no error at all", () => {
      if (failure === "none") {
        expect(outcome.error).toBeUndefined();
        expect(outcome.response.errors).toBeUndefined();
      } else {
        expect(outcome.error?.code).toBe(EXPECTED_CODE[failure]);
        expect(outcome.response.errors?.[0]).toMatch(new RegExp(`^${EXPECTED_CODE[failure]}: `));
      }
    });

    it("leaves the services on the release, or on the previous version when rolled back", () => {
      const expectedTag =
        failure !== "none" && rollback
          ? PREVIOUS_VERSION
          : servicesReachedRelease(strategy, failure)
            ? RELEASE
            : PREVIOUS_VERSION;
      expect(deployedTags(engine)).toEqual({ documentation: expectedTag, runners: expectedTag });
    });

    it("runs a rollback update only when rollback is enabled and something failed", async () => {
      const messages = (await engine.history()).map((entry) => entry.message);
      const rolledBack = messages.some((message) => message.includes(`rollback to ${PREVIOUS_VERSION}`));
      expect(rolledBack).toBe(failure !== "none" && rollback);
    });

    it("marks every requested service with the deployment's outcome", () => {
      const expected = failure === "none" ? "deployed" : rollback ? "rolled_back" : "failed";
      expect(outcome.response.services.map((s) => [s.name, s.status])).toEqual([
        ["documentation", expected],
        ["runners", expected],
      ]);
    });

    it("leaves no green or canary container in the engine's state", () => {
      expect(engine.copies()).toEqual([]);
      expect(engine.config["scaleway-infra:deployment"]).toBeUndefined();
    });

    it("returns a response valid against the deployment_response schema", () => {
      expect(responseSchemaErrors(outcome.response)).toEqual([]);
    });

    it("names the previous version from the stack's history in rollback_info", () => {
      expect(outcome.response.rollback_info).toEqual({
        available: rollback,
        previous_version: PREVIOUS_VERSION,
      });
    });
  },
);
