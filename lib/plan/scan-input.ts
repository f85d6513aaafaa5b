// Reads what `scw-infra scan` evaluates: a `pulumi stack export` (deployment version 3, either the
// export's `deployment.resources` or a checkpoint's `checkpoint.latest.resources`) or a
// `pulumi preview --json` document (`steps[].newState`), and turns its resources into
// PlannedResources located at their line in the file. Anything else is INFRA_001 with the place and
// the fix; never a stack trace.
import { InfraError, type ProblemDetail } from "../errors/infra-error";
import { isEnvironmentName } from "../rules/thresholds";
import { tagsOf } from "../../policies/resource-context";
import type { PlannedResource } from "./model";
import { decodeProperties } from "./property-values";

export type ScanFormat = "state" | "preview";

export interface ScanInput {
  format: ScanFormat;
  /** `scan:state` or `scan:preview`, the report's source. */
  source: string;
  stack: string;
  environment: string;
  resources: PlannedResource[];
}

/** The value `pulumi preview --json` prints in place of a secret (without --show-secrets). */
const PREVIEW_SECRET_PLACEHOLDER = "[secret]";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalid(file: string, message: string, problem: Omit<ProblemDetail, "file">): InfraError {
  return new InfraError("INFRA_001", message, { problems: [{ ...problem, file }] });
}

/** 1-based line and column of a character offset. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = /position (\d+)/.exec(message);
    const where = offset ? positionAt(text, Number(offset[1])) : undefined;
    throw invalid(file, `${file} is not valid JSON: ${message}`, {
      path: "/",
      rule: "SCHEMA",
      message,
      fix: "Pass the output of `pulumi stack export` or `pulumi preview --json`, unmodified.",
      ...(where ? { line: where.line, column: where.column } : {}),
    });
  }
}

/** The raw resource objects and the format, or INFRA_001 naming what was expected. */
function rawResources(doc: unknown, file: string): { format: ScanFormat; pointer: string; list: unknown[] } {
  if (isObject(doc)) {
    if (Array.isArray(doc.steps)) {
      const list = doc.steps
        .filter((step): step is Json => isObject(step) && step.op !== "delete" && step.op !== "discard")
        .map((step) => step.newState ?? step.resourcePreview ?? step);
      return { format: "preview", pointer: "/steps", list };
    }
    if (isObject(doc.deployment) || isObject(doc.checkpoint)) {
      if (doc.version !== undefined && doc.version !== 3) {
        throw invalid(
          file,
          `${file} is a deployment of version ${String(doc.version)}; scan reads version 3.`,
          {
            path: "/version",
            rule: "SCHEMA",
            message: `unsupported deployment version ${String(doc.version)}`,
            value: doc.version,
            fix: "Export the stack again with a current Pulumi CLI (`pulumi stack export --file state.json`).",
          },
        );
      }
      const deployment = isObject(doc.deployment)
        ? { value: doc.deployment, pointer: "/deployment" }
        : isObject(doc.checkpoint) && isObject(doc.checkpoint.latest)
          ? { value: doc.checkpoint.latest, pointer: "/checkpoint/latest" }
          : undefined;
      if (
        deployment &&
        (Array.isArray(deployment.value.resources) || deployment.value.resources === undefined)
      ) {
        return {
          format: "state",
          pointer: `${deployment.pointer}/resources`,
          list: (deployment.value.resources as unknown[]) ?? [],
        };
      }
    }
  }
  throw invalid(
    file,
    `${file} is neither a \`pulumi stack export\` nor a \`pulumi preview --json\` document.`,
    {
      path: "/",
      rule: "SCHEMA",
      message:
        "expected `deployment.resources` (stack export, version 3), `checkpoint.latest.resources` or `steps` (preview --json)",
      fix: "Run `pulumi stack export --file state.json` or `pulumi preview --json > preview.json` and scan that file.",
    },
  );
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Marks `[secret]` placeholders of a preview as secrets (their values are not in the document). */
function markPreviewSecrets(value: unknown, path: string, paths: string[]): void {
  if (value === PREVIEW_SECRET_PLACEHOLDER) {
    paths.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => markPreviewSecrets(item, `${path}[${i}]`, paths));
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value))
      markPreviewSecrets(item, path === "" ? key : `${path}.${key}`, paths);
  }
}

