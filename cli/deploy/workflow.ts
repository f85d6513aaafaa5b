// The deployment workflow (DEP-1..3, OPS-2, OPS-3): a checked request in, a deployment_response out.
// Order: read the stack's services (DEP-1) -> take the environment lock (INFRA_008 on conflict,
// nothing touched) -> put back the config a killed deployment left changed -> write the config
// snapshot to disk -> compare each service's requested version with the one running (only changed
// services are deployed; the others are `skipped`) -> preview the release with the policy pack ->
// back up the production database when a changed service uses it (INFRA_007 stops everything) ->
// run the strategy -> on failure or interrupt retire twins, roll back as the request says and put
// the stack config back -> notify -> respond. Progress goes to stderr, every event to the log.
import { randomBytes } from "node:crypto";
import type {
  ContainerSpec,
  DeploymentRequest,
  DeploymentResponse,
  DeploymentServiceStatus,
} from "@scaleway-infra/contracts/documents/types";
import { validateContract } from "@scaleway-infra/contracts/documents";
import { InfraError, asInfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { imageAtVersion, versionOfImage } from "@scaleway-infra/contracts/image/reference";
import { minInstancesFor } from "@scaleway-infra/contracts/thresholds";
import { takePreDeployBackup } from "./backup/pre-deploy-backup";
import {
  readSnapshotFile,
  removeSnapshotFile,
  snapshotFileFor,
  writeSnapshotFile,
} from "./config-snapshot-file";
import { databaseInstanceOf, databaseUrlSecretNames, usesDatabase } from "./database-usage";
import { DeploymentLog, openDeploymentLog } from "./deployment-log";
import type { ChangeSummary, ConfigSnapshot, DeploymentEngine, EngineRunOptions } from "./engine/engine";
import { probeHeaders } from "./http-probe";
import { Interrupts, interruptedError, throwIfInterrupted } from "./interrupts";
import { EnvironmentLock, acquireEnvironmentLock } from "./lock";
import { sendNotifications } from "./notifications";
import { PreviousVersion, previousVersion } from "./previous-version";
import { Progress, createProgress } from "./progress";
import { configKeyOf } from "@scaleway-infra/contracts/config/stack-input";
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
import { planChanges, runningImagesOf } from "./running-versions";
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
  /** SIGINT/SIGTERM: the first aborts the deployment (rolled back), a second forces the cleanup and exit. */
  interrupts?: Interrupts;
  /** The pre-deploy backup: how long to wait for it to be ready, and how often to look. */
  backup?: { timeoutSeconds?: number; pollIntervalMs?: number; retentionDays?: number };
}

/** How long the pre-deploy backup may take unless told otherwise (seconds). */
export const DEFAULT_BACKUP_TIMEOUT_SECONDS = 1800;
/** How long Scaleway keeps a pre-deploy backup (days). */
export const DEFAULT_BACKUP_RETENTION_DAYS = 7;
const SECRETS_CONFIG_KEY = configKeyOf("secrets");

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

export interface RecoveryResult {
  environment: string;
  /** The deployment whose snapshot was put back, when there was one. */
  restored_from?: string;
  snapshot_taken_at?: string;
  lock_released: boolean;
}

/**
 * `deploy --recover`: takes the environment lock (a lock left by a process that is gone is taken
 * over; a live one is INFRA_008), puts the stack config back from the snapshot a killed deployment
 * left, removes the snapshot and releases the lock. Nothing is applied.
 */
export async function recoverEnvironment(
  engine: DeploymentEngine,
  stateDir: string,
  environment: string,
  stderr: (text: string) => void,
): Promise<RecoveryResult> {
  const lock = acquireEnvironmentLock(stateDir, environment, `recover-${newDeploymentId(environment)}`);
  try {
    const file = snapshotFileFor(stateDir, environment);
    const record = readSnapshotFile(file);
    if (!record) {
      stderr(`scw-infra deploy --recover: no config snapshot for ${environment}; nothing to put back\n`);
      return { environment, lock_released: true };
    }
    await engine.restoreConfig(record.snapshot);
    removeSnapshotFile(file);
    stderr(
      `scw-infra deploy --recover: stack config of ${environment} put back as it was before deployment ${record.deployment_id}\n`,
    );
    return {
      environment,
      restored_from: record.deployment_id,
      snapshot_taken_at: record.taken_at,
      lock_released: true,
    };
  } finally {
    lock.release();
  }
}

