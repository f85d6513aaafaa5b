// Checking a deployment request before anything is touched: the workflow's own fields (smoke
// tests, smoke-tests file, canary window) and DEP-1 against the stack's containers.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { checkDeploymentRequest, readDeploymentRequest, requestedContainers } from "../../cli/deploy/request";
import { runSmokeTest } from "../../cli/deploy/smoke-tests";
import { ContainerServers, startContainerServers } from "./support/container-servers";
import { containerSpec, deploymentRequest, tempDir, writeRequest } from "./support/fixtures";

function problemsOf(action: () => unknown): Array<{ path: string; rule: string }> {
  try {
    action();
  } catch (error) {
    if (error instanceof InfraError && error.code === "INFRA_001")
      return error.problems.map((p) => ({ path: p.path, rule: p.rule }));
    throw error;
  }
  throw new Error("expected INFRA_001");
}

describe("readDeploymentRequest", () => {
  it("reports a request file that does not exist as INFRA_004, like any missing input file", () => {
    const missing = path.join(tempDir(), "no-such-request.yaml");
    expect(() => readDeploymentRequest(missing)).toThrow(expect.objectContaining({ code: "INFRA_004" }));
  });
});

describe("checkDeploymentRequest", () => {
  it("reads smoke tests from a smoke-tests file next to the request, as a list", () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "smoke.yaml"),
      "- { service: documentation, path: /, body_contains: Welcome }\n",
    );
    const request = deploymentRequest({ smoke_tests_file: "smoke.yaml" });
    delete request.smoke_tests;
    const plan = readDeploymentRequest(writeRequest(dir, request));
    expect(plan.smokeTests).toEqual([{ service: "documentation", path: "/", body_contains: "Welcome" }]);
  });

  it("reads a smoke-tests file holding {smoke_tests: [...]} and adds it to the request's own", () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "smoke.json"),
      JSON.stringify({ smoke_tests: [{ service: "runners", path: "/jobs", expected_status: 401 }] }),
    );
    const plan = readDeploymentRequest(
      writeRequest(dir, deploymentRequest({ smoke_tests_file: "smoke.json" })),
    );
    expect(plan.smokeTests.map((t) => `${t.service} ${t.path}`)).toEqual([
      "documentation /api/status",
      "runners /api/status",
      "runners /jobs",
    ]);
  });

  it("never quotes a credential-shaped service name read from the smoke-tests file", () => {
    const dir = tempDir();
    const token = "ghp_" + "CANARYu1k8Qz3RmW5tYp2Lx9Vn4Bc7HdJf6s";
    writeFileSync(
      path.join(dir, "smoke.json"),
      JSON.stringify({ smoke_tests: [{ service: token, path: "/jobs", expected_status: 200 }] }),
    );
    let error: unknown;
    try {
      readDeploymentRequest(writeRequest(dir, deploymentRequest({ smoke_tests_file: "smoke.json" })));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InfraError);
    const shown = JSON.stringify((error as InfraError).toErrorResponse());
    expect(shown).toContain("a service whose name is not shown");
    expect(shown).not.toContain("CANARYu1");
  });

  it("refuses a smoke-tests file that does not exist", () => {
    const dir = tempDir();
    expect(
      problemsOf(() =>
        readDeploymentRequest(writeRequest(dir, deploymentRequest({ smoke_tests_file: "missing.yaml" }))),
      ),
    ).toEqual([{ path: "/smoke_tests_file", rule: "DEP-1" }]);
  });

  it("refuses a smoke test for a service the request does not deploy, a relative path and a bad status", () => {
    const request = deploymentRequest({
      smoke_tests: [
        { service: "streamlit", path: "/" },
        { service: "documentation", path: "health" },
        { service: "documentation", path: "/", expected_status: 99 },
      ],
    });
    expect(problemsOf(() => checkDeploymentRequest(request))).toEqual([
      { path: "/smoke_tests/1/path", rule: "DEP-1" },
      { path: "/smoke_tests/2/expected_status", rule: "DEP-1" },
      { path: "/smoke_tests/0/service", rule: "DEP-1" },
    ]);
  });

  it("refuses a canary window that is not a number of seconds", () => {
    expect(
      problemsOf(() => checkDeploymentRequest(deploymentRequest({ canary: { observation_window: "5m" } }))),
    ).toEqual([{ path: "/canary/observation_window", rule: "DEP-1" }]);
  });

  it.each([3601, 1e9, 1e308])("refuses a canary window of %s seconds, more than an hour", (seconds) => {
    expect(
      problemsOf(() =>
        checkDeploymentRequest(deploymentRequest({ canary: { observation_window: seconds } })),
      ),
    ).toEqual([{ path: "/canary/observation_window", rule: "DEP-1" }]);
  });

  it("accepts a canary window of exactly an hour", () => {
    expect(
      checkDeploymentRequest(deploymentRequest({ canary: { observation_window: 3600 } }))
        .observationWindowSeconds,
    ).toBe(3600);
  });

  it("refuses more than 50 smoke tests in the request", () => {
    const tests = Array.from({ length: 51 }, (_, i) => ({ service: "documentation", path: `/page/${i}` }));
    expect(problemsOf(() => checkDeploymentRequest(deploymentRequest({ smoke_tests: tests })))).toEqual([
      { path: "/smoke_tests", rule: "DEP-1" },
    ]);
  });

  it("refuses more than 50 smoke tests in a smoke-tests file, and in the request and its file together", () => {
    const dir = tempDir();
    const tests = (n: number): object[] =>
      Array.from({ length: n }, (_, i) => ({ service: "documentation", path: `/page/${i}` }));
    writeFileSync(path.join(dir, "many.json"), JSON.stringify(tests(51)));
    const many = deploymentRequest({ smoke_tests_file: "many.json" });
    delete many.smoke_tests;
    // Placed in the file itself: its list is too long.
    expect(problemsOf(() => readDeploymentRequest(writeRequest(dir, many)))).toEqual([
      { path: "", rule: "DEP-1" },
    ]);
    writeFileSync(path.join(dir, "forty.json"), JSON.stringify(tests(40)));
    const together = deploymentRequest({ smoke_tests: tests(11), smoke_tests_file: "forty.json" });
    const problems = problemsOf(() => readDeploymentRequest(writeRequest(dir, together)));
    expect(problems).toEqual([{ path: "/smoke_tests_file", rule: "DEP-1" }]);
  });

  it("defaults the canary observation window to 60 seconds", () => {
    const request = deploymentRequest();
    delete request.canary;
    expect(checkDeploymentRequest(request).observationWindowSeconds).toBe(60);
  });

  it("refuses a version that is not a tag or a digest", () => {
    expect(
      problemsOf(() => checkDeploymentRequest(deploymentRequest({ version: "2.0.0@sha256:short" }))),
    ).toEqual([{ path: "/version", rule: "DEP-1" }]);
  });

  it("accepts a bare digest as a production version", () => {
    const request = deploymentRequest({ environment: "production", version: `sha256:${"1".repeat(64)}` });
    expect(checkDeploymentRequest(request).request.version).toBe(`sha256:${"1".repeat(64)}`);
  });
});

