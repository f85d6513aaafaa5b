// Container policies (CTR-2, CTR-4, CTR-5, CTR-6, SECU-2) on Serverless Containers, under both type
// tokens. Input names are those of ContainerArgs in @pulumiverse/scaleway/containers/container.d.ts:
// image/registryImage, minScale/maxScale, livenessProbe.http.path / healthChecks[].https[].path,
// environmentVariables, secretEnvironmentVariables, privacy. The props are typed by those args
// (InputsOf<"container">), so a renamed input breaks compilation. Messages name the container's
// inputs only, so that they hold for any program; `scw-infra plan` adds this project's stack-file key.
import { detectCredential } from "@scaleway-infra/contracts/detectors/credentials";
import { CONTAINER_DEFAULT_PRIVACY } from "@scaleway-infra/contracts/scaleway/facts/containers";
import {
  CONTAINER_PRIVACY,
  HTTP_PATH_PATTERN,
  MUTABLE_IMAGE_TAGS,
  PINNED_IMAGE_PATTERN,
  REGISTRY_IMAGE_PATTERN,
  minInstancesFor,
} from "@scaleway-infra/contracts/thresholds";
import { resourcePolicy, type ContractResourcePolicy } from "./metadata";
import type { InputsOf } from "./resource-types";
import {
  arrayProp,
  describeEnvironment,
  environmentOf,
  isComputed,
  numberProp,
  objectProp,
  stringProp,
  thresholdEnvironment,
} from "./resource-context";

const REGISTRY_IMAGE = new RegExp(REGISTRY_IMAGE_PATTERN);
const PINNED_IMAGE = new RegExp(PINNED_IMAGE_PATTERN);
const HTTP_PATH = new RegExp(HTTP_PATH_PATTERN);

/** The image a container runs: `image`, or the deprecated `registryImage`. */
type ContainerInputs = InputsOf<"container">;

function imageOf(props: ContainerInputs): { field: string; image: string | undefined } {
  const image = stringProp(props, "image");
  if (image !== undefined) return { field: "image", image };
  return { field: "registryImage", image: stringProp(props, "registryImage") };
}

export const containerImageFromEuRegistry: ContractResourcePolicy = resourcePolicy({
  name: "container-image-from-eu-registry",
  description:
    "Every container runs an image from Scaleway Container Registry in an EU region, pinned to a digest or an immutable tag in production.",
  ruleIds: ["CTR-2"],
  severity: "high",
  remediationSteps:
    "Set `image` to rg.<fr-par|nl-ams|pl-waw>.scw.cloud/<namespace>/<repository>:<tag>; in production use an immutable tag (a version or commit, never latest) or append @sha256:<digest>.",
  kinds: ["container"],
  validate: (props, args, report) => {
    const { field, image } = imageOf(props);
    if (image === undefined) {
      report(
        "the container sets no `image`; set it to an EU Scaleway Container Registry image (rg.fr-par.scw.cloud/<namespace>/<repository>:<tag>).",
      );
      return;
    }
    if (!REGISTRY_IMAGE.test(image)) {
      report(
        `\`${field}\` "${image}" is not an image of Scaleway Container Registry in an EU region; ` +
          "use rg.<fr-par|nl-ams|pl-waw>.scw.cloud/<namespace>/<repository>:<tag>.",
      );
      return;
    }
    const facts = environmentOf(args.urn, props);
    if (thresholdEnvironment(facts) === "production" && !PINNED_IMAGE.test(image)) {
      report(
        `\`${field}\` "${image}" is not pinned in environment ${describeEnvironment(facts)}: its tag is missing or mutable ` +
          `(${MUTABLE_IMAGE_TAGS.join(", ")}); use an immutable tag (e.g. a release version) or append @sha256:<digest>.`,
      );
    }
  },
});

export const containerScalingRedundant: ContractResourcePolicy = resourcePolicy({
  name: "container-scaling-redundant",
  description:
    "Every container keeps at least one instance in staging and two in production, and never more minimum than maximum instances.",
  ruleIds: ["CTR-4", "PERF-1"],
  severity: "high",
  remediationSteps:
    "Set `minScale` to at least 1 in staging and 2 in production , and `maxScale` to at least `minScale`.",
  kinds: ["container"],
  validate: (props, args, report) => {
    const facts = environmentOf(args.urn, props);
    const required = minInstancesFor(thresholdEnvironment(facts));
    const minScale = numberProp(props, "minScale");
    const maxScale = numberProp(props, "maxScale");
    if (minScale === undefined || minScale < required) {
      report(
        `\`minScale\` is ${minScale ?? "unset (Scaleway defaults to 0)"} in environment ${describeEnvironment(facts)}; ` +
          `set \`minScale\` to ${required} or more.`,
      );
    }
    if (minScale !== undefined && maxScale !== undefined && minScale > maxScale) {
      report(
        `\`minScale\` ${minScale} is greater than \`maxScale\` ${maxScale}; raise \`maxScale\` to at least ${minScale}.`,
      );
    }
  },
});

