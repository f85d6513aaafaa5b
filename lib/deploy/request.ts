// Reading and checking a deployment request before anything is touched: the seed document against
// its schema (DEP-1, DEP-3), the release version (INT-2: a production deploy names a digest, CTR-2),
// the workflow's own optional fields (smoke tests, canary observation window, in the schema too),
// a smoke-tests file, and, against the
// stack's config, that every requested service exists (DEP-1). Every failure is INFRA_001.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { readYamlFile } from "../config/yaml-source";
import type { SourceLocation } from "../plan/model";
import type { ContainerSpec, DeploymentRequest } from "../contracts/types";
import { InfraError, ProblemDetail } from "../errors/infra-error";
import { HTTP_PATH_PATTERN } from "../rules/thresholds";
import { imageAtVersion, parseImageReference, parseReleaseVersion } from "../image/reference";
import { contractProblems } from "../contracts";
import { CONTAINERS_CONFIG_KEY } from "./release-config";
import type { SmokeTest } from "./smoke-tests";

/** How long a canary is observed when the request does not say (seconds). */
export const DEFAULT_CANARY_OBSERVATION_WINDOW_SECONDS = 60;

export interface DeploymentPlan {
  request: DeploymentRequest;
  smokeTests: SmokeTest[];
  observationWindowSeconds: number;
  file?: string;
}

/** Reads a request file (JSON or YAML) and checks everything that does not need the stack. */
export function readDeploymentRequest(file: string): DeploymentPlan {
  // A missing file is INFRA_004 (exit 3), as readYamlFile reports every missing input file.
  // Size, depth and alias limits, YAML or JSON, with source positions for every problem.
  const source = readYamlFile(file);
  return checkDeploymentRequest(source.value, file, source.locate);
}

type Locate = (pointer: string) => SourceLocation | undefined;

export function checkDeploymentRequest(document: unknown, file?: string, locate?: Locate): DeploymentPlan {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new InfraError("INFRA_001", "A deployment request is a JSON/YAML object.", {
      problems: [
        {
          path: "/",
          rule: "DEP-1",
          message: "must be an object",
          fix: "Write a deployment_request object.",
          ...(file ? { file } : {}),
        },
      ],
    });
  }
  // The whole document against the contract (seed fields and the workflow's optional ones), then
  // what needs more than the document: the release version and a smoke-tests file. Every problem is
  // reported at once, so one run of the command lists everything to fix.
  const contractIssues = contractProblems("deployment-request", document, {
    ...(file ? { file } : {}),
    ...(locate ? { locate } : {}),
  });
  const request = document as DeploymentRequest;
  const problems: ProblemDetail[] = [];
  if (typeof request.version === "string" && !contractIssues.some((p) => p.path === "/version")) {
    problems.push(...versionProblems(request, file));
  }
  // Shape problems of inline tests are the schema's to report; the well-formed ones are still
  // checked against the requested services below.
  const inlineTests: SmokeTest[] = Array.isArray(request.smoke_tests)
    ? request.smoke_tests.filter(
        (test): test is SmokeTest =>
          typeof test === "object" &&
          test !== null &&
          typeof test.service === "string" &&
          typeof test.path === "string",
      )
    : [];
  const smokeTests = [
    ...inlineTests,
    ...(typeof request.smoke_tests_file === "string"
      ? smokeTestsFromFile(request.smoke_tests_file, file, problems)
      : []),
  ];
  for (const [index, test] of smokeTests.entries()) {
    if (Array.isArray(request.services) && !request.services.includes(test.service)) {
      problems.push(
        problem(
          `/smoke_tests/${index}/service`,
          "DEP-1",
          `names ${test.service}, which is not deployed by this request`,
          "List smoke tests only for the requested services.",
          file,
        ),
      );
    }
  }
  if (request.validation?.smoke_tests === true && smokeTests.length === 0) {
    problems.push(
      problem(
        "/validation/smoke_tests",
        "DEP-1",
        "is true but the request defines no smoke tests",
        "Add `smoke_tests` (or `smoke_tests_file`) to the request, or set validation.smoke_tests: false.",
        file,
      ),
    );
  }
  const observationWindowSeconds =
    request.canary?.observation_window ?? DEFAULT_CANARY_OBSERVATION_WINDOW_SECONDS;
  if (contractIssues.length + problems.length > 0) {
    const located = problems.map((p) => (p.file === file && locate ? withLine(p, locate(p.path)) : p));
    const all = [...contractIssues, ...located];
    throw new InfraError(
      "INFRA_001",
      `Invalid deployment request${file ? ` ${file}` : ""}: ${all.length} problem(s).`,
      { problems: all },
    );
  }
  return { request, smokeTests, observationWindowSeconds, ...(file ? { file } : {}) };
}

function versionProblems(request: DeploymentRequest, file: string | undefined): ProblemDetail[] {
  const release = parseReleaseVersion(request.version);
  if (!release) {
    return [
      problem(
        "/version",
        "DEP-1",
        `"${request.version}" is not an image tag, tag@sha256:<digest> or sha256:<digest>`,
        "Give the release as 1.4.2, 1.4.2@sha256:<64 hex> or sha256:<64 hex>.",
        file,
      ),
    ];
  }
  if (request.environment === "production" && !release.digest) {
    return [
      problem(
        "/version",
        "INT-2",
        "a production deployment must pin its image by digest (CTR-2)",
        "Give the version as <tag>@sha256:<digest>; `scw-infra image-spec --read FILE --print version` prints it.",
        file,
      ),
    ];
  }
  return [];
}

