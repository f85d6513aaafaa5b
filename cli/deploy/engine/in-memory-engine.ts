// An engine that keeps a stack in memory, for tests and for trying the workflow without a cloud. It
// models what the Pulumi program does with the deployment config (release-config.ts): one container
// per service and one per temporary copy, custom domains bound where `traffic` says. Faults can be
// injected at any operation and any call number, so every step of a deployment can be made to fail.
// With `stackFile`, the config also lives in a file, written on every change like Pulumi.<stack>.yaml,
// and snapshots are that file's bytes: what the interrupt and recovery tests compare.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { InfraCode, InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { DATABASE_INSTANCE_OUTPUT } from "../database-usage";
import { CONTAINER_IMAGES_OUTPUT } from "../running-versions";
import {
  CONTAINERS_CONFIG_KEY,
  DEPLOYMENT_CONFIG_KEY,
  DeploymentConfig,
  CONTAINER_URLS_OUTPUT,
  containersOf,
  copyName,
} from "../release-config";
import type {
  ChangeSummary,
  ConfigSnapshot,
  DeploymentEngine,
  EngineRunOptions,
  HistoryEntry,
} from "./engine";
import { toEngineInfraError } from "./engine-errors";

export type EngineOperation =
  "preview" | "up" | "outputs" | "getConfig" | "setConfig" | "removeConfig" | "history" | "cancel";

export interface EngineFault {
  operation: EngineOperation;
  /** Which call of that operation fails, counting from 1. */
  call: number;
  code?: InfraCode;
  message?: string;
  /** For `up`: apply the new resources, then fail (a failure half-way through an update). */
  afterApplying?: boolean;
  /**
   * What the Pulumi CLI would print (`error: ... quota(s) exceeded ...`): the failure then goes through
   * the same mapping as the real engine's (toEngineInfraError), instead of carrying `code`.
   */
  engineOutput?: string;
}

/** A container as the in-memory program created it. */
export interface MemoryContainer {
  name: string;
  image: string;
  /** The service a copy belongs to; undefined for the service's own container. */
  copyOf?: string;
  slot?: string;
  /** True when the service's custom domains point at this container. */
  servesDomains: boolean;
}

export interface InMemoryEngineOptions {
  stackName: string;
  config: Record<string, unknown>;
  /** The URL a container answers on, e.g. a test server chosen by the image's version. */
  urlOf: (container: MemoryContainer) => string;
  faults?: EngineFault[];
  /** Run one successful update at construction, so that the stack has a history to roll back to. */
  deployed?: boolean;
  /** Called at the start of each `up`, e.g. to hold it for a lock test. */
  onUp?: () => Promise<void> | void;
  /** How long each `up` takes; an abort signal stops it before anything is applied (a cancelled update). */
  upDurationMs?: number;
  /** The database the stack outputs as `databaseInstance`. */
  databaseInstance?: { id: string; region: string; database: string };
  /** A file that holds the config as JSON, like a stack file: read at start when it exists, written on change. */
  stackFile?: string;
}

export const MEMORY_DATABASE_INSTANCE = {
  id: "fr-par/0f0e0d0c-0b0a-4909-8807-060504030201",
  region: "fr-par",
  database: "platform",
};

export class InMemoryEngine implements DeploymentEngine {
  readonly kind = "memory";
  readonly stackName: string;
  config: Record<string, unknown>;
  containers = new Map<string, MemoryContainer>();
  readonly calls: string[] = [];
  private readonly entries: HistoryEntry[] = [];
  private readonly counts = new Map<EngineOperation, number>();
  private readonly faults: EngineFault[];
  private readonly urlOf: (container: MemoryContainer) => string;
  private readonly onUp?: () => Promise<void> | void;
  private readonly upDurationMs: number;
  private readonly databaseInstance: { id: string; region: string; database: string };
  private readonly stackFile?: string;
  cancelled = false;

  constructor(options: InMemoryEngineOptions) {
    this.stackName = options.stackName;
    this.stackFile = options.stackFile;
    this.config =
      this.stackFile && existsSync(this.stackFile)
        ? (JSON.parse(readFileSync(this.stackFile, "utf8")) as Record<string, unknown>)
        : structuredClone(options.config);
    this.faults = options.faults ?? [];
    this.urlOf = options.urlOf;
    this.onUp = options.onUp;
    this.upDurationMs = options.upDurationMs ?? 0;
    this.databaseInstance = options.databaseInstance ?? MEMORY_DATABASE_INSTANCE;
    if (options.deployed) this.apply("initial deployment", "succeeded");
    if (this.stackFile && !existsSync(this.stackFile)) this.persist();
  }

  async preview(options: EngineRunOptions): Promise<ChangeSummary> {
    this.enter("preview");
    this.requirePolicyPacks(options);
    return diff(this.containers, this.render());
  }

  async up(options: EngineRunOptions): Promise<ChangeSummary> {
    const fault = this.faultFor("up");
    this.calls.push("up");
    if (this.onUp) await this.onUp();
    this.requirePolicyPacks(options);
    if (this.upDurationMs > 0) await cancellableDelay(this.upDurationMs, options.signal);
    if (options.signal?.aborted) {
      this.record(options.message, "cancelled");
      throw new InfraError(
        "INFRA_005",
        `up on stack "${this.stackName}" was cancelled before applying anything`,
        {
          details: { operation: "up", stack: this.stackName },
        },
      );
    }
    if (fault) {
      if (fault.afterApplying) this.apply(options.message, "failed");
      else this.record(options.message, "failed");
      throw faultError(fault, this.stackName);
    }
    const changes = diff(this.containers, this.render());
    this.apply(options.message, "succeeded");
    return changes;
  }

