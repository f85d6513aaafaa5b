// The deployment workflow (DEP-1..3, OPS-2, OPS-3): a checked request in, a deployment_response out.
// Order: read the stack's services (DEP-1) -> take the environment lock (INFRA_008 on conflict,
// nothing touched) -> find the previous version in the stack's history -> preview the release with
// the policy pack -> run the strategy -> on failure retire copies and, when rollback is enabled,
// restore the previous version -> notify -> respond. Progress goes to stderr, every event to the
// deployment log.
import { randomBytes } from "node:crypto";
import type {
  ContainerSpec,
  DeploymentRequest,
  DeploymentResponse,
  DeploymentServiceStatus,
} from "../contracts/types";
import { validateContract } from "../contracts";
import { InfraError, asInfraError } from "../errors/infra-error";
import { imageAtVersion } from "../image/reference";
import { minInstancesFor } from "../rules/thresholds";
import { DeploymentLog, openDeploymentLog } from "./deployment-log";
import type { ChangeSummary, ConfigSnapshot, DeploymentEngine, EngineRunOptions } from "./engine/engine";
import { probeHeaders } from "./http-probe";
import { acquireEnvironmentLock } from "./lock";
import { sendNotifications } from "./notifications";
import { PreviousVersion, previousVersion } from "./previous-version";
import { Progress, createProgress } from "./progress";
import {
  CONTAINERS_CONFIG_KEY,
  CopySlot,
  DEPLOYMENT_CONFIG_KEY,
  DeploymentConfig,
  containersOf,
  containerUrlsOf,
  withImages,
} from "./release-config";
import { ReleaseValidator } from "./release-validator";
import { DeploymentPlan, requestedContainers } from "./request";
import { STRATEGIES } from "./strategies";
import type { StrategyContext, ValidationTarget } from "./strategies/context";

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
  const containers = containersOf(await engine.getConfig(CONTAINERS_CONFIG_KEY));
  const services = requestedContainers(plan.request, containers, plan.file);
  const deployment = new Deployment(options, services);
  return deployment.run();
}

type Status = DeploymentResponse["status"];

/** One deployment: its state, the steps strategies call (StrategyContext), recovery and response. */
class Deployment implements StrategyContext {
  readonly request: DeploymentRequest;
  readonly deploymentId: string;
  readonly releaseImages: ReadonlyMap<string, string>;
  readonly observationWindowSeconds: number;
  readonly dryRun: boolean;
  private readonly engine: DeploymentEngine;
  private readonly startTime = new Date().toISOString();
  private readonly log: DeploymentLog;
  private readonly progress: Progress;
  private readonly states: Map<string, DeploymentServiceStatus>;
  private readonly validator: ReleaseValidator;
  private readonly errors: string[] = [];
  private urls = new Map<string, string>();
  private previous: PreviousVersion | undefined;
  /** True once an `up` was attempted: from then on a failure needs recovery. */
  private applied = false;

  constructor(
    private readonly options: WorkflowOptions,
    readonly services: ContainerSpec[],
  ) {
    const { plan } = options;
    this.engine = options.engine;
    this.request = plan.request;
    this.dryRun = options.dryRun;
    this.observationWindowSeconds = plan.observationWindowSeconds;
    this.deploymentId = options.deploymentId ?? newDeploymentId(this.request.environment);
    this.releaseImages = new Map(
      services.map((spec) => [spec.name, imageAtVersion(spec.image, this.request.version) as string]),
    );
    this.log = openDeploymentLog(options.stateDir, this.deploymentId);
    this.progress = createProgress(this.log, options.stderr, this.deploymentId);
    this.states = new Map(
      this.request.services.map((name) => [name, { name, status: "pending", health: "unknown" }]),
    );
    this.validator = new ReleaseValidator({
      request: this.request,
      services,
      smokeTests: plan.smokeTests,
      observationWindowSeconds: plan.observationWindowSeconds,
      progress: this.progress,
      headers: probeHeaders(options.env),
      states: this.states,
      urlOf: (container) => this.urlOf(container),
    });
  }

  async run(): Promise<WorkflowResult> {
    const { request } = this;
    this.progress.step(
      "request",
      `${request.environment} ${request.services.join(", ")} -> ${request.version} (${request.strategy}${this.dryRun ? ", dry run" : ""})`,
      { request: { ...request }, engine: this.engine.kind },
    );
    let lock;
    try {
      lock = acquireEnvironmentLock(this.options.stateDir, request.environment, this.deploymentId);
    } catch (error) {
      const conflict = asInfraError(error, "INFRA_008");
      this.setStatus("not_started");
      this.progress.step("lock", conflict.message);
      return this.fail("failed", conflict);
    }
    this.progress.step("lock", `acquired ${lock.file}`);
    try {
      return await this.deployLocked();
    } finally {
      lock.release();
    }
  }