type Status = DeploymentResponse["status"];

/** One deployment: its state, the steps strategies call (StrategyContext), recovery and response. */
class Deployment implements StrategyContext {
  readonly request: DeploymentRequest;
  readonly deploymentId: string;
  releaseImages: ReadonlyMap<string, string>;
  /** The services this deployment changes; the requested ones already at the release are left out. */
  services: ContainerSpec[];
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
  private backupId: string | undefined;
  private lock: EnvironmentLock | undefined;
  private snapshot: ConfigSnapshot | undefined;
  private readonly snapshotFile: string;
  /** Aborted by a second signal: the recovery `up` is asked to stop too. */
  private readonly force = new AbortController();
  private readonly signal: AbortSignal | undefined;

  constructor(
    private readonly options: WorkflowOptions,
    services: ContainerSpec[],
  ) {
    const { plan } = options;
    this.services = services;
    this.signal = options.interrupts?.signal;
    this.engine = options.engine;
    this.request = plan.request;
    this.dryRun = options.dryRun;
    this.observationWindowSeconds = plan.observationWindowSeconds;
    this.deploymentId = options.deploymentId ?? newDeploymentId(this.request.environment);
    this.releaseImages = new Map(
      services.map((spec) => [spec.name, imageAtVersion(spec.image, this.request.version) as string]),
    );
    this.snapshotFile = snapshotFileFor(options.stateDir, this.request.environment);
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
      ...(this.signal ? { signal: this.signal } : {}),
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
    this.lock = lock;
    const unregister = this.options.interrupts?.onForce(() => this.forceStop());
    try {
      return await this.deployLocked();
    } finally {
      unregister?.();
      lock.release();
    }
  }