  async outputs(): Promise<Record<string, unknown>> {
    this.enter("outputs");
    const urls: Record<string, string> = {};
    const images: Record<string, string> = {};
    for (const container of this.containers.values()) {
      urls[container.name] = this.urlOf(container);
      if (container.copyOf === undefined) images[container.name] = container.image;
    }
    return {
      [CONTAINER_URLS_OUTPUT]: urls,
      [CONTAINER_IMAGES_OUTPUT]: images,
      [DATABASE_INSTANCE_OUTPUT]: { ...this.databaseInstance },
    };
  }

  async getConfig(key: string): Promise<unknown> {
    this.enter("getConfig");
    return structuredClone(this.config[key]);
  }

  async setConfig(key: string, value: unknown): Promise<void> {
    this.enter("setConfig");
    this.config[key] = structuredClone(value);
    this.persist();
  }

  async removeConfig(key: string): Promise<void> {
    this.enter("removeConfig");
    delete this.config[key];
    this.persist();
  }

  async history(): Promise<HistoryEntry[]> {
    this.enter("history");
    return structuredClone([...this.entries].reverse());
  }

  async cancel(): Promise<void> {
    this.enter("cancel");
    this.cancelled = true;
  }

  async snapshotConfig(): Promise<ConfigSnapshot> {
    if (this.stackFile) return { engine: this.kind, data: readFileSync(this.stackFile, "utf8") };
    return { engine: this.kind, data: structuredClone(this.config) };
  }

  async restoreConfig(snapshot: ConfigSnapshot): Promise<void> {
    if (typeof snapshot.data === "string") {
      // The bytes of the stack file, as taken.
      this.config = JSON.parse(snapshot.data) as Record<string, unknown>;
      if (this.stackFile) writeFileSync(this.stackFile, snapshot.data);
      return;
    }
    this.config = structuredClone(snapshot.data as Record<string, unknown>);
    this.persist();
  }

  /** Containers that are copies (green, canary): what a finished deployment must never leave behind. */
  copies(): MemoryContainer[] {
    return [...this.containers.values()].filter((container) => container.copyOf !== undefined);
  }

  /** The program: which containers the current config asks for. */
  render(): Map<string, MemoryContainer> {
    const deployment = this.config[DEPLOYMENT_CONFIG_KEY] as DeploymentConfig | undefined;
    const copies = deployment?.copies ?? [];
    const trafficOnCopies = deployment?.traffic === "copy";
    const rendered = new Map<string, MemoryContainer>();
    for (const spec of containersOf(this.config[CONTAINERS_CONFIG_KEY])) {
      const hasCopy = copies.some((copy) => copy.service === spec.name);
      rendered.set(spec.name, {
        name: spec.name,
        image: spec.image,
        servesDomains: !(trafficOnCopies && hasCopy),
      });
    }
    for (const copy of copies) {
      const name = copyName(copy.service, copy.slot);
      rendered.set(name, {
        name,
        image: copy.image,
        copyOf: copy.service,
        slot: copy.slot,
        servesDomains: trafficOnCopies,
      });
    }
    return rendered;
  }

  private persist(): void {
    if (this.stackFile) writeFileSync(this.stackFile, JSON.stringify(this.config, null, 2) + "\n");
  }

  private apply(message: string, result: string): void {
    this.containers = this.render();
    this.record(message, result);
  }

  private record(message: string, result: string): void {
    this.entries.push({
      version: this.entries.length + 1,
      kind: "update",
      result,
      startTime: new Date().toISOString(),
      message,
      config: structuredClone(this.config),
    });
  }

  private enter(operation: EngineOperation): void {
    const fault = this.faultFor(operation);
    this.calls.push(operation);
    if (fault) throw faultError(fault, this.stackName);
  }

  private faultFor(operation: EngineOperation): EngineFault | undefined {
    const count = (this.counts.get(operation) ?? 0) + 1;
    this.counts.set(operation, count);
    return this.faults.find((fault) => fault.operation === operation && fault.call === count);
  }

  private requirePolicyPacks(options: EngineRunOptions): void {
    // The real engine would run without the policy pack; the workflow must never ask for that.
    if (options.policyPacks.length === 0)
      throw new Error("in-memory engine: preview/up called without a policy pack");
  }
}

function cancellableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

function faultError(fault: EngineFault, stack: string): InfraError {
  if (fault.engineOutput !== undefined) {
    return toEngineInfraError(new Error(fault.engineOutput), fault.operation, stack);
  }
  const code = fault.code ?? "INFRA_005";
  return new InfraError(
    code,
    fault.message ?? `injected ${fault.operation} failure (call ${fault.call}) on stack "${stack}"`,
    {
      details: { operation: fault.operation, stack, injected: true },
    },
  );
}

function diff(before: Map<string, MemoryContainer>, after: Map<string, MemoryContainer>): ChangeSummary {
  const summary: ChangeSummary = {};
  const bump = (op: string): void => {
    summary[op] = (summary[op] ?? 0) + 1;
  };
  for (const [name, container] of after) {
    const old = before.get(name);
    if (!old) bump("create");
    else if (old.image !== container.image || old.servesDomains !== container.servesDomains) bump("update");
    else bump("same");
  }
  for (const name of before.keys()) if (!after.has(name)) bump("delete");
  return summary;
}
