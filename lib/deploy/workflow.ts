// The deployment workflow (DEP-1..3, OPS-2, OPS-3): a checked request in, a deployment_response out.
// Order: read the stack's services (DEP-1) -> take the environment lock (INFRA_008 on conflict,
// nothing touched) -> find the previous version in the stack's history -> preview with the policy
// pack -> run the strategy -> on failure retire copies and, when rollback is enabled, restore the
// previous version -> notify -> respond. Progress goes to stderr, every event to the deployment log.
import { randomBytes } from "node:crypto";
import type { ContainerSpec, DeploymentResponse, DeploymentServiceStatus } from "../contracts/types";
import { InfraError, asInfraError } from "../errors/infra-error";
import { imageAtVersion, versionOfImage } from "../image/reference";
import { checkContract } from "./contract-check";
import { openDeploymentLog } from "./deployment-log";
import type { DeploymentEngine, EngineRunOptions, HistoryEntry } from "./engine/engine";
import { describeHealthFailure, probeHealthOnce, waitUntilHealthy } from "./health-check";
import { probeHeaders, sleep } from "./http-probe";
import { acquireEnvironmentLock } from "./lock";
import { sendNotifications } from "./notifications";
import { Progress, createProgress } from "./progress";
import {
  CONTAINERS_CONFIG_KEY,
  DEPLOYMENT_CONFIG_KEY,
  DeploymentConfig,
  containersOf,
  serviceUrlsOf,
  withImages,
} from "./release-config";
import { DeploymentPlan, requestedContainers } from "./request";
import { describeSmokeFailure, runSmokeTest } from "./smoke-tests";
import type { StrategyContext, ValidationTarget } from "./strategies/context";
import { STRATEGIES } from "./strategies";

export interface WorkflowOptions {
  engine: DeploymentEngine;
  plan: DeploymentPlan;
  dryRun: boolean;
  /** `.scw-infra` of the project: locks/ and deployments/ live there. */
  stateDir: string;
  /** Policy pack directories for preview and up. */
  policyPacks: string[];
  env: NodeJS.ProcessEnv;
  stderr: (text: string) => void;
  deploymentId?: string;
}

export interface WorkflowResult {
  response: DeploymentResponse;
  /** The failure behind a `failed` or `rolled_back` response. */
  error?: InfraError;
  logFile: string;
}

export function newDeploymentId(environment: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `${environment}-${stamp}-${randomBytes(3).toString("hex")}`;
}

/**
 * Runs a deployment. Throws INFRA_001 when the request does not match the stack (before anything is
 * touched); every later failure ends in the response (status failed or rolled_back) and `error`.
 */
export async function runDeployment(options: WorkflowOptions): Promise<WorkflowResult> {
  const { engine, plan } = options;
  const { request } = plan;
  const startTime = new Date().toISOString();
  const containers = containersOf(await engine.getConfig(CONTAINERS_CONFIG_KEY));
  const services = requestedContainers(request, containers, plan.file);

  const deploymentId = options.deploymentId ?? newDeploymentId(request.environment);
  const log = openDeploymentLog(options.stateDir, deploymentId);
  const progress = createProgress(log, options.stderr, deploymentId);
  progress.step(
    "request",
    `${request.environment} ${request.services.join(", ")} -> ${request.version} (${request.strategy}${options.dryRun ? ", dry run" : ""})`,
    {
      request: { ...request },
      engine: engine.kind,
    },
  );
  const states = new Map<string, DeploymentServiceStatus>(
    request.services.map((name) => [name, { name, status: "pending", health: "unknown" }]),
  );
  const finish = async (
    status: DeploymentResponse["status"],
    errors: string[],
    previous: PreviousVersion | undefined,
    error?: InfraError,
  ): Promise<WorkflowResult> => {
    const response: DeploymentResponse = {
      deployment_id: deploymentId,
      status,
      start_time: startTime,
      end_time: new Date().toISOString(),
      services: [...states.values()],
      rollback_info: {
        available: request.rollback.enabled && previous !== undefined,
        ...(previous?.version ? { previous_version: previous.version } : {}),
      },
    };
    if (errors.length > 0) response.errors = [...errors];
    if (!options.dryRun) {
      const notificationErrors = await sendNotifications(request, response, options.env);
      for (const message of notificationErrors) progress.step("notify", message);
      if (notificationErrors.length > 0)
        response.errors = [...(response.errors ?? []), ...notificationErrors];
    }
    // DEP-2: the workflow never prints a response that breaks its own contract.
    checkContract("deployment-response", response);
    log.write("response", { response });
    progress.step("done", `${status}${error ? ` (${error.code})` : ""}; log ${log.file}`);
    return { response, ...(error ? { error } : {}), logFile: log.file };
  };

  let lock;
  try {
    lock = acquireEnvironmentLock(options.stateDir, request.environment, deploymentId);
  } catch (error) {
    const infra = asInfraError(error, "INFRA_008");
    for (const state of states.values()) state.status = "not_started";
    progress.step("lock", infra.message);
    return finish("failed", [errorLine(infra)], undefined, infra);
  }
  progress.step("lock", `acquired ${lock.file}`);
  try {
    return await deployLocked(options, services, deploymentId, progress, states, finish);
  } finally {
    lock.release();
  }
}

