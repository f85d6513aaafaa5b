// The real engine: Pulumi's Automation API on this project directory (a LocalWorkspace selecting the
// stack named by the environment). It needs the `pulumi` CLI on PATH and a `pulumi login` to the
// state backend, exactly like `pulumi up`. Structured config goes through `pulumi config set-all
// --json` with an objectValue, so Pulumi.<stack>.yaml keeps YAML objects, never JSON strings.
import { existsSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import type {
  ChangeSummary,
  ConfigSnapshot,
  DeploymentEngine,
  EngineRunOptions,
  HistoryEntry,
} from "./engine";
import { toEngineInfraError } from "./engine-errors";

export interface AutomationEngineOptions {
  /** The Pulumi project directory (holds Pulumi.yaml). */
  workDir: string;
  stackName: string;
  /** Environment passed to every pulumi command (credentials come from the process environment). */
  envVars?: Record<string, string>;
}

export class AutomationEngine implements DeploymentEngine {
  readonly kind = "automation";
  readonly stackName: string;
  private constructor(
    private readonly stack: Stack,
    private readonly workDir: string,
  ) {
    this.stackName = stack.name;
  }

  /** Selects the existing stack; a missing CLI or stack is INFRA_004. */
  static async open(options: AutomationEngineOptions): Promise<AutomationEngine> {
    try {
      // Loaded here so that commands which never deploy do not pay for the Automation API.
      const automation = await import("@pulumi/pulumi/automation");
      const stack = await automation.LocalWorkspace.selectStack(
        { stackName: options.stackName, workDir: options.workDir },
        options.envVars ? { envVars: options.envVars } : undefined,
      );
      return new AutomationEngine(stack, options.workDir);
    } catch (error) {
      throw toEngineInfraError(error, "stack select", options.stackName);
    }
  }

  async preview(options: EngineRunOptions): Promise<ChangeSummary> {
    return this.guard("preview", async () => {
      const result = await this.stack.preview({
        policyPacks: options.policyPacks,
        message: options.message,
        color: "never",
        onOutput: lineSink(options.onOutput),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return { ...result.changeSummary } as ChangeSummary;
    });
  }

  async up(options: EngineRunOptions): Promise<ChangeSummary> {
    return this.guard("up", async () => {
      const result = await this.stack.up({
        policyPacks: options.policyPacks,
        message: options.message,
        color: "never",
        onOutput: lineSink(options.onOutput),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return { ...(result.summary.resourceChanges ?? {}) } as ChangeSummary;
    });
  }

  async outputs(): Promise<Record<string, unknown>> {
    return this.guard("stack output", async () => {
      const outputs = await this.stack.outputs();
      return Object.fromEntries(
        Object.entries(outputs).map(([key, output]) => [key, output.value as unknown]),
      );
    });
  }

  async getConfig(key: string): Promise<unknown> {
    try {
      const value = await this.stack.getConfig(key);
      return parseConfigValue(value.value);
    } catch (error) {
      // `pulumi config get` of an unset key fails; for the workflow that is simply "unset".
      if (error instanceof Error && /not found/i.test(error.message)) return undefined;
      throw toEngineInfraError(error, `config get ${key}`, this.stackName);
    }
  }

  async setConfig(key: string, value: unknown): Promise<void> {
    await this.guard(`config set ${key}`, async () => {
      if (typeof value === "object" && value !== null) {
        const entry = { value: JSON.stringify(value), objectValue: value, secret: false };
        await this.stack.workspace.setAllConfigJson(this.stackName, JSON.stringify({ [key]: entry }));
      } else {
        await this.stack.setConfig(key, { value: String(value), secret: false });
      }
    });
  }

  async removeConfig(key: string): Promise<void> {
    await this.guard(`config rm ${key}`, () => this.stack.removeConfig(key));
  }

  async history(): Promise<HistoryEntry[]> {
    return this.guard("stack history", async () => {
      const summaries = await this.stack.history(20, 1, false);
      return summaries.map((summary) => ({
        version: summary.version,
        kind: summary.kind,
        result: summary.result,
        startTime: new Date(summary.startTime).toISOString(),
        message: summary.message,
        config: Object.fromEntries(
          Object.entries(summary.config ?? {}).map(([key, value]) => [key, parseConfigValue(value.value)]),
        ),
      }));
    });
  }

  async cancel(): Promise<void> {
    await this.guard("cancel", () => this.stack.cancel());
  }

  /** The stack file's bytes: a dry run puts them back exactly, formatting and comments included. */
  async snapshotConfig(): Promise<ConfigSnapshot> {
    const file = this.stackFile();
    return { engine: this.kind, data: existsSync(file) ? readFileSync(file, "utf8") : null };
  }

  async restoreConfig(snapshot: ConfigSnapshot): Promise<void> {
    const file = this.stackFile();
    if (typeof snapshot.data === "string") writeFileSync(file, snapshot.data);
    else rmSync(file, { force: true });
  }

  private stackFile(): string {
    return path.join(this.workDir, `Pulumi.${this.stackName}.yaml`);
  }

  private async guard<T>(operation: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw toEngineInfraError(error, operation, this.stackName);
    }
  }
}

/** Structured config comes back as a JSON string; plain strings stay strings. */
export function parseConfigValue(value: string): unknown {
  const trimmed = value.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function lineSink(sink: ((line: string) => void) | undefined): ((out: string) => void) | undefined {
  if (!sink) return undefined;
  return (out) => {
    for (const line of out.split("\n")) if (line.trim() !== "") sink(line);
  };
}
