// Each INFRA code a deployment can end with is reachable from the command line (issue 11 §6):
// INFRA_002 when Scaleway refuses a quota during `pulumi up`, INFRA_003 when it refuses the
// credentials. The in-memory engine prints what the Pulumi CLI prints for those, and the failure goes
// through the same mapping as the real engine's.
import { startContainerServers, type ContainerServers } from "./support/container-servers";
import { runDeployCli } from "./support/cli";
import { deploymentRequest, memoryEngine, tempDir, writeRequest } from "./support/fixtures";

// The shape of scaleway-sdk-go's QuotasExceededError as the Scaleway provider reports it (a 403 with
// "type": "quotas_exceeded"), inside Pulumi's error lines.
const QUOTA_OUTPUT = [
  "Updating (staging):",
  "  scaleway:containers:Container documentation  **creating failed**  error: scaleway-sdk-go: quota(s) exceeded: Quotas reached: You have reached the maximum number of containers authorized by your Organization",
  "error: update failed",
].join("\n");
const PERMISSION_OUTPUT =
  "error: scaleway-sdk-go: http error 403 Forbidden: insufficient permissions: write containers";

let servers: ContainerServers;
beforeAll(async () => {
  servers = await startContainerServers();
});
afterAll(async () => {
  await servers.close();
});

async function deployFailingWith(engineOutput: string) {
  const dir = tempDir();
  const engine = memoryEngine({ servers, faults: [{ operation: "up", call: 1, engineOutput }] });
  return runDeployCli(["--request", writeRequest(dir, deploymentRequest())], dir, engine);
}

describe("scw-infra deploy when the engine fails", () => {
  it("ends with INFRA_002 (exit 3) when Scaleway refuses a quota, not INFRA_005", async () => {
    const run = await deployFailingWith(QUOTA_OUTPUT);
    expect(run.code).toBe(3);
    const output = run.stdout + run.stderr;
    expect(output).toContain("INFRA_002");
    expect(output).not.toMatch(/"code": "INFRA_005"/);
  });

  it("ends with INFRA_003 (exit 3) when Scaleway refuses the credentials", async () => {
    const run = await deployFailingWith(PERMISSION_OUTPUT);
    expect(run.code).toBe(3);
    expect(run.stdout + run.stderr).toContain("INFRA_003");
  });
});
