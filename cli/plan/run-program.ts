// Runs a Pulumi program in this process under mocks (no CLI, engine, cloud or credentials) and
// records every resource it registers, as the engine would see it: type, name, URN, inputs, parent,
// dependencies, provider, the exact paths of secret inputs, and the TypeScript line that declared it.
// URNs are the engine's (the whole parent type chain, cli/plan/urn.ts), not the mocks' (which keep
// only the direct parent's type), and the engine's default providers are recorded too
// (cli/plan/default-providers.ts), so plan and `pulumi preview` name and judge the same resources.
//
// Why the monitor is wrapped: `Mocks.newResource` receives inputs already deserialized by the SDK,
// which pushes secretness up to the top-level property (`secretEnvironmentVariables` is secret as a
// whole) and drops parent and dependencies. The monitor's registerResource request still carries
// the wire encoding, with each secret marked where it is, plus parent, dependencies and provider.
//
// Runs are serialized: the Pulumi runtime keeps its state in one global store, which `setMocks`
// resets, so several plans can run one after another in one process (tests, bench), never at once.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { PlannedResource, SourceLocation } from "./model";
import { decodeProperties } from "./property-values";
import { DefaultProviders, PROVIDER_TYPE_PREFIX } from "./default-providers";
import { ScalewayMocks } from "./mocks";
import { engineUrn } from "./urn";

export interface ProgramRunOptions {
  project: string;
  stack: string;
  /** Stack config as Pulumi passes it to a program: `namespace:key` -> string value. */
  config?: Record<string, string>;
  /** Config keys whose values are secrets (`pulumi config set --secret`). */
  secretConfigKeys?: string[];
  mocks?: pulumi.runtime.Mocks;
  /** Files under this directory (outside node_modules) count as the program's source. */
  sourceRoot?: string;
}

export interface ProgramRun {
  resources: PlannedResource[];
  /** Stack outputs, resolved. */
  outputs: Record<string, unknown>;
}

/** What the monitor's RegisterResourceRequest exposes (a generated protobuf class). */
interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  /** RegisterResourceRequest only; a read resource is always custom. */
  getCustom?(): boolean;
  /** RegisterResourceRequest: the inputs. */
  getObject?(): WireStruct | undefined;
  /** ReadResourceRequest (`Resource.get`): the properties it is read with. */
  getProperties?(): WireStruct | undefined;
  getDependenciesList(): string[];
  getProvider(): string;
  getVersion(): string;
  getPlugindownloadurl(): string;
}
interface WireStruct {
  toJavaScript(): Record<string, unknown>;
}
interface RegisterResourceResponse {
  getUrn(): string;
}
type MonitorCallback = (error: unknown, response: RegisterResourceResponse | undefined) => void;
interface RecordableMonitor {
  registerResource(request: RegisterResourceRequest, callback: MonitorCallback): Promise<void>;
  readResource(request: RegisterResourceRequest, callback: MonitorCallback): Promise<void>;
  /** The SDK's MockMonitor names resources with this (runtime/mocks.js). */
  newUrn(parent: string, type: string, name: string): string;
}

// Internal SDK modules: the monitor that setMocks installed, and the wait for in-flight RPCs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as {
  getMonitor(): unknown;
  waitForRPCs(): Promise<void>;
};

let queue: Promise<unknown> = Promise.resolve();

/** Runs `program` (which returns the stack outputs) under mocks and returns what it registered. */
export function runProgramUnderMocks(
  program: () => unknown,
  options: ProgramRunOptions,
): Promise<ProgramRun> {
  const run = queue.then(() => runExclusively(program, options));
  queue = run.catch(() => undefined);
  return run;
}

async function runExclusively(program: () => unknown, options: ProgramRunOptions): Promise<ProgramRun> {
  const mocks = options.mocks ?? new ScalewayMocks();
  await pulumi.runtime.setMocks(mocks, options.project, options.stack, false);
  pulumi.runtime.setAllConfig(options.config ?? {}, options.secretConfigKeys ?? []);

  const declaredAt = new DeclarationSites(options.sourceRoot ?? process.cwd());
  const resources: PlannedResource[] = [];
  const pending: Promise<void>[] = [];
  const monitor = settings.getMonitor() as RecordableMonitor;
  const { project, stack } = options;
  // The mocks' URN keeps only the direct parent's type; the engine's keeps the whole chain.
  monitor.newUrn = (parent, type, name) =>
    engineUrn({ stack, project, type, name, ...(parent ? { parent } : {}) });
  const defaults = new DefaultProviders(stack, project, options.config ?? {}, options.secretConfigKeys ?? []);
  recordRegistrations(monitor, resources, declaredAt, pending, defaults);

  // An error of the program itself is kept and rethrown once the runtime has settled: let through,
  // it would reject the stack resource's internal promises, which nothing awaits (a process crash).
  let programError: { error: unknown } | undefined;
  const outputs = await pulumi.runtime.runInPulumiStack(async () => {
    pulumi.runtime.registerStackTransformation((args) => {
      declaredAt.capture(args.type, args.name);
      return undefined;
    });
    try {
      return (await program()) as Record<string, unknown> | undefined;
    } catch (error) {
      programError = { error };
      return undefined;
    }
  });
  // Outputs resolve before every registration has reached the monitor: wait for the RPC queue.
  await settings.waitForRPCs();
  await Promise.all(pending);
  if (programError) throw programError.error;
  return { resources, outputs: (outputs ?? {}) as Record<string, unknown> };
}