interface PreviousVersion {
  /** service -> image that was last deployed successfully */
  images: Map<string, string>;
  version?: string;
  source: string;
}

type Finish = (
  status: DeploymentResponse["status"],
  errors: string[],
  previous: PreviousVersion | undefined,
  error?: InfraError,
) => Promise<WorkflowResult>;

async function deployLocked(
  options: WorkflowOptions,
  services: ContainerSpec[],
  deploymentId: string,
  progress: Progress,
  states: Map<string, DeploymentServiceStatus>,
  finish: Finish,
): Promise<WorkflowResult> {
  const { engine, plan, dryRun } = options;
  const { request } = plan;
  const errors: string[] = [];
  let previous: PreviousVersion | undefined;
  const snapshot = await engine.snapshotConfig();
  let applied = false;
  let urls = new Map<string, string>();
  const runOptions = (message: string): EngineRunOptions => ({
    policyPacks: options.policyPacks,
    message: `scw-infra deploy ${deploymentId}: ${message}`,
    onOutput: (line: string) => progress.engine(line),
  });
  const refreshUrls = async (): Promise<void> => {
    urls = serviceUrlsOf(await engine.outputs());
  };
  const urlOf = (container: string): string => {
    const url = urls.get(container);
    if (!url) {
      throw new InfraError("INFRA_004", `The stack outputs no URL for container "${container}".`, {
        details: {
          output: "serviceUrls",
          container,
          fix: "Export serviceUrls (container name -> URL) from the Pulumi program, copies included.",
        },
      });
    }
    return url;
  };
  const specOf = (service: string): ContainerSpec =>
    services.find((spec) => spec.name === service) as ContainerSpec;
  const releaseImages = new Map(
    services.map((spec) => [spec.name, imageAtVersion(spec.image, request.version) as string]),
  );

  const headers = probeHeaders(options.env);
  const checkHealth = async (targets: ValidationTarget[], label: string): Promise<void> => {
    const results = await Promise.all(
      targets.map((target) => {
        const spec = specOf(target.service);
        return waitUntilHealthy(
          {
            name: target.container,
            url: urlOf(target.container),
            path: spec.health.path,
            intervalSeconds: spec.health.interval,
            timeoutSeconds: spec.health.timeout,
            headers,
          },
          request.rollback.timeout,
          (attempt, status, error) =>
            progress.log.write("health_attempt", {
              container: target.container,
              attempt,
              status: status ?? null,
              error: error ?? null,
            }),
        );
      }),
    );
    for (const [index, result] of results.entries()) {
      const target = targets[index];
      const state = states.get(target.service);
      if (state) state.health = result.healthy ? "healthy" : "unhealthy";
      progress.service(
        target.container,
        `health ${result.healthy ? "healthy" : "UNHEALTHY"} after ${result.attempts} attempt(s), ${result.elapsedMs} ms (${label})`,
        { result: { ...result } },
      );
    }
    const failed = results.filter((result) => !result.healthy);
    if (failed.length > 0) {
      throw new InfraError(
        "INFRA_006",
        failed.map((result) => describeHealthFailure(result, request.rollback.timeout)).join("; "),
        {
          details: { step: label, containers: failed.map((result) => result.name) },
        },
      );
    }
  };
  const runSmoke = async (targets: ValidationTarget[], label: string): Promise<void> => {
    const runs = targets.flatMap((target) =>
      plan.smokeTests
        .filter((test) => test.service === target.service)
        .map((test) =>
          runSmokeTest(
            test,
            target.container,
            urlOf(target.container),
            specOf(target.service).health.timeout,
            headers,
          ),
        ),
    );
    const results = await Promise.all(runs);
    for (const result of results) {
      progress.service(
        result.container,
        `smoke ${result.passed ? "passed" : "FAILED"} GET ${result.test.path}${result.reason ? `: ${result.reason}` : ""} (${label})`,
      );
    }
    const failed = results.filter((result) => !result.passed);
    if (failed.length > 0) {
      throw new InfraError("INFRA_005", failed.map(describeSmokeFailure).join("; "), {
        details: { step: label, containers: [...new Set(failed.map((result) => result.container))] },
      });
    }
  };

  const context: StrategyContext = {
    request,
    deploymentId,
    services,
    releaseImages,
    observationWindowSeconds: plan.observationWindowSeconds,
    dryRun,
    async setReleaseImages() {
      const current = containersOf(await engine.getConfig(CONTAINERS_CONFIG_KEY));
      await engine.setConfig(CONTAINERS_CONFIG_KEY, withImages(current, releaseImages));
    },
    async setDeploymentConfig(config) {
      if (config) await engine.setConfig(DEPLOYMENT_CONFIG_KEY, config);
      else await engine.removeConfig(DEPLOYMENT_CONFIG_KEY);
    },
    copiesConfig(slot, traffic): DeploymentConfig {
      return {
        deployment_id: deploymentId,
        strategy: slot === "green" ? "blue_green" : "canary",
        traffic,
        copies: services.map((spec) => ({
          service: spec.name,
          slot,
          image: releaseImages.get(spec.name) as string,
          single_instance: slot === "canary",
        })),
      };
    },
    async apply(label) {
      if (dryRun) {
        const changes = await engine.preview(runOptions(label));
        progress.step("preview", `${label}: ${formatChanges(changes)}`, { changes });
        return;
      }
      applied = true;
      progress.step("up", `${label}...`);
      const changes = await engine.up(runOptions(label));
      progress.step("up", `${label}: ${formatChanges(changes)}`, { changes });
      await refreshUrls();
    },
    async validate(targets, label) {
      if (dryRun) return;
      if (request.validation.health_checks) await checkHealth(targets, label);
      if (request.validation.smoke_tests) await runSmoke(targets, label);
    },
    async observe(targets) {
      if (dryRun || (!request.validation.health_checks && !request.validation.smoke_tests)) return;
      const windowMs = plan.observationWindowSeconds * 1000;
      const intervalMs = Math.min(...targets.map((t) => specOf(t.service).health.interval)) * 1000;
      const started = Date.now();
      let round = 0;
      do {
        if (round > 0) await sleep(Math.min(intervalMs, windowMs - (Date.now() - started)));
        round += 1;
        progress.step(
          "observe",
          `round ${round} (${Math.round((Date.now() - started) / 100) / 10} s of ${plan.observationWindowSeconds} s)`,
        );
        if (request.validation.health_checks) {
          // One probe per container: during observation a single failed probe fails the canary.
          for (const target of targets) {
            const spec = specOf(target.service);
            const result = await probeHealthOnce({
              name: target.container,
              url: urlOf(target.container),
              path: spec.health.path,
              intervalSeconds: spec.health.interval,
              timeoutSeconds: spec.health.timeout,
              headers,
            });
            if (!result.healthy) {
              throw new InfraError(
                "INFRA_006",
                `${target.container}: GET ${result.url} failed during the canary observation window (round ${round}): ${result.lastError ?? "unhealthy"}`,
                { details: { step: "observe", container: target.container } },
              );
            }
          }
        }
        if (request.validation.smoke_tests) await runSmoke(targets, `observation round ${round}`);
      } while (Date.now() - started < windowMs);
    },
    markDeployed() {
      for (const state of states.values()) state.status = dryRun ? "previewed" : "deployed";
    },
  };

  try {
    previous = previousVersion(await engine.history(), services);
    progress.step(
      "history",
      previous
        ? `previous version ${previous.version ?? "unknown"} (${previous.source})`
        : "no successful update in the stack's history: nothing to roll back to",
    );
    const leftover = await engine.getConfig(DEPLOYMENT_CONFIG_KEY);
    if (leftover !== undefined)
      progress.step(
        "history",
        `${DEPLOYMENT_CONFIG_KEY} is set from an earlier deployment; this one replaces it`,
      );
    if (!dryRun) {
      // The gate: nothing is applied unless the release previews cleanly under the policy pack.
      await context.setReleaseImages();
      const changes = await engine.preview(runOptions("policy gate: preview of the release"));
      progress.step("preview", `policy gate passed: ${formatChanges(changes)}`, { changes });
      await engine.restoreConfig(snapshot);
    }
    await STRATEGIES[request.strategy](context);
    if (dryRun) await engine.restoreConfig(snapshot);
    for (const name of request.services) {
      const state = states.get(name);
      const url = urls.get(name);
      if (state && url) state.url = url;
    }
    return await finish("completed", errors, previous);
  } catch (caught) {
    const failure = asInfraError(caught, "INFRA_005");
    errors.push(errorLine(failure));
    progress.step("failed", failure.message, { code: failure.code });
    if (dryRun || !applied) {
      await engine.restoreConfig(snapshot);
      for (const state of states.values()) state.status = "failed";
      return finish("failed", errors, previous, failure);
    }
    const status = await recover({
      engine,
      options,
      context,
      previous,
      states,
      errors,
      progress,
      runOptions,
      refreshUrls,
      checkHealth,
    });
    for (const name of request.services) {
      const state = states.get(name);
      const url = urls.get(name);
      if (state && url) state.url = url;
    }
    return finish(status, errors, previous, failure);
  }
}

