// rollback.timeout is bounded, and smoke_tests_file resolves inside the repository only (issue 11 §5): `..`, an absolute path outside
// and a symlink pointing outside are refused as INFRA_001, and what the file holds is never quoted.
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { readDeploymentRequest } from "../../cli/deploy/request";
import { deploymentRequest, tempDir, writeRequest } from "./support/fixtures";

function refusal(action: () => unknown): InfraError {
  try {
    action();
  } catch (error) {
    if (error instanceof InfraError) return error;
    throw error;
  }
  throw new Error("expected an InfraError");
}

/** A repository (a folder with .git) holding the request, and a secret file outside it. */
function repository(): { repo: string; outside: string } {
  const top = tempDir();
  const repo = path.join(top, "repo");
  mkdirSync(path.join(repo, ".git"), { recursive: true });
  const outside = path.join(top, "outside.yaml");
  writeFileSync(outside, "- { service: documentation, path: TOPSECRET-VALUE }\n");
  return { repo, outside };
}

describe("smoke_tests_file stays inside the repository", () => {
  it.each([
    [
      "a relative path climbing out with ..",
      (_repo: string, outside: string) => path.join("..", path.basename(outside)),
    ],
    ["an absolute path outside", (_repo: string, outside: string) => outside],
    ["/etc/passwd", () => "/etc/passwd"],
  ])("refuses %s with INFRA_001, without quoting the file", (_name, valueOf) => {
    const { repo, outside } = repository();
    const request = writeRequest(repo, deploymentRequest({ smoke_tests_file: valueOf(repo, outside) }));
    const error = refusal(() => readDeploymentRequest(request));
    expect(error.code).toBe("INFRA_001");
    const problem = error.problems.find((p) => p.path === "/smoke_tests_file");
    expect(problem?.message).toContain("inside the repository");
    expect(JSON.stringify(error.toErrorResponse())).not.toContain("TOPSECRET");
  });

  it("refuses a symlink inside the repository that points outside it", () => {
    const { repo, outside } = repository();
    symlinkSync(outside, path.join(repo, "smoke.yaml"));
    const error = refusal(() =>
      readDeploymentRequest(writeRequest(repo, deploymentRequest({ smoke_tests_file: "smoke.yaml" }))),
    );
    expect(error.problems.find((p) => p.path === "/smoke_tests_file")?.message).toContain("symbolic link");
    expect(JSON.stringify(error.toErrorResponse())).not.toContain("TOPSECRET");
  });

  it("never quotes a value of a smoke-tests file inside the repository either", () => {
    const { repo } = repository();
    writeFileSync(path.join(repo, "smoke.yaml"), "- { service: documentation, path: TOPSECRET-VALUE }\n");
    const error = refusal(() =>
      readDeploymentRequest(writeRequest(repo, deploymentRequest({ smoke_tests_file: "smoke.yaml" }))),
    );
    expect(error.code).toBe("INFRA_001");
    expect(JSON.stringify(error.toErrorResponse())).not.toContain("TOPSECRET");
  });

  it("accepts a file in a subfolder of the repository", () => {
    const { repo } = repository();
    mkdirSync(path.join(repo, "deploy"));
    writeFileSync(path.join(repo, "deploy", "smoke.yaml"), "- { service: documentation, path: / }\n");
    const plan = readDeploymentRequest(
      writeRequest(repo, deploymentRequest({ smoke_tests_file: "deploy/smoke.yaml" })),
    );
    expect(plan).toBeDefined();
  });
});

describe("rollback.timeout has an upper bound", () => {
  it.each([3601, 86_400_000])("refuses %d seconds with INFRA_001 at /rollback/timeout", (timeout) => {
    const dir = tempDir();
    const error = refusal(() =>
      readDeploymentRequest(writeRequest(dir, deploymentRequest({ rollback: { enabled: true, timeout } }))),
    );
    expect(error.problems.find((p) => p.path === "/rollback/timeout")).toMatchObject({ rule: "DEP-1" });
  });

  it("accepts an hour", () => {
    const dir = tempDir();
    expect(
      readDeploymentRequest(
        writeRequest(dir, deploymentRequest({ rollback: { enabled: true, timeout: 3600 } })),
      ),
    ).toBeDefined();
  });
});
