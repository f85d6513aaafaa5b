// Reading and checking a deployment request before anything is touched: the seed document against
// its schema (DEP-1, DEP-3), the release version (INT-2: a production deploy names a digest, CTR-2),
// the workflow's own optional fields (smoke tests, canary observation window, in the schema too),
// a smoke-tests file (against the schema's smoke_tests), and, against the stack's config, that
// every requested service exists (DEP-1). Every failure is INFRA_001.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { readYamlFile } from "@scaleway-infra/contracts/config/yaml-source";
import type { SourceLocation } from "../plan/model";
import type { ContainerSpec, DeploymentRequest } from "@scaleway-infra/contracts/documents/types";
import { InfraError, ProblemDetail } from "@scaleway-infra/contracts/errors/infra-error";
import {
  imageAtVersion,
  parseImageReference,
  parseReleaseVersion,
} from "@scaleway-infra/contracts/image/reference";
import { contractProblems } from "@scaleway-infra/contracts/documents";
import { isWithin } from "@scaleway-infra/contracts/documents/json-pointer";
import { finalizeProblems } from "@scaleway-infra/contracts/documents/problems";
import { rawContractProblems } from "@scaleway-infra/contracts/documents/validate";
import { CONTAINERS_CONFIG_KEY } from "./release-config";
import type { SmokeTest } from "./smoke-tests";
import { showValue } from "@scaleway-infra/contracts/errors/shown-value";
import { isShowableName } from "@scaleway-infra/contracts/documents/shown-name";
import { repositoryRootOf, resolveInsideRoot } from "@scaleway-infra/contracts/files/inside-root";
import { MAX_SMOKE_TESTS } from "@scaleway-infra/contracts/thresholds";

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
  const inlineTests = wellFormedSmokeTests(request.smoke_tests);
  // An empty path is the schema's to report.
  const fileTests =
    typeof request.smoke_tests_file === "string" &&
    !contractIssues.some((p) => p.path === "/smoke_tests_file")
      ? smokeTestsFromFile(request.smoke_tests_file, file, problems)
      : [];
  const smokeTests = [...inlineTests, ...fileTests];
  // The schema bounds each list (the file's too); together they must stay within the same bound.
  if (
    smokeTests.length > MAX_SMOKE_TESTS &&
    inlineTests.length <= MAX_SMOKE_TESTS &&
    fileTests.length <= MAX_SMOKE_TESTS
  ) {
    problems.push(
      problem(
        "/smoke_tests_file",
        "DEP-1",
        `adds ${fileTests.length} smoke tests to the request's ${inlineTests.length}: ${smokeTests.length} together, more than the ${MAX_SMOKE_TESTS} a request may run`,
        `Keep at most ${MAX_SMOKE_TESTS} smoke tests in the request and its smoke-tests file together.`,
        file,
      ),
    );
  }
  for (const [index, test] of smokeTests.entries()) {
    if (Array.isArray(request.services) && !request.services.some((service) => service === test.service)) {
      problems.push(
        problem(
          `/smoke_tests/${index}/service`,
          "DEP-1",
          // The name may come from smoke_tests_file, whose values are never quoted unless they look
          // like a name (a token there was printed verbatim: second adversarial pass).
          `names ${isShowableName(test.service) ? test.service : "a service whose name is not shown"}, which is not deployed by this request`,
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
        `${showValue(request.version)} is not an image tag, tag@sha256:<digest> or sha256:<digest>`,
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

function smokeTestsFromFile(
  value: string,
  requestFile: string | undefined,
  problems: ProblemDetail[],
): SmokeTest[] {
  const base = requestFile ? path.dirname(path.resolve(requestFile)) : process.cwd();
  const root = requestFile ? repositoryRootOf(requestFile) : process.cwd();
  const inside = resolveInsideRoot(root, base, value);
  if ("outside" in inside) {
    problems.push(
      problem(
        "/smoke_tests_file",
        "DEP-1",
        `smoke_tests_file must name a file inside the repository (${root}): ${inside.outside}`,
        "Keep the smoke tests file in the repository and name it relative to the request.",
        requestFile,
      ),
    );
    return [];
  }
  const file = inside.file;
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
  // The file holds a list of smoke tests or {smoke_tests: [...]}: either is checked against the
  // request schema's smoke_tests (one definition of a smoke test), its problems placed in the file.
  const source = readYamlFile(file);
  const document = source.value;
  const prefix = Array.isArray(document) ? "" : "/smoke_tests";
  const list = Array.isArray(document)
    ? document
    : ((document as { smoke_tests?: unknown } | null)?.smoke_tests ?? document);
  const fileProblems = rawContractProblems("deployment-request", { smoke_tests: list })
    .filter((raw) => isWithin(raw.path, "/smoke_tests"))
    // A value read from a file the request names is never quoted back (it may not be what it claims).
    .map((raw) => ({ ...raw, path: prefix + raw.path.slice("/smoke_tests".length), showValue: false }));
  problems.push(
    ...finalizeProblems(
      { contract: "deployment-request", document, file, locate: source.locate },
      fileProblems,
    ),
  );
  return wellFormedSmokeTests(list);
}

/** The smoke tests that name a service and a path; the schema reports the shape of the others. */
function wellFormedSmokeTests(list: unknown): SmokeTest[] {
  return Array.isArray(list)
    ? list.filter(
        (test): test is SmokeTest =>
          typeof test === "object" &&
          test !== null &&
          typeof (test as Partial<SmokeTest>).service === "string" &&
          typeof (test as Partial<SmokeTest>).path === "string",
      )
    : [];
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
          `service ${showValue(service)} is not declared in ${CONTAINERS_CONFIG_KEY} of stack ${request.environment}`,
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
        message: `image ${showValue(spec.image)} of service ${service} is not a Scaleway Container Registry reference`,
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
