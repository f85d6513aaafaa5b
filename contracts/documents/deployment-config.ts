// The `scaleway-infra:deployment` config key: the temporary copies of services that a blue/green or
// canary deployment asks the program to run, and where the services' custom domains point. The
// deployment workflow (cli/deploy) writes it, the program (components/environment) builds it, and the
// stack validation (contracts/config/validate-stack.ts) checks it with these code checks: DEP-1 (copies of
// declared services, in the slot of their strategy), CTR-2 (the copy's image, pinned in production,
// in the environment's registry namespace) and CTR-4 (a production copy never runs a single instance).
import { asRecord, pointerOf } from "./json-pointer";
import type { RawProblem } from "./raw-problem";
import { isRegistryImage } from "../image/reference";
import { minInstancesFor, PINNED_IMAGE_PATTERN, type EnvironmentName } from "../thresholds";

const PINNED_IMAGE = new RegExp(PINNED_IMAGE_PATTERN);

export const COPY_SLOTS = ["green", "canary"] as const;
export type CopySlot = (typeof COPY_SLOTS)[number];

export const COPY_STRATEGIES = ["blue_green", "canary"] as const;
export type CopyStrategy = (typeof COPY_STRATEGIES)[number];

export const TRAFFIC_TARGETS = ["service", "copy"] as const;
export type TrafficTarget = (typeof TRAFFIC_TARGETS)[number];

/** The slot each strategy's copies run in. */
export const SLOT_OF_STRATEGY: Readonly<Record<CopyStrategy, CopySlot>> = {
  blue_green: "green",
  canary: "canary",
};

/** The tag a copy's resources carry beside the service's own tags: `deployment:<slot>`. */
export function deploymentTag(slot: CopySlot): string {
  return `deployment:${slot}`;
}

/** A temporary container: the service's container_spec with another image, named `<service>-<slot>`. */
export interface ServiceCopy {
  service: string;
  slot: CopySlot;
  image: string;
  /** `min_instances = max_instances = 1` (canaries in staging); otherwise the service's scaling. */
  single_instance: boolean;
}

/** The value of `scaleway-infra:deployment`. */
export interface DeploymentConfig {
  deployment_id: string;
  strategy: CopyStrategy;
  copies: ServiceCopy[];
  /** `copy`: the services' custom domains are bound to their copies; `service`: to the services. */
  traffic: TrafficTarget;
}

export function copyName(service: string, slot: CopySlot): string {
  return `${service}-${slot}`;
}

/** What the checks need to know about the rest of the stack. */
export interface DeploymentStackView {
  /** The stack's environment, when it is one. */
  env: EnvironmentName | undefined;
  /** The image of each declared container, by service name. */
  serviceImages: ReadonlyMap<string, string | undefined>;
}

const FIELDS = ["deployment_id", "strategy", "copies", "traffic"] as const;
const COPY_FIELDS = ["service", "slot", "image", "single_instance"] as const;

function oneOf(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

/** `rg.fr-par.scw.cloud/<namespace>/...` -> `<namespace>`. */
function registryNamespaceOf(image: string): string | undefined {
  return /^rg\.[a-z]{2}-[a-z]{3}\.scw\.cloud\/([^/]+)\//.exec(image)?.[1];
}

function unknownFields(value: Record<string, unknown>, known: readonly string[], at: string): RawProblem[] {
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => ({
      path: `${at}${pointerOf([key])}`,
      rule: "SCHEMA",
      predicate: "is not a field of scaleway-infra:deployment",
      fix: `Remove it; the fields are ${known.join(", ")}.`,
      showValue: false,
    }));
}

