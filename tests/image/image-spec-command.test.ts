// `scw-infra image-spec` writes a valid image_spec from a reference and build info (INT-2), reads it
// back, and refuses a production image without a digest.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { main } from "../../cli/main";
import { contractProblems } from "@scaleway-infra/contracts/documents";

const DIGEST = `sha256:${"c3".repeat(32)}`;
const SHA = "0123456789abcdef0123456789abcdef01234567";
const REFERENCE = `rg.fr-par.scw.cloud/gov/documentation:1.4.2@${DIGEST}`;

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = "";
  let stderr = "";
  const cwd = mkdtempSync(path.join(tmpdir(), "scw-infra-image-"));
  const code = await main(["image-spec", ...argv], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    env,
    isTty: false,
  });
  return { code, stdout, stderr, cwd };
}

describe("scw-infra image-spec", () => {
  it("writes an image_spec valid against the contract from a reference and build flags", async () => {
    const run = await cli([
      "--image",
      REFERENCE,
      "--commit-sha",
      SHA,
      "--build-time",
      "2026-11-27T09:00:00Z",
      "--builder",
      "ci",
    ]);
    expect(run.code).toBe(0);
    const spec = JSON.parse(run.stdout) as unknown;
    expect(spec).toEqual({
      registry: "rg.fr-par.scw.cloud",
      repository: "gov/documentation",
      tag: "1.4.2",
      digest: DIGEST,
      build_info: { commit_sha: SHA, build_time: "2026-11-27T09:00:00Z", builder: "ci" },
    });
    expect(contractProblems("image", spec)).toEqual([]);
  });

  it("takes commit and builder from the GitHub Actions environment when flags are absent", async () => {
    const run = await cli(["--image", REFERENCE], {
      GITHUB_SHA: SHA,
      GITHUB_REPOSITORY: "gov/scaleway-infra",
      GITHUB_RUN_ID: "42",
    });
    const spec = JSON.parse(run.stdout) as { build_info: { commit_sha: string; builder: string } };
    expect(spec.build_info).toMatchObject({
      commit_sha: SHA,
      builder: "github-actions/gov/scaleway-infra/42",
    });
  });

  it("reads a written spec back to its reference and to the version a deployment request takes", async () => {
    const write = await cli([
      "--image",
      REFERENCE,
      "--commit-sha",
      SHA,
      "--builder",
      "ci",
      "--output",
      "image.json",
    ]);
    expect(write.code).toBe(0);
    const file = path.join(write.cwd, "image.json");
    const reference = await cli(["--read", file]);
    const version = await cli(["--read", file, "--print", "version"]);
    expect(reference.code).toBe(0);
    expect(reference.stdout).toBe(`${REFERENCE}\n`);
    expect(version.stdout).toBe(`1.4.2@${DIGEST}\n`);
  });

  it("reports a missing option in a one-line message, with the usage in details rather than in the message", async () => {
    const run = await cli(["--image", REFERENCE, "--commit-sha", SHA]);
    expect(run.code).toBe(2);
    const response = JSON.parse(run.stderr.slice(run.stderr.indexOf("{"))) as {
      message: string;
      details: { usage: string };
    };
    expect(response.message).toBe("--builder is required outside GitHub Actions.");
    expect(response.details.usage).toContain("scw-infra image-spec --image REF");
  });

  it("reports every problem at once: each missing flag and a bad reference (issue 11 §8)", async () => {
    const run = await cli(["--image", "docker.io/library/nginx:1", "--environment", "production"]);
    expect(run.code).toBe(2);
    const response = JSON.parse(run.stderr.slice(run.stderr.indexOf("{"))) as {
      details: { problems: Array<{ path: string }> };
    };
    expect(response.details.problems.map((p) => p.path)).toEqual(["--commit-sha", "--builder", "/image"]);
  });

  it("refuses a production image without a digest as INFRA_001 (INT-2), exit 2", async () => {
    const run = await cli([
      "--image",
      "rg.fr-par.scw.cloud/gov/documentation:1.4.2",
      "--commit-sha",
      SHA,
      "--builder",
      "ci",
      "--environment",
      "production",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("[INT-2]");
    expect(run.stdout).toBe("");
  });

  it("refuses to read a digest-less spec for production", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "scw-infra-image-"));
    const file = path.join(dir, "image.yaml");
    writeFileSync(
      file,
      `registry: rg.fr-par.scw.cloud\nrepository: gov/documentation\ntag: "1.4.2"\nbuild_info:\n  commit_sha: "${SHA}"\n  build_time: "2026-11-27T09:00:00Z"\n  builder: ci\n`,
    );
    const run = await cli(["--read", file, "--environment", "production"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("production deploys pin images by digest");
  });

  it("refuses a reference outside the EU Scaleway registries (CTR-2)", async () => {
    const run = await cli(["--image", "docker.io/library/nginx:1", "--commit-sha", SHA, "--builder", "ci"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("[CTR-2]");
  });

  it("refuses a short commit SHA with the contract's rule", async () => {
    const run = await cli(["--image", REFERENCE, "--commit-sha", "abc123", "--builder", "ci"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("/build_info/commit_sha");
  });

  it("reports an invalid spec file with its line", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "scw-infra-image-"));
    const file = path.join(dir, "image.yaml");
    writeFileSync(
      file,
      `registry: rg.fr-par.scw.cloud\nrepository: gov/documentation\ntag: "1.4.2"\ndigest: sha256:nope\nbuild_info:\n  commit_sha: "${SHA}"\n  build_time: "2026-11-27T09:00:00Z"\n  builder: ci\n`,
    );
    const run = await cli(["--read", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/image\.yaml:4/);
  });
});