/**
 * After a failure that changed the stack: retire every copy (green, canary) and, when rollback is
 * enabled, point the services back at the previous version; one `up` does both. Returns the status.
 */
interface Recovery {
  engine: DeploymentEngine;
  options: WorkflowOptions;
  context: StrategyContext;
  previous: PreviousVersion | undefined;
  states: Map<string, DeploymentServiceStatus>;
  errors: string[];
  progress: Progress;
  runOptions: (message: string) => EngineRunOptions;
  refreshUrls: () => Promise<void>;
  checkHealth: (targets: ValidationTarget[], label: string) => Promise<void>;
}

async function recover(recovery: Recovery): Promise<DeploymentResponse["status"]> {
  const {
    engine,
    options,
    context,
    previous,
    states,
    errors,
    progress,
    runOptions,
    refreshUrls,
    checkHealth,
  } = recovery;
  const { request } = options.plan;
  const rollingBack = request.rollback.enabled && previous !== undefined;
  if (request.rollback.enabled && previous === undefined) {
    errors.push(
      "rollback: the stack's history has no successful update to restore; copies retired, services left as they are",
    );
  }
  try {
    await engine.removeConfig(DEPLOYMENT_CONFIG_KEY);
    if (rollingBack && previous) {
      const current = containersOf(await engine.getConfig(CONTAINERS_CONFIG_KEY));
      await engine.setConfig(CONTAINERS_CONFIG_KEY, withImages(current, previous.images));
    }
    progress.step(
      "recover",
      rollingBack
        ? `rolling back to ${previous?.version ?? "the previous version"} and retiring copies`
        : "retiring copies (rollback disabled)",
    );
    await engine.up(
      runOptions(
        rollingBack
          ? `rollback to ${previous?.version ?? "previous version"}`
          : "retire copies after a failed deployment",
      ),
    );
    await refreshUrls();
  } catch (caught) {
    const failure = asInfraError(caught, "INFRA_005");
    errors.push(`rollback failed: ${errorLine(failure)}`);
    progress.step("recover", `FAILED: ${failure.message}`);
    for (const state of states.values()) state.status = "failed";
    return "failed";
  }
  for (const state of states.values()) state.status = rollingBack ? "rolled_back" : "failed";
  if (request.validation.health_checks) {
    // Report how the services are after recovery; a failure here is recorded, the status stands.
    try {
      await checkHealth(
        context.services.map((spec) => ({ service: spec.name, container: spec.name })),
        "after recovery",
      );
    } catch (caught) {
      errors.push(`after recovery: ${errorLine(asInfraError(caught, "INFRA_006"))}`);
    }
  } else {
    for (const state of states.values()) state.health = "unknown";
  }
  return rollingBack ? "rolled_back" : "failed";
}

/** The images of the last successful update in the stack's history, for the requested services. */
export function previousVersion(
  history: HistoryEntry[],
  services: ContainerSpec[],
): PreviousVersion | undefined {
  const last = history.find((entry) => entry.kind === "update" && entry.result === "succeeded");
  if (!last) return undefined;
  const deployed = containersOf(last.config[CONTAINERS_CONFIG_KEY]);
  const images = new Map<string, string>();
  for (const spec of services) {
    const image = deployed.find((c) => c.name === spec.name)?.image;
    if (image) images.set(spec.name, image);
  }
  if (images.size === 0) return undefined;
  const first = images.get(services[0].name);
  return {
    images,
    version: first ? versionOfImage(first) : undefined,
    source: `stack history, ${last.version > 0 ? `update ${last.version}` : `update of ${last.startTime}`}`,
  };
}

function errorLine(error: InfraError): string {
  return `${error.code}: ${error.message}`;
}

function formatChanges(changes: Record<string, number>): string {
  const parts = Object.entries(changes)
    .filter(([op, n]) => n > 0 && op !== "same")
    .map(([op, n]) => `${n} to ${op}`);
  return parts.length > 0 ? parts.join(", ") : "no changes";
}