function recordRegistrations(
  monitor: RecordableMonitor,
  resources: PlannedResource[],
  declaredAt: DeclarationSites,
  pending: Promise<void>[],
  defaults: DefaultProviders,
): void {
  const wrap = (method: "registerResource" | "readResource") => {
    const original = monitor[method].bind(monitor);
    monitor[method] = (request, callback) => {
      let settle: () => void = () => undefined;
      pending.push(new Promise<void>((resolve) => (settle = resolve)));
      return original(request, (error, response) => {
        try {
          if (!error && response) {
            const resource = plannedResourceOf(request, response.getUrn(), declaredAt);
            // A custom resource without an explicit provider gets the engine's default provider.
            if (resource.custom && !resource.provider && !resource.type.startsWith(PROVIDER_TYPE_PREFIX)) {
              const { reference, created } = defaults.providerFor({
                type: resource.type,
                version: request.getVersion(),
                pluginDownloadUrl: request.getPlugindownloadurl(),
              });
              if (created) resources.push(created);
              resource.provider = reference;
            }
            resources.push(resource);
          }
        } finally {
          settle();
        }
        callback(error, response);
      });
    };
  };
  wrap("registerResource");
  wrap("readResource");
}

function plannedResourceOf(
  request: RegisterResourceRequest,
  urn: string,
  declaredAt: DeclarationSites,
): PlannedResource {
  const struct = request.getObject ? request.getObject() : request.getProperties?.();
  const raw = struct?.toJavaScript() ?? {};
  const { props, secretPaths } = decodeProperties(raw);
  const type = request.getType();
  const name = request.getName();
  const resource: PlannedResource = {
    urn,
    type,
    name,
    custom: request.getCustom ? request.getCustom() : true,
    dependencies: [...new Set(request.getDependenciesList())],
    props,
    secretPaths,
  };
  const parent = request.getParent();
  if (parent) resource.parent = parent;
  const provider = request.getProvider();
  if (provider) resource.provider = provider;
  const source = declaredAt.take(type, name);
  if (source) resource.source = source;
  return resource;
}

/**
 * The loader's source-map lookup (cli/register-ts.js), when the program's .ts files were transpiled
 * by it with Node's source-map support off: frames then carry the transpiled code's line, which this
 * maps back. Absent under jest and with SCW_INFRA_DEBUG, where frames already name TypeScript lines.
 */
type OriginalPosition = (
  file: string,
  line: number,
  column: number,
) => { line: number; column: number } | undefined;
function loaderOriginalPosition(): OriginalPosition | undefined {
  const lookup = (globalThis as Record<symbol, unknown>)[Symbol.for("scaleway-infra.originalPosition")];
  return typeof lookup === "function" ? (lookup as OriginalPosition) : undefined;
}

/**
 * Where each resource was declared: a stack trace taken in a stack transformation, which the SDK
 * runs synchronously inside the resource's constructor, so the caller's frame is on the stack.
 * Frames name the .ts file; its line is the TypeScript line (source maps under jest and with
 * SCW_INFRA_DEBUG, else the loader's lookup).
 */
class DeclarationSites {
  private readonly sites = new Map<string, SourceLocation[]>();

  private readonly originalPosition = loaderOriginalPosition();

  constructor(private readonly sourceRoot: string) {}

  capture(type: string, name: string): void {
    const site = this.declarationFrame(new Error().stack ?? "");
    if (!site) return;
    const key = `${type}::${name}`;
    const list = this.sites.get(key) ?? [];
    list.push(site);
    this.sites.set(key, list);
  }

  take(type: string, name: string): SourceLocation | undefined {
    return this.sites.get(`${type}::${name}`)?.shift();
  }

  /** The first frame in the program's own sources, skipping the SDK, providers and this module. */
  private declarationFrame(stack: string): SourceLocation | undefined {
    for (const line of stack.split("\n").slice(1)) {
      const match = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?\s*$/.exec(line.trim());
      if (!match) continue;
      const file = match[1].replace(/^file:\/\//, "");
      if (!path.isAbsolute(file) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
      if (file === __filename || file.startsWith(path.join(__dirname, path.sep))) continue;
      const relative = path.relative(this.sourceRoot, file);
      if (relative.startsWith("..")) continue;
      const at = { line: Number(match[2]), column: Number(match[3]) };
      const original = this.originalPosition?.(file, at.line, at.column) ?? at;
      return { file: relative.split(path.sep).join("/"), ...original };
    }
    return undefined;
  }
}
