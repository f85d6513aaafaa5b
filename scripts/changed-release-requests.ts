// Prints, one per line, the release requests of an environment that a push to main must deploy
// (cli/deploy/release-selection.ts), for .github/workflows/deploy.yml. Reads the push's changed files
// and the stack file before it with git; an unknown before-commit (all zeros, or absent from the
// clone) selects every request. Reasons go to stderr.
// Usage: node cli/run-ts.js scripts/changed-release-requests.ts <environment> <before-sha> [<after-sha>]
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { readDeploymentRequest } from "../cli/deploy/request";
import {
  ReleaseRequestFile,
  imagesOfStackText,
  selectReleaseRequests,
  stackFileOf,
} from "../cli/deploy/release-selection";

const ROOT = path.join(__dirname, "..");

function git(args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return undefined;
  }
}

function main(): number {
  const [environment, before, after = "HEAD"] = process.argv.slice(2);
  if (!environment || !/^[a-z]+$/.test(environment) || before === undefined) {
    process.stderr.write("usage: changed-release-requests.ts <environment> <before-sha> [<after-sha>]\n");
    return 2;
  }
  const folder = path.join(ROOT, ".github", "deploy", environment);
  const requests: ReleaseRequestFile[] = (existsSync(folder) ? readdirSync(folder) : [])
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .map((file) => {
      const absolute = path.join(folder, file);
      const { request } = readDeploymentRequest(absolute);
      const smoke = request.smoke_tests_file
        ? path.relative(ROOT, path.resolve(folder, request.smoke_tests_file))
        : undefined;
      return {
        file: path.relative(ROOT, absolute),
        environment: request.environment,
        services: request.services,
        ...(smoke ? { smokeTestsFile: smoke } : {}),
      };
    });
  // An all-zero SHA is GitHub's "no previous commit"; a commit missing from the clone is unknown too.
  const resolved = /^0+$/.test(before)
    ? undefined
    : git(["rev-parse", "--verify", "--quiet", `${before}^{commit}`])?.trim();
  const knownBefore = resolved !== undefined && resolved !== "";
  const diff = knownBefore ? git(["diff", "--name-only", resolved as string, after]) : undefined;
  const stack = stackFileOf(environment);
  const selected = selectReleaseRequests({
    changedFiles: diff === undefined ? undefined : diff.split("\n").filter((line) => line !== ""),
    requests,
    imagesBefore: {
      [environment]: imagesOfStackText(
        knownBefore ? git(["show", `${resolved as string}:${stack}`]) : undefined,
      ),
    },
    imagesAfter: {
      [environment]: imagesOfStackText(
        existsSync(path.join(ROOT, stack)) ? readFileSync(path.join(ROOT, stack), "utf8") : undefined,
      ),
    },
  });
  for (const { file, reason } of selected) {
    process.stderr.write(`${file}: ${reason}\n`);
    process.stdout.write(`${file}\n`);
  }
  if (selected.length === 0)
    process.stderr.write(`no release request of ${environment} changed: nothing to deploy\n`);
  return 0;
}

process.exitCode = main();