describe("requestedContainers (DEP-1)", () => {
  it("returns the requested services' specs in request order", () => {
    const request = checkDeploymentRequest(
      deploymentRequest({
        services: ["runners", "documentation"],
        smoke_tests: [],
        validation: { health_checks: true, smoke_tests: false },
      }),
    ).request;
    const specs = requestedContainers(request, [containerSpec("documentation"), containerSpec("runners")]);
    expect(specs.map((s) => s.name)).toEqual(["runners", "documentation"]);
  });

  it("refuses a declared service whose image is not a registry reference (CTR-2)", () => {
    const request = checkDeploymentRequest(
      deploymentRequest({
        services: ["documentation"],
        smoke_tests: [],
        validation: { health_checks: true, smoke_tests: false },
      }),
    ).request;
    const spec = { ...containerSpec("documentation"), image: "nginx:latest" };
    expect(problemsOf(() => requestedContainers(request, [spec]))).toEqual([
      { path: "/0/image", rule: "CTR-2" },
    ]);
  });
});

describe("runSmokeTest", () => {
  let servers: ContainerServers;
  beforeAll(async () => {
    servers = await startContainerServers();
  });
  afterAll(async () => {
    await servers.close();
  });

  it("fails when the body lacks the expected substring, even with the right status", async () => {
    const result = await runSmokeTest(
      { service: "documentation", path: "/api", body_contains: "version 2" },
      "documentation",
      servers.url("healthy"),
      1,
    );
    expect(result).toMatchObject({ passed: false, reason: 'body does not contain "version 2"' });
  });

  it("passes an expected non-200 status", async () => {
    const result = await runSmokeTest(
      { service: "documentation", path: "/api", expected_status: 503 },
      "documentation",
      servers.url("failing"),
      1,
    );
    expect(result.passed).toBe(true);
  });
});