/**
 * Where each URN is first written as a `"urn": "..."` member, in one pass over the text (an export
 * of thousands of resources must not be searched once per resource).
 */
function urnPositions(text: string, file: string): Map<string, NonNullable<PlannedResource["source"]>> {
  const positions = new Map<string, NonNullable<PlannedResource["source"]>>();
  const member = /"urn"\s*:\s*("(?:[^"\\]|\\.)*")/g;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (let match = member.exec(text); match; match = member.exec(text)) {
    for (let i = text.indexOf("\n", scanned); i !== -1 && i < match.index; i = text.indexOf("\n", i + 1)) {
      line += 1;
      lineStart = i + 1;
    }
    scanned = match.index;
    const urn = JSON.parse(match[1]) as string;
    if (!positions.has(urn)) positions.set(urn, { file, line, column: match.index - lineStart + 1 });
  }
  return positions;
}

function toPlannedResource(
  raw: unknown,
  index: number,
  pointer: string,
  format: ScanFormat,
  positions: ReadonlyMap<string, NonNullable<PlannedResource["source"]>>,
  file: string,
): PlannedResource {
  if (!isObject(raw) || typeof raw.urn !== "string" || typeof raw.type !== "string") {
    throw invalid(file, `${file}: resource ${pointer}/${index} has no urn or type.`, {
      path: `${pointer}/${index}`,
      rule: "SCHEMA",
      message: "every resource needs a string `urn` and `type`",
      fix: "Scan the export or preview as Pulumi wrote it; do not edit resources by hand.",
    });
  }
  const inputs = isObject(raw.inputs) ? raw.inputs : isObject(raw.outputs) ? raw.outputs : {};
  const { props, secretPaths } = decodeProperties(inputs);
  if (format === "preview") markPreviewSecrets(props, "", secretPaths);
  const resource: PlannedResource = {
    urn: raw.urn,
    type: raw.type,
    name: raw.urn.split("::").pop() ?? raw.urn,
    // State and preview mark custom resources `custom: true`; an older export may omit it, then an ID tells.
    custom: raw.custom === true || (raw.custom === undefined && typeof raw.id === "string" && raw.id !== ""),
    dependencies: stringList(raw.dependencies),
    props,
    secretPaths: [...new Set(secretPaths)],
  };
  if (typeof raw.parent === "string" && raw.parent !== "") resource.parent = raw.parent;
  if (typeof raw.provider === "string" && raw.provider !== "") resource.provider = raw.provider;
  if (typeof raw.id === "string" && raw.id !== "") resource.id = raw.id;
  const source = positions.get(raw.urn);
  if (source) resource.source = source;
  return resource;
}

/** `urn:pulumi:<stack>::...` -> `<stack>`. */
function stackOfUrn(urn: string): string | undefined {
  return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];
}

/** Environment: the stack name when it is one, else the `env:` tag most resources carry. */
function environmentOf(stack: string, resources: PlannedResource[]): string {
  if (isEnvironmentName(stack)) return stack;
  const counts = new Map<string, number>();
  for (const r of resources) {
    for (const tag of tagsOf(r.props)) {
      if (tag.startsWith("env:")) counts.set(tag.slice(4), (counts.get(tag.slice(4)) ?? 0) + 1);
    }
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return best ? best[0] : stack;
}

/** Parses the text of a scanned file. `file` is how reports name it (relative path). */
export function parseScanInput(text: string, file: string, options: { stack?: string } = {}): ScanInput {
  const doc = parseJson(text, file);
  const { format, pointer, list } = rawResources(doc, file);
  const positions = urnPositions(text, file);
  const resources = list.map((raw, i) => toPlannedResource(raw, i, pointer, format, positions, file));
  const stack =
    options.stack ?? resources.map((r) => stackOfUrn(r.urn)).find((s) => s !== undefined) ?? "unknown";
  return { format, source: `scan:${format}`, stack, environment: environmentOf(stack, resources), resources };
}
