// `scw-infra image-spec`: writes an image_spec document (INT-2) from a registry reference and build
// information, or reads one back and prints its reference or its release version.
//
//   scw-infra image-spec --image REF [--commit-sha SHA] [--build-time TIME] [--builder NAME]
//                        [--environment staging|production] [--output FILE]
//   scw-infra image-spec --read FILE [--print reference|version] [--environment production]
import * as path from "node:path";

import { argumentsMessage, isArgumentsError, parseCommandLine } from "../args-error";
import { readYamlFile } from "@scaleway-infra/contracts/config/yaml-source";
import { validateContract } from "@scaleway-infra/contracts/documents";
import type { ImageSpec } from "@scaleway-infra/contracts/documents/types";
import { EXIT_CODES, InfraError, type ProblemDetail } from "@scaleway-infra/contracts/errors/infra-error";
import { writeReport } from "../report/emit";
import { assertOutputTarget } from "@scaleway-infra/contracts/files/output-target";
import { ENVIRONMENTS, isEnvironmentName } from "@scaleway-infra/contracts/thresholds";
import {
  imageSpecFromReference,
  referenceOfImageSpec,
  releaseVersionOfImageSpec,
} from "@scaleway-infra/contracts/image/image-spec";
import { CliIo, reportError } from "../io";
import { shownJson } from "@scaleway-infra/contracts/errors/shown-value";

const USAGE = `Usage:
  scw-infra image-spec --image REF [--commit-sha SHA] [--build-time TIME] [--builder NAME]
                       [--environment staging|production] [--output FILE]
  scw-infra image-spec --read FILE [--print reference|version] [--environment staging|production]

  --image REF         rg.<region>.scw.cloud/<namespace>/<repo>:<tag>[@sha256:<digest>]
  --commit-sha SHA    default: $GITHUB_SHA
  --build-time TIME   RFC 3339, default: now
  --builder NAME      default: github-actions/$GITHUB_REPOSITORY/$GITHUB_RUN_ID when set
  --environment ENV   production requires a digest (INT-2, CTR-2)
  --output FILE       write the image_spec there instead of stdout
  --read FILE         read an image_spec (JSON or YAML) and print its reference (or --print version:
                      the tag@digest a deployment request takes as "version")
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values } = parseCommandLine({
      args: argv,
      options: {
        image: { type: "string" },
        "commit-sha": { type: "string" },
        "build-time": { type: "string" },
        builder: { type: "string" },
        environment: { type: "string" },
        output: { type: "string" },
        read: { type: "string" },
        print: { type: "string", default: "reference" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.stdout(USAGE);
      return EXIT_CODES.success;
    }
    if (values.environment !== undefined && !isEnvironmentName(values.environment)) {
      throw usage(`--environment must be ${ENVIRONMENTS.join(" or ")}, not "${values.environment}".`);
    }
    const requireDigest = values.environment === "production";
    if (values.output !== undefined) {
      assertOutputTarget(values.output, {
        cwd: io.cwd,
        inputs: values.read === undefined ? [] : [{ file: values.read, option: "--read" }],
      });
    }
    if (values.read !== undefined) {
      if (values.image !== undefined) throw usage("Use either --image (write) or --read (read), not both.");
      const file = path.resolve(io.cwd, values.read);
      const source = readYamlFile(file, values.read);
      const spec = validateContract("image", source.value, { file: values.read, locate: source.locate });
      if (values.print === "version") io.stdout(releaseVersionOfImageSpec(spec, { requireDigest }) + "\n");
      else if (values.print === "reference") {
        releaseVersionOfImageSpec(spec, { requireDigest });
        io.stdout(referenceOfImageSpec(spec) + "\n");
      } else throw usage(`--print must be reference or version, not "${values.print}".`);
      return EXIT_CODES.success;
    }
    if (values.image === undefined)
      throw usage("Give --image REF to write an image_spec, or --read FILE to read one.");
    const commitSha = values["commit-sha"] ?? io.env.GITHUB_SHA;
    const builder =
      values.builder ??
      (io.env.GITHUB_REPOSITORY && io.env.GITHUB_RUN_ID
        ? `github-actions/${io.env.GITHUB_REPOSITORY}/${io.env.GITHUB_RUN_ID}`
        : undefined);
    // Every problem at once: the missing flags and what is wrong with the reference itself.
    const problems: ProblemDetail[] = [];
    if (!commitSha) problems.push(flagProblem("--commit-sha", "is required (or set GITHUB_SHA)"));
    if (!builder) problems.push(flagProblem("--builder", "is required outside GitHub Actions"));
    let spec: ImageSpec | undefined;
    try {
      spec = imageSpecFromReference(
        values.image,
        {
          // Stand-ins while a flag is missing, so the reference is still checked; never written.
          commit_sha: commitSha ?? STAND_IN_COMMIT,
          build_time: values["build-time"] ?? new Date().toISOString(),
          builder: builder ?? "stand-in",
        },
        { requireDigest },
      );
    } catch (error) {
      if (!(error instanceof InfraError) || error.code !== "INFRA_001") throw error;
      problems.push(
        ...(error.problems.length > 0
          ? error.problems
          : [{ path: "/image", rule: "INT-2", message: error.message, fix: "See the message." }]),
      );
    }
    if (problems.length > 0 || spec === undefined) {
      throw new InfraError(
        "INFRA_001",
        problems.length === 1
          ? `${problems[0].message}.`
          : `image-spec: ${problems.length} problems to fix: ${problems.map((p) => p.message).join("; ")}.`,
        { problems, details: { usage: USAGE } },
      );
    }
    const text = shownJson(spec);
    if (values.output) {
      writeReport(text, values.output, io);
      io.stderr(`wrote ${values.output}\n`);
    } else io.stdout(text);
    return EXIT_CODES.success;
  } catch (error) {
    return reportError(
      error instanceof TypeError || isArgumentsError(error) ? usage(argumentsMessage(error)) : error,
      io,
      undefined,
    );
  }
}

const STAND_IN_COMMIT = "0".repeat(40);

function flagProblem(flag: string, message: string): ProblemDetail {
  return {
    path: flag,
    rule: "INT-2",
    message: `${flag} ${message}`,
    fix: "Run `scw-infra image-spec --help`.",
  };
}

/** A bad command line: a one-line message, with the usage and the fix in details (not in the message). */
function usage(message: string): InfraError {
  return new InfraError("INFRA_001", message, {
    details: { usage: USAGE, fix: "Run `scw-infra image-spec --help` for the options and their defaults." },
  });
}