function copyProblems(
  copy: unknown,
  index: number,
  strategy: unknown,
  stack: DeploymentStackView,
): RawProblem[] {
  const at = `/copies/${index}`;
  const fields = asRecord(copy);
  if (!fields) {
    return [
      {
        path: at,
        rule: "SCHEMA",
        predicate: "must be a mapping with service, slot, image and single_instance",
        fix: "Write each copy as { service, slot, image, single_instance }.",
        showValue: false,
      },
    ];
  }
  const problems = unknownFields(fields, COPY_FIELDS, at);
  const { service, slot, image } = fields;
  if (typeof service !== "string" || !stack.serviceImages.has(service)) {
    problems.push({
      path: `${at}/service`,
      rule: "DEP-1",
      predicate: "must name a container declared in scaleway-infra:containers",
      fix: `Use one of: ${[...stack.serviceImages.keys()].join(", ") || "(no container declared)"}.`,
      showValue: true,
    });
  }
  const expectedSlot = SLOT_OF_STRATEGY[strategy as CopyStrategy] as CopySlot | undefined;
  if (typeof slot !== "string" || !(COPY_SLOTS as readonly string[]).includes(slot)) {
    problems.push({
      path: `${at}/slot`,
      rule: "DEP-1",
      predicate: `must be one of ${oneOf(COPY_SLOTS)}`,
      fix: `Set slot: ${expectedSlot ?? COPY_SLOTS[0]}.`,
      showValue: true,
    });
  } else if (expectedSlot !== undefined && slot !== expectedSlot) {
    problems.push({
      path: `${at}/slot`,
      rule: "DEP-1",
      predicate: `must be ${expectedSlot}: a ${String(strategy)} deployment runs ${expectedSlot} copies`,
      fix: `Set slot: ${expectedSlot}.`,
      showValue: true,
    });
  }
  if (typeof image !== "string" || !isRegistryImage(image)) {
    problems.push({
      path: `${at}/image`,
      rule: "CTR-2",
      predicate:
        "must be an EU Scaleway Container Registry image, rg.<region>.scw.cloud/<namespace>/<repo>[:tag][@sha256:<digest>]",
      fix: "Reference the release image pushed to the environment's Scaleway Container Registry namespace.",
      showValue: true,
    });
  } else {
    if (stack.env === "production" && !PINNED_IMAGE.test(image)) {
      problems.push({
        path: `${at}/image`,
        rule: "CTR-2",
        predicate: "must be pinned in production: a digest (@sha256:...) or an immutable release tag",
        fix: "Reference the image by digest (@sha256:...) or by a release tag such as 1.4.2.",
        showValue: true,
      });
    }
    const serviceImage = typeof service === "string" ? stack.serviceImages.get(service) : undefined;
    const expected = serviceImage === undefined ? undefined : registryNamespaceOf(serviceImage);
    if (expected !== undefined && registryNamespaceOf(image) !== expected) {
      problems.push({
        path: `${at}/image`,
        rule: "CTR-2",
        predicate: `must be in the environment's registry namespace, ${expected}, like the service's image`,
        fix: `Push the image to the ${expected} namespace and reference it there.`,
        showValue: true,
      });
    }
  }
  if (typeof fields.single_instance !== "boolean") {
    problems.push({
      path: `${at}/single_instance`,
      rule: "SCHEMA",
      predicate: "must be true or false",
      fix: "Set single_instance: true for a one-instance canary, false to keep the service's scaling.",
      showValue: true,
    });
  } else if (fields.single_instance && stack.env !== undefined && minInstancesFor(stack.env) > 1) {
    problems.push({
      path: `${at}/single_instance`,
      rule: "CTR-4",
      predicate: `must be false in ${stack.env}: every container there runs at least ${minInstancesFor(stack.env)} instances`,
      fix: "Set single_instance: false; the copy then keeps its service's scaling.",
      showValue: true,
    });
  }
  return problems;
}

/** Every problem of a `scaleway-infra:deployment` value, with pointers relative to it. */
export function deploymentConfigProblems(value: unknown, stack: DeploymentStackView): RawProblem[] {
  const config = asRecord(value);
  if (!config) {
    return [
      {
        path: "",
        rule: "SCHEMA",
        predicate: "must be a mapping with deployment_id, strategy, traffic and copies",
        fix: "Remove scaleway-infra:deployment unless a blue/green or canary deployment is running (docs/program.md, section Deployment copies).",
        showValue: false,
      },
    ];
  }
  const problems = unknownFields(config, FIELDS, "");
  if (typeof config.deployment_id !== "string" || config.deployment_id.length === 0) {
    problems.push({
      path: "/deployment_id",
      rule: "SCHEMA",
      predicate: "must be the id of the running deployment",
      fix: "Set deployment_id to the deployment_response's deployment_id.",
      showValue: true,
    });
  }
  if (!(COPY_STRATEGIES as readonly string[]).includes(config.strategy as string)) {
    problems.push({
      path: "/strategy",
      rule: "DEP-1",
      predicate: `must be one of ${oneOf(COPY_STRATEGIES)}: only these strategies run copies`,
      fix: "Set strategy: blue_green or canary; a rolling deployment sets no scaleway-infra:deployment.",
      showValue: true,
    });
  }
  if (!(TRAFFIC_TARGETS as readonly string[]).includes(config.traffic as string)) {
    problems.push({
      path: "/traffic",
      rule: "DEP-1",
      predicate: `must be one of ${oneOf(TRAFFIC_TARGETS)}`,
      fix: "Set traffic: service (domains stay on the services) or copy (domains move to the copies).",
      showValue: true,
    });
  }
  if (!Array.isArray(config.copies)) {
    problems.push({
      path: "/copies",
      rule: "SCHEMA",
      predicate: "must be a list of copies",
      fix: "Write copies as a YAML list: - { service, slot, image, single_instance }.",
      showValue: false,
    });
    return problems;
  }
  const seen = new Map<string, number>();
  config.copies.forEach((copy, index) => {
    problems.push(...copyProblems(copy, index, config.strategy, stack));
    const fields = asRecord(copy);
    if (typeof fields?.service !== "string" || typeof fields.slot !== "string") return;
    const name = `${fields.service}-${fields.slot}`;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, index);
    else
      problems.push({
        path: `/copies/${index}`,
        rule: "DEP-1",
        predicate: `repeats copy ${name} of copies[${first}]`,
        fix: "Declare each service's copy once.",
        showValue: false,
      });
  });
  if (config.traffic === "copy" && config.copies.length === 0) {
    problems.push({
      path: "/traffic",
      rule: "DEP-1",
      predicate: "must be service when there is no copy to move the domains to",
      fix: "Set traffic: service, or list the copies.",
      showValue: true,
    });
  }
  return problems;
}