/** HTTP paths of the container's health checks: the liveness probe and the deprecated healthChecks. */
function healthCheckPaths(props: ContainerInputs): string[] {
  const paths: string[] = [];
  const liveness = objectProp(props, "livenessProbe");
  const livenessHttp = liveness ? objectProp(liveness, "http") : undefined;
  const livenessPath = livenessHttp ? stringProp(livenessHttp, "path") : undefined;
  if (livenessPath !== undefined) paths.push(livenessPath);
  for (const check of arrayProp(props, "healthChecks")) {
    if (!check || typeof check !== "object") continue;
    for (const http of arrayProp(check, "https")) {
      const path = http && typeof http === "object" ? stringProp(http, "path") : undefined;
      if (path !== undefined) paths.push(path);
    }
  }
  return paths;
}

export const containerHealthCheck: ContractResourcePolicy = resourcePolicy({
  name: "container-http-health-check",
  description: "Every container has an HTTP health check on an absolute path.",
  ruleIds: ["CTR-5"],
  severity: "high",
  remediationSteps:
    'Add `livenessProbe: { http: { path: "/health" }, interval, timeout, failureThreshold }` to the container; a TCP-only probe does not prove the service answers.',
  kinds: ["container"],
  validate: (props, _args, report) => {
    const paths = healthCheckPaths(props);
    if (paths.length === 0) {
      report('the container has no HTTP health check; add `livenessProbe.http.path` (e.g. "/health").');
      return;
    }
    for (const path of paths.filter((p) => !HTTP_PATH.test(p))) {
      report(
        `health check path "${path}" is not an absolute HTTP path; use a path that starts with "/", e.g. "/health".`,
      );
    }
  },
});

export const containerNoHardcodedSecrets: ContractResourcePolicy = resourcePolicy({
  name: "container-no-hardcoded-secrets",
  description: "No container holds a credential in a plain environment variable.",
  ruleIds: ["CTR-6", "SECU-1"],
  severity: "critical",
  remediationSteps:
    "Move the variable from `environmentVariables` to `secretEnvironmentVariables`, with its value from a Pulumi secret (`config.requireSecret(...)`, set with `pulumi config set --secret`) or a Secret Manager version, and rotate the exposed credential.",
  kinds: ["container"],
  validate: (props, _args, report) => {
    const variables = objectProp(props, "environmentVariables");
    if (!variables) return;
    for (const name of Object.keys(variables)) {
      // A value computed from another resource's output (an endpoint, an ID) is by construction
      // not a literal typed into code or config, so it cannot be a hardcoded credential.
      if (isComputed(variables, name)) continue;
      const value = variables[name];
      if (typeof value !== "string") continue;
      const match = detectCredential(name, value);
      if (match) {
        report(
          `plain environment variable ${name} holds a hardcoded credential (${match.kind}: ${match.reason}); ` +
            `move it to \`secretEnvironmentVariables\`, its value from a Pulumi secret, and rotate it.`,
        );
      }
    }
  },
});

export const containerPrivacyExplicit: ContractResourcePolicy = resourcePolicy({
  name: "container-privacy-explicit",
  description: "Every container states its network privacy explicitly, as public or private.",
  ruleIds: ["SECU-2"],
  // High (mandatory): an unset privacy exposes the container publicly (CONTAINER_DEFAULT_PRIVACY).
  severity: "high",
  remediationSteps:
    'Set `privacy` to "private" (token-authenticated) or "public" on the container instead of relying on Scaleway\'s default (public).',
  kinds: ["container"],
  validate: (props, _args, report) => {
    const privacy = stringProp(props, "privacy");
    if (privacy === undefined) {
      report(
        `\`privacy\` is not set, so Scaleway's default (${CONTAINER_DEFAULT_PRIVACY.value}) applies silently; set \`privacy\` to "private" or "public".`,
      );
    } else if (!(CONTAINER_PRIVACY as readonly string[]).includes(privacy)) {
      report(`\`privacy\` "${privacy}" is neither "public" nor "private"; set one of them.`);
    }
  },
});

export const containerPolicies: readonly ContractResourcePolicy[] = [
  containerImageFromEuRegistry,
  containerScalingRedundant,
  containerHealthCheck,
  containerNoHardcodedSecrets,
  containerPrivacyExplicit,
];
