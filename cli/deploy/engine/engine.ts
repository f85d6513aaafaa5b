// The engine behind the deployment workflow: the few Pulumi operations a deployment needs. The real
// implementation drives the Automation API (automation-engine.ts); tests use the in-memory one
// (in-memory-engine.ts), which can be made to fail at any step. Every failure an engine reports is
// an InfraError with its INFRA code (engine-errors.ts), so the workflow never inspects raw errors.

/** Counts of resource operations, as Pulumi's change summary reports them (`create`, `update`, ...). */
export type ChangeSummary = Record<string, number>;

export interface EngineRunOptions {
  /** Policy pack directories, passed to preview and up (`--policy-pack`). */
  policyPacks: string[];
  /** Recorded as the update message in the stack's history. */
  message: string;
  /** Engine output lines, for the progress stream. */
  onOutput?: (line: string) => void;
  /** Aborting asks the running operation to stop (the Automation API sends `pulumi` SIGINT). */
  signal?: AbortSignal;
}

/** One entry of the stack's update history, newest first. */
export interface HistoryEntry {
  version: number;
  kind: string;
  result: string;
  startTime: string;
  message: string;
  /** The stack config of that update, values parsed from JSON where they are JSON. */
  config: Record<string, unknown>;
}

/**
 * A copy of the stack's config, taken so that it can be put back exactly (a dry run, a failed or
 * interrupted deployment, `deploy --recover`). `data` is plain JSON: it is written to disk.
 */
export interface ConfigSnapshot {
  readonly engine: string;
  readonly data: unknown;
}

export interface DeploymentEngine {
  /** `memory` or `automation`, for logs. */
  readonly kind: string;
  /** The stack, which is the environment (`staging`, `production`). */
  readonly stackName: string;
  preview(options: EngineRunOptions): Promise<ChangeSummary>;
  up(options: EngineRunOptions): Promise<ChangeSummary>;
  /** Stack outputs, plain values (secrets stay masked). */
  outputs(): Promise<Record<string, unknown>>;
  /** A config value, parsed from JSON when structured; undefined when unset. Key with namespace. */
  getConfig(key: string): Promise<unknown>;
  /** Sets a config value; objects and arrays are stored structured, not as a JSON string. */
  setConfig(key: string, value: unknown): Promise<void>;
  removeConfig(key: string): Promise<void>;
  history(): Promise<HistoryEntry[]>;
  /** Asks a running update to stop. */
  cancel(): Promise<void>;
  snapshotConfig(): Promise<ConfigSnapshot>;
  restoreConfig(snapshot: ConfigSnapshot): Promise<void>;
}