  // --- StrategyContext ------------------------------------------------------------------------

  async setReleaseImages(): Promise<void> {
    const current = containersOf(await this.engine.getConfig(CONTAINERS_CONFIG_KEY));
    await this.engine.setConfig(CONTAINERS_CONFIG_KEY, withImages(current, this.releaseImages));
  }

  async setDeploymentConfig(config: DeploymentConfig | undefined): Promise<void> {
    if (config) await this.engine.setConfig(DEPLOYMENT_CONFIG_KEY, config);
    else await this.engine.removeConfig(DEPLOYMENT_CONFIG_KEY);
  }

  copiesConfig(slot: CopySlot, traffic: DeploymentConfig["traffic"]): DeploymentConfig {
    return {
      deployment_id: this.deploymentId,
      strategy: slot === "green" ? "blue_green" : "canary",
      traffic,
      copies: this.services.map((spec) => ({
        service: spec.name,
        slot,
        image: this.releaseImages.get(spec.name) as string,
        // A single-instance canary would break CTR-4 where the environment needs more (production):
        // there the canary keeps its service's scaling.
        single_instance: slot === "canary" && minInstancesFor(this.request.environment) === 1,
      })),
    };
  }

  async apply(label: string): Promise<void> {
    if (this.dryRun) {
      const changes = await this.engine.preview(this.runOptions(label));
      this.progress.step("preview", `${label}: ${formatChanges(changes)}`, { changes });
      return;
    }
    this.applied = true;
    this.progress.step("up", `${label}...`);
    const changes = await this.engine.up(this.runOptions(label));
    this.progress.step("up", `${label}: ${formatChanges(changes)}`, { changes });
    this.urls = containerUrlsOf(await this.engine.outputs());
  }

  async validate(targets: ValidationTarget[], label: string): Promise<void> {
    // A dry run deployed nothing, so there is nothing to probe.
    if (!this.dryRun) await this.validator.validate(targets, label);
  }

  async observe(targets: ValidationTarget[]): Promise<void> {
    if (!this.dryRun) await this.validator.observe(targets);
  }

  markDeployed(): void {
    this.setStatus(this.dryRun ? "previewed" : "deployed");
  }

  // --- the run --------------------------------------------------------------------------------

  private async deployLocked(): Promise<WorkflowResult> {
    const snapshot = await this.engine.snapshotConfig();
    try {
      this.previous = previousVersion(await this.engine.history(), this.services);
      this.progress.step(
        "history",
        this.previous
          ? `previous version ${this.previous.version ?? "unknown"} (${this.previous.source})`
          : "no successful update in the stack's history: nothing to roll back to",
      );
      if ((await this.engine.getConfig(DEPLOYMENT_CONFIG_KEY)) !== undefined) {
        this.progress.step(
          "history",
          `${DEPLOYMENT_CONFIG_KEY} is left from an earlier deployment; this one replaces it`,
        );
      }
      if (!this.dryRun) await this.policyGate(snapshot);
      await STRATEGIES[this.request.strategy](this);
      if (this.dryRun) await this.engine.restoreConfig(snapshot);
      this.recordUrls();
      return await this.respond("completed");
    } catch (caught) {
      const failure = asInfraError(caught, "INFRA_005");
      this.progress.step("failed", failure.message, { code: failure.code });
      if (this.dryRun || !this.applied) {
        // Nothing was applied: put the config back as it was, there is nothing to recover.
        await this.engine.restoreConfig(snapshot);
        this.setStatus("failed");
        return this.fail("failed", failure);
      }
      const status = await this.recover();
      this.recordUrls();
      return this.fail(status, failure);
    }
  }

  /** Nothing is applied unless the release previews cleanly under the policy pack. */
  private async policyGate(snapshot: ConfigSnapshot): Promise<void> {
    await this.setReleaseImages();
    const changes = await this.engine.preview(this.runOptions("policy gate: preview of the release"));
    this.progress.step("preview", `policy gate passed: ${formatChanges(changes)}`, { changes });
    await this.engine.restoreConfig(snapshot);
  }