  /**
   * A second signal: the process is about to exit. Put the stack config back as it was, remove the
   * snapshot once that is done, release the lock. No rollback: that is what the first signal started.
   */
  private async forceStop(): Promise<void> {
    this.force.abort("second signal");
    try {
      if (this.snapshot) {
        await this.engine.restoreConfig(this.snapshot);
        this.settleSnapshot();
      }
      this.progress.step("interrupt", "second signal: stack config put back, lock released, exiting");
    } finally {
      this.lock?.release();
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

  copiesConfig(slot: CopySlot): DeploymentConfig {
    return {
      deployment_id: this.deploymentId,
      strategy: slot === "green" ? "blue_green" : "canary",
      // Custom domains never move (containers.domain-bound-to-one-container): twins serve on their own endpoint.
      traffic: "service",
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
    throwIfInterrupted(this.signal, label);
    if (this.dryRun) {
      const changes = await this.engine.preview(this.runOptions(label, this.signal));
      this.progress.step("preview", `${label}: ${formatChanges(changes)}`, { changes });
      return;
    }
    this.applied = true;
    this.progress.step("up", `${label}...`);
    const changes = await this.engine.up(this.runOptions(label, this.signal));
    this.progress.step("up", `${label}: ${formatChanges(changes)}`, { changes });
    this.urls = containerUrlsOf(await this.engine.outputs());
    throwIfInterrupted(this.signal, label);
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
    await this.putBackLeftoverConfig();
    const snapshot = await this.engine.snapshotConfig();
    // On disk before the first change: a killed deployment leaves it for the next one, or --recover.
    writeSnapshotFile(this.snapshotFile, {
      deployment_id: this.deploymentId,
      environment: this.request.environment,
      taken_at: new Date().toISOString(),
      snapshot,
    });
    this.snapshot = snapshot;
    try {
      throwIfInterrupted(this.signal, "the start of the deployment");
      const history = await this.engine.history();
      const outputs = await this.engine.outputs();
      this.urls = containerUrlsOf(outputs);
      this.previous = previousVersion(history, this.services);
      this.progress.step(
        "history",
        this.previous
          ? `previous version ${this.previous.version ?? "unknown"} (${this.previous.source})`
          : "no successful update in the stack's history: nothing to roll back to",
      );
      if (!this.onlyWhatChanged(runningImagesOf(outputs, history, this.services))) {
        this.settleSnapshot();
        return await this.respond("completed");
      }
      if ((await this.engine.getConfig(DEPLOYMENT_CONFIG_KEY)) !== undefined) {
        this.progress.step(
          "history",
          `${DEPLOYMENT_CONFIG_KEY} is left from an earlier deployment; this one replaces it`,
        );
      }
      throwIfInterrupted(this.signal, "the policy gate");
      if (!this.dryRun) await this.policyGate(snapshot);
      throwIfInterrupted(this.signal, "the pre-deploy backup");
      await this.backupDatabase(outputs);
      throwIfInterrupted(this.signal, "the start of the strategy");
      await STRATEGIES[this.request.strategy](this);
      if (this.dryRun) await this.engine.restoreConfig(snapshot);
      this.recordUrls();
      this.settleSnapshot();
      return await this.respond("completed");
    } catch (caught) {
      const failure =
        this.signal?.aborted && !(caught instanceof InfraError && caught.details?.interrupt)
          ? interruptedError(this.signal, "the deployment")
          : asInfraError(caught, "INFRA_005");
      this.progress.step("failed", failure.message, { code: failure.code });
      if (this.dryRun || !this.applied) {
        // Nothing was applied: put the config back as it was, there is nothing to recover.
        await this.engine.restoreConfig(snapshot);
        this.settleSnapshot();
        this.setStatus("failed");
        return this.fail("failed", failure);
      }
      const status = await this.recover();
      // The stack file goes back to what it was (what git has): a failed deployment changes no file.
      await this.engine.restoreConfig(snapshot);
      this.settleSnapshot();
      this.recordUrls();
      return this.fail(status, failure);
    }
  }

  /** The config is final (deployed, or put back): the snapshot is no longer needed, even by a second signal. */
  private settleSnapshot(): void {
    this.snapshot = undefined;
    removeSnapshotFile(this.snapshotFile);
  }

  /** A snapshot left by a deployment that was killed: its config changes are put back first. */
  private async putBackLeftoverConfig(): Promise<void> {
    const leftover = readSnapshotFile(this.snapshotFile);
    if (!leftover) return;
    await this.engine.restoreConfig(leftover.snapshot);
    removeSnapshotFile(this.snapshotFile);
    this.progress.step(
      "recover",
      `deployment ${leftover.deployment_id} was killed before it ended: stack config put back as it was at ${leftover.taken_at}`,
    );
  }

  /**
   * Only what changed (issue 14 §1): services already running the release are marked `skipped` and
   * left out. Returns false when nothing is left to deploy.
   */
  private onlyWhatChanged(running: ReturnType<typeof runningImagesOf>): boolean {
    const plan = planChanges(this.services, this.releaseImages, running);
    for (const { spec, version } of plan.unchanged) {
      const state = this.states.get(spec.name);
      if (state) {
        state.status = "skipped";
        state.detail = `already running ${version} (${running.source}): nothing deployed`;
      }
      this.progress.service(spec.name, `skipped: already running ${version} (${running.source})`);
    }
    this.services = plan.changed;
    this.releaseImages = new Map(
      plan.changed.map((spec) => [spec.name, this.releaseImages.get(spec.name) as string]),
    );
    if (this.previous) {
      const changed = new Set<string>(plan.changed.map((spec) => spec.name));
      this.previous.images = new Map([...this.previous.images].filter(([name]) => changed.has(name)));
      // rollback_info names the version the first changed service returns to.
      const first = plan.changed.length > 0 ? this.previous.images.get(plan.changed[0].name) : undefined;
      if (first) this.previous.version = versionOfImage(first) ?? this.previous.version;
    }
    if (plan.changed.length === 0) {
      this.progress.step(
        "plan",
        `every requested service already runs ${this.request.version}: nothing to deploy`,
      );
      return false;
    }
    this.progress.step("plan", `deploying ${plan.changed.map((spec) => spec.name).join(", ")}`);
    return true;
  }

  /**
   * Before a production change to a service that uses the database: an on-demand backup, ready before
   * anything is applied. A dry run only says it would take one.
   */
  private async backupDatabase(outputs: Record<string, unknown>): Promise<void> {
    if (this.request.environment !== "production") return;
    const secrets = databaseUrlSecretNames(await this.engine.getConfig(SECRETS_CONFIG_KEY));
    const users = this.services.filter((spec) => usesDatabase(spec, secrets)).map((spec) => spec.name);
    if (users.length === 0) {
      this.progress.step("backup", "no changed service uses the database: no backup needed");
      return;
    }
    const target = databaseInstanceOf(outputs);
    if (!target) {
      throw new InfraError(
        "INFRA_007",
        `Pre-deploy backup not taken: the stack outputs no databaseInstance, so the database of ${users.join(", ")} cannot be named. Nothing was deployed.`,
        {
          details: {
            output: "databaseInstance",
            fix: "Run `pulumi up` once with this version of the program (it exports databaseInstance: {id, region, database}), then deploy again.",
          },
        },
      );
    }
    const what = `database ${target.databaseName} on instance ${target.instanceId} (${target.region})`;
    if (this.dryRun) {
      this.progress.step(
        "backup",
        `dry run: would take an on-demand backup of ${what} before changing ${users.join(", ")}; none taken`,
      );
      return;
    }
    const settings = this.options.backup ?? {};
    const timeoutSeconds = settings.timeoutSeconds ?? DEFAULT_BACKUP_TIMEOUT_SECONDS;
    this.progress.step(
      "backup",
      `taking an on-demand backup of ${what} (waiting up to ${timeoutSeconds} s)...`,
    );
    const backup = await takePreDeployBackup({
      target,
      deploymentId: this.deploymentId,
      timeoutSeconds,
      retentionDays: settings.retentionDays ?? DEFAULT_BACKUP_RETENTION_DAYS,
      env: this.options.env,
      ...(settings.pollIntervalMs ? { pollIntervalMs: settings.pollIntervalMs } : {}),
      ...(this.signal ? { signal: this.signal } : {}),
    });
    this.backupId = backup.id;
    this.progress.step(
      "backup",
      `backup ${backup.id} ready after ${backup.elapsedMs} ms${backup.expiresAt ? `, kept until ${backup.expiresAt}` : ""}`,
      { backup: { ...backup } },
    );
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
      // Not stopped by the first interrupt (the rollback is what it asked for); a second one stops it.
      await this.engine.up(
        this.runOptions(
          rollingBack ? `rollback to ${target}` : "retire copies after a failed deployment",
          this.force.signal,
        ),
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
        // A short, unsignalled check would hold the interrupt up for rollback.timeout: after an
        // interrupt the services' health is left unknown rather than waited for.
        if (this.signal?.aborted) throw interruptedError(this.signal, "health checks after recovery");
        await this.validator.checkHealth(
          this.services.map((spec) => ({ service: spec.name, container: spec.name })),
          "after recovery",
        );
      } catch (caught) {
        // Recorded; the status stands: the recovery itself was applied.
        this.errors.push(`after recovery: ${errorLine(asInfraError(caught, "INFRA_006"))}`);
      }
    } else {
      for (const spec of this.services) {
        const state = this.states.get(spec.name);
        if (state) state.health = "unknown";
      }
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
        ...(this.backupId ? { backup_id: this.backupId } : {}),
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

  private runOptions(message: string, signal?: AbortSignal): EngineRunOptions {
    return {
      policyPacks: this.options.policyPacks,
      message: `scw-infra deploy ${this.deploymentId}: ${message}`,
      onOutput: (line) => this.progress.engine(line),
      ...(signal ? { signal } : {}),
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

  /** Sets the status of every service this deployment changes; skipped services stay skipped. */
  private setStatus(status: string): void {
    const changed = new Set(this.services.map((spec) => spec.name));
    for (const state of this.states.values()) if (changed.has(state.name)) state.status = status;
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