function smokeTestsFrom(
  value: unknown,
  pointer: string,
  problems: ProblemDetail[],
  file: string | undefined,
): SmokeTest[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(
      problem(
        pointer,
        "DEP-1",
        "must be a list of smoke tests",
        "Write a list of {service, path, expected_status?, body_contains?}.",
        file,
      ),
    );
    return [];
  }
  const tests: SmokeTest[] = [];
  const pathPattern = new RegExp(HTTP_PATH_PATTERN);
  value.forEach((item: unknown, index) => {
    const at = `${pointer}/${index}`;
    const test = item as Partial<SmokeTest> & Record<string, unknown>;
    if (typeof item !== "object" || item === null) {
      problems.push(
        problem(
          at,
          "DEP-1",
          "must be an object",
          "Write {service, path, expected_status?, body_contains?}.",
          file,
        ),
      );
      return;
    }
    const unknownKeys = Object.keys(test).filter(
      (k) => !["service", "path", "expected_status", "body_contains"].includes(k),
    );
    if (unknownKeys.length > 0)
      problems.push(
        problem(
          `${at}/${unknownKeys[0]}`,
          "DEP-1",
          "is not a smoke test field",
          "Use service, path, expected_status and body_contains.",
          file,
        ),
      );
    if (typeof test.service !== "string")
      problems.push(problem(`${at}/service`, "DEP-1", "is required", "Name the service to test.", file));
    if (typeof test.path !== "string" || !pathPattern.test(test.path))
      problems.push(
        problem(`${at}/path`, "DEP-1", "must be an absolute HTTP path", "Start the path with /.", file),
      );
    if (
      test.expected_status !== undefined &&
      !(Number.isInteger(test.expected_status) && test.expected_status >= 100 && test.expected_status <= 599)
    ) {
      problems.push(
        problem(
          `${at}/expected_status`,
          "DEP-1",
          "must be an HTTP status (100-599)",
          "Give the status the service must answer, e.g. 200.",
          file,
        ),
      );
    }
    if (test.body_contains !== undefined && typeof test.body_contains !== "string")
      problems.push(
        problem(
          `${at}/body_contains`,
          "DEP-1",
          "must be a string",
          "Give a substring of the expected body.",
          file,
        ),
      );
    if (typeof test.service === "string" && typeof test.path === "string") {
      tests.push({
        service: test.service,
        path: test.path,
        ...(typeof test.expected_status === "number" ? { expected_status: test.expected_status } : {}),
        ...(typeof test.body_contains === "string" ? { body_contains: test.body_contains } : {}),
      });
    }
  });
  return tests;
}

function smokeTestsFromFile(
  value: unknown,
  requestFile: string | undefined,
  problems: ProblemDetail[],
): SmokeTest[] {
  if (value === undefined) return [];
  if (typeof value !== "string" || value === "") {
    problems.push(
      problem(
        "/smoke_tests_file",
        "DEP-1",
        "must be a file path",
        "Give the path of a smoke-tests file, relative to the request.",
        requestFile,
      ),
    );
    return [];
  }
  const file = path.resolve(requestFile ? path.dirname(requestFile) : process.cwd(), value);
  if (!existsSync(file)) {
    problems.push(
      problem(
        "/smoke_tests_file",
        "DEP-1",
        `${file} does not exist`,
        "Point smoke_tests_file at an existing file (relative to the request).",
        requestFile,
      ),
    );
    return [];
  }
  const document = readYamlFile(file).value;
  const list = Array.isArray(document)
    ? document
    : (document as { smoke_tests?: unknown } | null)?.smoke_tests;
  return smokeTestsFrom(list ?? document, Array.isArray(document) ? "" : "/smoke_tests", problems, file);
}

/**
 * DEP-1 against the stack: every requested service is declared in `scaleway-infra:containers`, with
 * a registry image the release version can be applied to. Returns the requested services' specs.
 */
export function requestedContainers(
  request: DeploymentRequest,
  containers: ContainerSpec[],
  file?: string,
): ContainerSpec[] {
  const problems: ProblemDetail[] = [];
  const specs: ContainerSpec[] = [];
  request.services.forEach((service, index) => {
    const spec = containers.find((container) => container.name === service);
    if (!spec) {
      problems.push(
        problem(
          `/services/${index}`,
          "DEP-1",
          `service "${service}" is not declared in ${CONTAINERS_CONFIG_KEY} of stack ${request.environment}`,
          `Deploy only services declared in Pulumi.${request.environment}.yaml (${containers.map((c) => c.name).join(", ") || "none declared"}).`,
          file,
        ),
      );
      return;
    }
    if (!parseImageReference(spec.image) || !imageAtVersion(spec.image, request.version)) {
      problems.push({
        path: `/${containers.indexOf(spec)}/image`,
        configKey: CONTAINERS_CONFIG_KEY,
        rule: "CTR-2",
        message: `image "${spec.image}" of service ${service} is not a Scaleway Container Registry reference`,
        fix: "Set the image to rg.<region>.scw.cloud/<namespace>/<repo>:<tag> in the stack file.",
      });
      return;
    }
    specs.push(spec);
  });
  if (problems.length > 0) {
    throw new InfraError("INFRA_001", `The deployment request does not match stack ${request.environment}.`, {
      problems,
    });
  }
  return specs;
}

function withLine(detail: ProblemDetail, location: SourceLocation | undefined): ProblemDetail {
  return location
    ? { ...detail, line: location.line, ...(location.column ? { column: location.column } : {}) }
    : detail;
}

function problem(pointer: string, rule: string, message: string, fix: string, file?: string): ProblemDetail {
  return { path: pointer, rule, message, fix, ...(file ? { file } : {}) };
}