  /**
   * After a failure that changed the stack: retire every copy (green, canary) and, when rollback is
   * enabled, point the services back at the previous version; one `up` does both. Then the
   * services are health-checked so that the response says how they really are.
   */
  private async recover(): Promise<Status> {
    const { request, previous } = this;
    const rollingBack = request.rollback.enabled && previous !== undefined;
    if (request.rollback.enabled && previous === undefined) {
      this.errors.push(
        "rollback: the stack's history has no successful update to restore; copies retired, services left as they are",
      );
    }
    try {
      await this.engine.removeConfig(DEPLOYMENT_CONFIG_KEY);
      if (rollingBack && previous) {
        const current = containersOf(await this.engine.getConfig(CONTAINERS_CONFIG_KEY));
        await this.engine.setConfig(CONTAINERS_CONFIG_KEY, withImages(current, previous.images));
      }
      const target = previous?.version ?? "the previous version";
      this.progress.step(
        "recover",
        rollingBack ? `rolling back to ${target} and retiring copies` : "retiring copies (rollback disabled)",
      );
      await this.engine.up(
        this.runOptions(rollingBack ? `rollback to ${target}` : "retire copies after a failed deployment"),
      );
      this.urls = containerUrlsOf(await this.engine.outputs());
    } catch (caught) {
      const failure = asInfraError(caught, "INFRA_005");
      this.errors.push(`rollback failed: ${errorLine(failure)}`);
      this.progress.step("recover", `FAILED: ${failure.message}`);
      this.setStatus("failed");
      return "failed";
    }
    this.setStatus(rollingBack ? "rolled_back" : "failed");
    if (request.validation.health_checks) {
      try {
        await this.validator.checkHealth(
          this.services.map((spec) => ({ service: spec.name, container: spec.name })),
          "after recovery",
        );
      } catch (caught) {
        // Recorded; the status stands: the recovery itself was applied.
        this.errors.push(`after recovery: ${errorLine(asInfraError(caught, "INFRA_006"))}`);
      }
    } else {
      for (const state of this.states.values()) state.health = "unknown";
    }
    return rollingBack ? "rolled_back" : "failed";
  }

  private fail(status: Status, failure: InfraError): Promise<WorkflowResult> {
    this.errors.unshift(errorLine(failure));
    return this.respond(status, failure);
  }

  /** Notifies (failures go into errors), checks the response against DEP-2, logs it. */
  private async respond(status: Status, error?: InfraError): Promise<WorkflowResult> {
    const response: DeploymentResponse = {
      deployment_id: this.deploymentId,
      status,
      start_time: this.startTime,
      end_time: new Date().toISOString(),
      services: [...this.states.values()],
      rollback_info: {
        available: this.request.rollback.enabled && this.previous !== undefined,
        ...(this.previous?.version ? { previous_version: this.previous.version } : {}),
      },
    };
    if (this.errors.length > 0) response.errors = [...this.errors];
    if (!this.dryRun) {
      const notificationErrors = await sendNotifications(this.request, response, this.options.env);
      for (const message of notificationErrors) this.progress.step("notify", message);
      if (notificationErrors.length > 0)
        response.errors = [...(response.errors ?? []), ...notificationErrors];
    }
    // DEP-2: the workflow never prints a response that breaks its own contract.
    validateContract("deployment-response", response);
    this.log.write("response", { response });
    this.progress.step("done", `${status}${error ? ` (${error.code})` : ""}; log ${this.log.file}`);
    return { response, ...(error ? { error } : {}), logFile: this.log.file };
  }

  private runOptions(message: string): EngineRunOptions {
    return {
      policyPacks: this.options.policyPacks,
      message: `scw-infra deploy ${this.deploymentId}: ${message}`,
      onOutput: (line) => this.progress.engine(line),
    };
  }

  private urlOf(container: string): string {
    const url = this.urls.get(container);
    if (!url) {
      throw new InfraError("INFRA_004", `The stack outputs no URL for container "${container}".`, {
        details: {
          output: "containerUrls",
          container,
          fix: "Export containerUrls (container name -> URL) from the Pulumi program, copies included.",
        },
      });
    }
    return url;
  }

  private recordUrls(): void {
    for (const [name, state] of this.states) {
      const url = this.urls.get(name);
      if (url) state.url = url;
    }
  }

  private setStatus(status: string): void {
    for (const state of this.states.values()) state.status = status;
  }
}

function errorLine(error: InfraError): string {
  return `${error.code}: ${error.message}`;
}

function formatChanges(changes: ChangeSummary): string {
  const parts = Object.entries(changes)
    .filter(([op, n]) => n > 0 && op !== "same")
    .map(([op, n]) => `${n} to ${op}`);
  return parts.length > 0 ? parts.join(", ") : "no changes";
}
