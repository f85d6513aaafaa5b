// Stacks, requests and engines for the deployment tests. Health timings are fractions of a second so
// the suite stays fast; the workflow reads them from the stack's container specs like any others.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { ContainerSpec } from "@scaleway-infra/contracts/documents/types";
import type { ServiceName } from "@scaleway-infra/contracts/thresholds";
import { EngineFault, InMemoryEngine, MemoryContainer } from "../../../cli/deploy/engine/in-memory-engine";
import { CONTAINERS_CONFIG_KEY } from "../../../cli/deploy/release-config";
import { configKeyOf } from "@scaleway-infra/contracts/config/stack-input";

const SECRETS_CONFIG_KEY = configKeyOf("secrets");
import { parseImageReference } from "@scaleway-infra/contracts/image/reference";
import type { Behaviour, ContainerServers } from "./container-servers";

export const PREVIOUS_VERSION = "1.0.0";
export const DIGEST = `sha256:${"ab".repeat(32)}`;

export function containerSpec(
  name: ServiceName,
  environment: "staging" | "production" = "staging",
): ContainerSpec {
  return {
    name,
    image: `rg.fr-par.scw.cloud/gov-${environment}/${name}:${PREVIOUS_VERSION}`,
    environment,
    scaling: { min_instances: environment === "production" ? 2 : 1, max_instances: 4 },
    resources: { cpu: 560, memory: 1024 },
    // A probe timeout well above a loaded CI machine's scheduling delays; the slow server answers after 3 s.
    health: { path: "/health", interval: 0.05, timeout: 1 },
    networking: { privacy: "public", domains: [`${name}.${environment}.example.gouv.fr`] },
    environment_variables: [
      { name: "DATABASE_URL", value: `${environment}-${name}-database_url`, secret: true },
    ],
  };
}

/** The stack's secrets: one database_url per service (what makes a service use the database). */
export function databaseUrlSecrets(services: string[], environment: string): Array<Record<string, unknown>> {
  return services.map((name) => ({
    name: `${environment}-${name}-database_url`,
    type: "database_url",
    environment,
  }));
}

export interface EngineSetup {
  servers: ContainerServers;
  environment?: "staging" | "production";
  /** Behaviour of the containers running each version (by tag); unlisted versions are healthy. */
  behaviours?: Record<string, Behaviour>;
  faults?: EngineFault[];
  services?: ServiceName[];
  onUp?: () => Promise<void> | void;
  upDurationMs?: number;
  stackFile?: string;
  /** The version each service runs at start (default PREVIOUS_VERSION). */
  runningVersion?: string;
}

export function versionTagOf(container: MemoryContainer): string {
  return parseImageReference(container.image)?.tag ?? "";
}

export function memoryEngine(setup: EngineSetup): InMemoryEngine {
  const environment = setup.environment ?? "staging";
  const services = setup.services ?? ["documentation", "runners"];
  return new InMemoryEngine({
    stackName: environment,
    config: {
      [CONTAINERS_CONFIG_KEY]: services.map((name) => {
        const spec = containerSpec(name, environment);
        return setup.runningVersion
          ? { ...spec, image: spec.image.replace(/:[^:]+$/, `:${setup.runningVersion}`) }
          : spec;
      }),
      [SECRETS_CONFIG_KEY]: databaseUrlSecrets(services, environment),
    },
    deployed: true,
    faults: setup.faults,
    onUp: setup.onUp,
    upDurationMs: setup.upDurationMs,
    stackFile: setup.stackFile,
    urlOf: (container) =>
      `${setup.servers.url(setup.behaviours?.[versionTagOf(container)] ?? "healthy")}/${container.name}`,
  });
}

export function deploymentRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    environment: "staging",
    services: ["documentation", "runners"],
    version: "2.0.0",
    strategy: "rolling",
    rollback: { enabled: true, timeout: 1 },
    validation: { health_checks: true, smoke_tests: true },
    notifications: { slack: false, email: false },
    smoke_tests: [
      { service: "documentation", path: "/api/status", expected_status: 200, body_contains: "release ok" },
      { service: "runners", path: "/api/status" },
    ],
    canary: { observation_window: 0.2 },
    ...overrides,
  };
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "scw-infra-deploy-"));
}

export function writeRequest(dir: string, request: Record<string, unknown>, name = "request.json"): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(request, null, 2));
  return file;
}

/** The image tag each service's own container runs. */
export function deployedTags(engine: InMemoryEngine): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const container of engine.containers.values())
    if (!container.copyOf) tags[container.name] = versionTagOf(container);
  return tags;
}
