// Reads what `scw-infra scan` evaluates: a `pulumi stack export` (deployment version 3, either the
// export's `deployment.resources` or a checkpoint's `checkpoint.latest.resources`) or a
// `pulumi preview --json` document (`steps[]`), and turns every resource that is, or will be, live
// into a PlannedResource located at its line in the file. What each kind of entry and each step op
// means is decided here, from Pulumi's own definitions (apitype.ResourceV3, pkg/resource/deploy
// step.go), and documented in docs/scan.md. Anything else is INFRA_001 with the place and the
// fix; never a stack trace.
import { formatJsonSyntaxError, parseJsonQuietly } from "@scaleway-infra/contracts/files/json-syntax";
import { InfraError, type ProblemDetail } from "@scaleway-infra/contracts/errors/infra-error";
import { isEnvironmentName } from "@scaleway-infra/contracts/thresholds";
import { tagsOf } from "../../policies/resource-context";
import { UNKNOWN, type PlannedResource, type ScanEntry } from "./model";
import { decodeProperties } from "./property-values";
import { parseUrn } from "./urn";

export type ScanFormat = "state" | "preview";

export interface ScanInput {
  format: ScanFormat;
  /** `scan:state` or `scan:preview`, the report's source. */
  source: string;
  stack: string;
  environment: string;
  resources: PlannedResource[];
}

/** The value `pulumi preview --json` prints in place of a secret (pkg/backend/display/json.go). */
const PREVIEW_SECRET_PLACEHOLDER = "[secret]";

/**
 * Every step op of `pulumi preview --json` (pkg/resource/deploy/step.go `StepOps`, v3.248.0), and what
 * the scan judges for it:
 * - `new`: the step's newState, the resource as it will be after the update;
 * - `refresh`: the newState read back from the cloud, unless a program step of the same URN says what
 *   the update makes of it, or a delete step removes it;
 * - `leaves`: nothing, the resource leaves the stack (its oldState is judged only when
 *   `retainOnDelete` keeps it running in the project);
 * - `gone`: nothing, the resource no longer exists or was never managed by the stack.
 */
export const PREVIEW_STEP_OPS = {
  same: "new",
  create: "new",
  update: "new",
  replace: "new",
  "create-replacement": "new",
  read: "new",
  "read-replacement": "new",
  import: "new",
  "import-replacement": "new",
  diff: "new",
  refresh: "refresh",
  delete: "leaves",
  "delete-replaced": "leaves",
  discard: "gone",
  // The Go constant of `discard` is OpReadDiscard; a tool that writes its name means the same step.
  "read-discard": "gone",
  "discard-replaced": "gone",
  "remove-pending-replace": "gone",
} as const;
type StepOp = keyof typeof PREVIEW_STEP_OPS;

/** Ops that the engine emits together with `replace` for one URN, carrying the same new state. */
const REPLACEMENT_OPS: ReadonlySet<string> = new Set([
  "create-replacement",
  "read-replacement",
  "import-replacement",
]);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalid(file: string, message: string, problem: Omit<ProblemDetail, "file">): InfraError {
  return new InfraError("INFRA_001", message, { problems: [{ ...problem, file }] });
}

function parseJson(text: string, file: string): unknown {
  // Never JSON.parse's own message: it quotes the file (issue 11 "no value echoed").
  return parseJsonQuietly(text, (error) => {
    const message = `not valid JSON at ${formatJsonSyntaxError(error)}`;
    return invalid(file, `${file} is ${message}`, {
      path: "/",
      rule: "SCHEMA",
      message,
      fix: "Pass the output of `pulumi stack export` or `pulumi preview --json`, unmodified.",
      line: error.line,
      column: error.column,
    });
  });
}

const UNEDITED_FIX = "Scan the export or preview as Pulumi wrote it; do not edit resources by hand.";

/** One resource entry to judge: the raw ResourceV3 object, where it sits, and what kind of entry it is. */
interface RawEntry {
  raw: unknown;
  pointer: string;
  entry?: ScanEntry;
  /** Which `"urn"` member of this URN in the text (0-based) marks the entry, for its line. */
  occurrence: number;
}

/** Deeper than any export or preview Pulumi writes; the decoders and the policies recurse. */
const MAX_NESTING = 128;

/** Refuses a document nested deeper than MAX_NESTING (an iterative walk: no recursion to overflow). */
function requireBoundedNesting(doc: unknown, file: string): void {
  const pending: Array<{ value: unknown; depth: number }> = [{ value: doc, depth: 0 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (item.value === null || typeof item.value !== "object") continue;
    if (item.depth >= MAX_NESTING) {
      throw invalid(file, `${file} nests values more than ${MAX_NESTING} levels deep.`, {
        path: "/",
        rule: "SCHEMA",
        message: `no export or preview written by Pulumi nests ${MAX_NESTING} levels deep`,
        fix: "Pass the output of `pulumi stack export` or `pulumi preview --json`, unmodified.",
      });
    }
    for (const child of Object.values(item.value)) pending.push({ value: child, depth: item.depth + 1 });
  }
}

/**
 * The members that mark each kind of document Pulumi writes: a `pulumi preview --json` digest
 * (display.PreviewDigest: config, steps, diagnostics, duration, changeSummary, maybeCorrupt), a
 * `pulumi stack export` (apitype.UntypedDeployment: version, features, deployment) and a state file
 * (apitype.VersionedCheckpoint: version, features, checkpoint). `version` and `features` belong to
 * both state kinds, so they mark a state document without saying which.
 */
const PREVIEW_MEMBERS = ["steps", "changeSummary", "config", "diagnostics", "duration", "maybeCorrupt"];
const STATE_MEMBERS = ["version", "features"];

type DocumentKind = "preview" | "export" | "checkpoint";

const has = (doc: Json, key: string): boolean => Object.prototype.hasOwnProperty.call(doc, key);

/** How a document reads as each kind it carries the members of, for the message that refuses two. */
function readingOf(kind: DocumentKind | "state", doc: Json): string {
  const count = (value: unknown, noun: string): string =>
    Array.isArray(value) ? `${value.length} ${noun}${value.length === 1 ? "" : "s"}` : `no ${noun} list`;
  switch (kind) {
    case "preview": {
      const members = PREVIEW_MEMBERS.filter((key) => has(doc, key)).map((key) => `\`${key}\``);
      return `a \`pulumi preview --json\` (${members.join(", ")}; ${count(doc.steps, "step")})`;
    }
    case "export": {
      const resources = isObject(doc.deployment) ? doc.deployment.resources : undefined;
      return `a \`pulumi stack export\` (\`deployment.resources\`: ${count(resources ?? [], "resource")})`;
    }
    case "checkpoint": {
      const latest = isObject(doc.checkpoint) ? doc.checkpoint.latest : undefined;
      const resources = isObject(latest) ? latest.resources : undefined;
      return `a state file (\`checkpoint.latest.resources\`: ${count(resources ?? [], "resource")})`;
    }
    default:
      return `a stack export or state file (${STATE_MEMBERS.filter((key) => has(doc, key))
        .map((key) => `\`${key}\``)
        .join(", ")})`;
  }
}

/**
 * The one kind of document `doc` is. A file that carries the members of two kinds (an export with
 * `steps`, a `deployment` beside a `checkpoint`) can be read two ways, each judging other resources:
 * it is refused naming both readings, never read one way and passed.
 */
function documentKind(doc: unknown, file: string): DocumentKind {
  const kinds: Array<DocumentKind | "state"> = [];
  if (isObject(doc)) {
    if (PREVIEW_MEMBERS.some((key) => has(doc, key))) kinds.push("preview");
    if (has(doc, "deployment")) kinds.push("export");
    if (has(doc, "checkpoint")) kinds.push("checkpoint");
    if (kinds.length === 1 && kinds[0] === "preview" && STATE_MEMBERS.some((key) => has(doc, key)))
      kinds.push("state");
  }
  if (kinds.length === 0) {
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
  if (kinds.length > 1) {
    const readings = kinds.map((kind) => readingOf(kind, doc as Json));
    const message = `${file} can be read ${kinds.length} ways: as ${readings.join(", and as ")}; Pulumi writes one document of one kind, and each reading judges other resources.`;
    throw invalid(file, message, {
      path: "/",
      rule: "SCHEMA",
      message,
      fix: "Scan one `pulumi stack export` or one `pulumi preview --json --show-sames` output at a time, as Pulumi wrote it.",
    });
  }
  return kinds[0] as DocumentKind;
}

/** A member that is an object, or absent (Pulumi omits empty members); anything else is INFRA_001. */
function optionalObject(value: unknown, pointer: string, file: string): Json | undefined {
  if (value === undefined || isObject(value)) return value;
  throw invalid(file, `${file}: ${pointer} is not an object.`, {
    path: pointer,
    rule: "SCHEMA",
    message: `${pointer} must be an object`,
    fix: UNEDITED_FIX,
  });
}

/** A list member (`steps`, `resources`): an array, or absent (Pulumi omits an empty one). */
function optionalList(value: unknown, pointer: string, file: string): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  throw invalid(file, `${file}: ${pointer} is not a list.`, {
    path: pointer,
    rule: "SCHEMA",
    message: `${pointer} must be an array`,
    fix: UNEDITED_FIX,
  });
}

/** The document's format and its resource entries, or INFRA_001 naming what was expected. */
function rawEntries(doc: unknown, file: string): { format: ScanFormat; entries: RawEntry[] } {
  const kind = documentKind(doc, file);
  const json = doc as Json;
  if (kind === "preview") {
    const steps = optionalList(json.steps, "/steps", file);
    const entries = previewEntries(steps, file);
    requireCountedSteps(json, steps, file);
    return { format: "preview", entries };
  }
  if (json.version !== undefined && json.version !== 3) {
    throw invalid(file, `${file} is a deployment of version ${String(json.version)}; scan reads version 3.`, {
      path: "/version",
      rule: "SCHEMA",
      message: `unsupported deployment version ${String(json.version)}`,
      value: json.version,
      fix: "Export the stack again with a current Pulumi CLI (`pulumi stack export --file state.json`).",
    });
  }
  const deployment =
    kind === "export"
      ? { value: optionalObject(json.deployment, "/deployment", file) ?? {}, pointer: "/deployment" }
      : {
          value:
            optionalObject(
              optionalObject(json.checkpoint, "/checkpoint", file)?.latest,
              "/checkpoint/latest",
              file,
            ) ?? {},
          pointer: "/checkpoint/latest",
        };
  const pointer = `${deployment.pointer}/resources`;
  const list = optionalList(deployment.value.resources, pointer, file);
  return { format: "state", entries: stateEntries(list, pointer, file) };
}

/** A resource entry's URN, or INFRA_001 (checked again, with the type, in toPlannedResource). */
function entryUrn(raw: unknown, pointer: string, file: string): string {
  if (isObject(raw) && typeof raw.urn === "string") return raw.urn;
  throw invalid(file, `${file}: resource ${pointer} has no urn or type.`, {
    path: pointer,
    rule: "SCHEMA",
    message: "every resource needs a string `urn` and `type`",
    fix: UNEDITED_FIX,
  });
}

/**
 * The entries of a state export. Per apitype.ResourceV3, one URN has at most one current entry; beside
 * it may sit entries with `delete: true` (the old copy of a create-before-delete replacement, still
 * running until the next update deletes it) and with `pendingReplacement: true` (a delete-before-replace
 * resource the next update recreates). All of them are judged: each is, or is about to be, live. Two
 * current entries for one URN cannot come from Pulumi and are refused.
 */
function stateEntries(list: unknown[], pointer: string, file: string): RawEntry[] {
  const current = new Map<string, string>();
  const seen = new Map<string, number>();
  return list.map((raw, index): RawEntry => {
    const at = `${pointer}/${index}`;
    const urn = entryUrn(raw, at, file);
    const occurrence = seen.get(urn) ?? 0;
    seen.set(urn, occurrence + 1);
    const resource = raw as Json;
    if (resource.delete === true) return { raw, pointer: at, entry: "pending-delete", occurrence };
    if (resource.pendingReplacement === true)
      return { raw, pointer: at, entry: "pending-replacement", occurrence };
    const first = current.get(urn);
    if (first !== undefined) {
      throw invalid(file, `${file}: ${urn} has two current entries (${first} and ${at}).`, {
        path: at,
        rule: "SCHEMA",
        message: `a second entry for ${urn} that is neither \`delete: true\` nor \`pendingReplacement: true\` (first at ${first}); Pulumi never writes two`,
        fix: "Export the stack again with `pulumi stack export`; if the duplicate is in the stack's state itself, repair it with `pulumi state delete <urn>` or `pulumi stack import` of a corrected export.",
      });
    }
    current.set(urn, at);
    return { raw, pointer: at, occurrence };
  });
}

/**
 * How `pulumi preview --json` builds `changeSummary` (pkg/engine/update.go previewActions
 * OnResourceStepPost, v3.248.0): one count per op of every step that is logical and not internal
 * (default providers and `remove-pending-replace` are internal: neither shown nor counted); a `read`
 * is counted only when it changed the resource's outputs (shouldRecordReadStep). The display
 * (pkg/backend/display/json.go, display.go shouldShow) lists every step it counts, except `same` steps
 * without --show-sames; it also lists steps it never counts (`refresh`, the non-logical replacement
 * steps with --show-replacement-steps, unchanged reads). So for every op the steps must account for
 * the count, and for the ops counted whenever shown (EXACT_COUNT_OPS) the count must equal the steps:
 * anything else is a preview cut or edited, whose missing steps are resources the scan cannot see.
 * Pulumi omits an empty changeSummary (`omitempty`), which only a preview without steps has.
 */
const EXACT_COUNT_OPS: ReadonlySet<string> = new Set([
  "same",
  "create",
  "update",
  "delete",
  "replace",
  "import",
  "diff",
  "discard",
]);

/** `read-discard` is the Go name of the `discard` op: both count as `discard`. */
const countedOp = (op: string): string => (op === "read-discard" ? "discard" : op);

function hiddenResources(
  file: string,
  message: string,
  pointer: string,
  value: unknown,
  fix?: string,
): InfraError {
  return invalid(file, `${file}: ${message}; resources may be hidden from the scan.`, {
    path: pointer,
    rule: "SCHEMA",
    message: `${message}; a scan must see every resource, and a preview whose changeSummary does not match its steps may leave some out`,
    ...(value === undefined ? {} : { value }),
    fix:
      fix ?? "Scan the output of `pulumi preview --json --show-sames` as the Pulumi CLI wrote it, unedited.",
  });
}

function requireCountedSteps(doc: Json, steps: unknown[], file: string): void {
  const summary = doc.changeSummary;
  if (summary === undefined) {
    if (steps.length === 0) return;
    throw hiddenResources(
      file,
      `it shows ${steps.length} step(s) but has no changeSummary, which \`pulumi preview --json\` always writes with its steps`,
      "/changeSummary",
      undefined,
    );
  }
  if (!isObject(summary)) {
    throw hiddenResources(
      file,
      "its changeSummary is not an object of counts by op",
      "/changeSummary",
      summary,
    );
  }
  const counted = new Map<string, number>();
  for (const [op, count] of Object.entries(summary)) {
    if (!(op in PREVIEW_STEP_OPS)) {
      throw hiddenResources(
        file,
        `its changeSummary counts ${JSON.stringify(op)}, which is not a step op`,
        `/changeSummary/${op.replace(/~/g, "~0").replace(/\//g, "~1")}`,
        op,
      );
    }
    if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 0) {
      throw hiddenResources(
        file,
        `its changeSummary.${op} is ${JSON.stringify(count) ?? String(count)}, not a count (a non-negative integer)`,
        `/changeSummary/${op}`,
        count,
      );
    }
    counted.set(countedOp(op), (counted.get(countedOp(op)) ?? 0) + count);
  }
  const shown = new Map<string, number>();
  for (const step of steps) {
    if (isObject(step) && typeof step.op === "string")
      shown.set(countedOp(step.op), (shown.get(countedOp(step.op)) ?? 0) + 1);
  }
  for (const op of new Set([...counted.keys(), ...shown.keys()])) {
    const count = counted.get(op) ?? 0;
    const listed = shown.get(op) ?? 0;
    if (listed < count && op === "same") {
      throw hiddenResources(
        file,
        `it leaves out ${count - listed} unchanged resource(s): its changeSummary counts ${count} \`same\`, its steps show ${listed}`,
        "/changeSummary/same",
        count,
        "Run `pulumi preview --json --show-sames > preview.json` and scan that file.",
      );
    }
    if (listed < count) {
      throw hiddenResources(
        file,
        `its changeSummary counts ${count} \`${op}\`, its steps show ${listed}`,
        `/changeSummary/${op}`,
        count,
      );
    }
    if (listed > count && EXACT_COUNT_OPS.has(op)) {
      throw hiddenResources(
        file,
        `its steps show ${listed} \`${op}\`, its changeSummary counts ${count} (Pulumi counts every \`${op}\` step it shows)`,
        "/changeSummary",
        count,
      );
    }
  }
}

interface PreviewStep {
  op: StepOp;
  pointer: string;
  step: Json;
  /** The `"urn"` members of this URN before this step's states: its own, then oldState's, newState's. */
  firstOccurrence: number;
}

/**
 * The entries of a preview: per URN, what its steps leave behind (see PREVIEW_STEP_OPS). Steps that
 * Pulumi cannot write (an unknown op, two program steps for one URN, a step whose state names another
 * URN) are refused rather than skipped.
 */
function previewEntries(steps: unknown[], file: string): RawEntry[] {
  const byUrn = new Map<string, PreviewStep[]>();
  steps.forEach((step, index) => {
    const pointer = `/steps/${index}`;
    if (!isObject(step) || typeof step.op !== "string" || !(step.op in PREVIEW_STEP_OPS)) {
      const op = isObject(step) ? step.op : undefined;
      throw invalid(
        file,
        `${file}: step ${pointer} has ${op === undefined ? "no op" : `the unknown op ${JSON.stringify(op)}`}.`,
        {
          path: `${pointer}/op`,
          rule: "SCHEMA",
          message: `a step's op is one of ${Object.keys(PREVIEW_STEP_OPS).join(", ")}`,
          ...(typeof op === "string" ? { value: op } : {}),
          fix: "Scan the output of `pulumi preview --json` as the Pulumi CLI wrote it.",
        },
      );
    }
    const urn = stepUrn(step, pointer, file);
    const list = byUrn.get(urn) ?? [];
    const previous = list[list.length - 1];
    const firstOccurrence = previous ? previous.firstOccurrence + membersOf(previous.step) : 0;
    list.push({ op: step.op as StepOp, pointer, step, firstOccurrence });
    byUrn.set(urn, list);
  });
  const entries: RawEntry[] = [];
  for (const [urn, list] of byUrn) entries.push(...entriesOfUrn(urn, list, file));
  return entries;
}

/** How many `"urn"` members a step writes: its own and those of its states. */
function membersOf(step: Json): number {
  return (
    (typeof step.urn === "string" ? 1 : 0) +
    (isObject(step.oldState) ? 1 : 0) +
    (isObject(step.newState) ? 1 : 0)
  );
}

/** The step's URN; its oldState and newState must name the same one. */
function stepUrn(step: Json, pointer: string, file: string): string {
  const states = (["newState", "oldState"] as const).filter((key) => step[key] !== undefined);
  const urn = typeof step.urn === "string" ? step.urn : undefined;
  for (const key of states) {
    const state = step[key];
    const stateUrn = isObject(state) ? state.urn : undefined;
    if (typeof stateUrn !== "string" || (urn !== undefined && stateUrn !== urn)) {
      throw invalid(file, `${file}: step ${pointer} has a ${key} that is not the state of its URN.`, {
        path: `${pointer}/${key}/urn`,
        rule: "SCHEMA",
        message: `${key}.urn must be the step's urn${urn ? ` (${urn})` : ""}`,
        fix: UNEDITED_FIX,
      });
    }
  }
  const found = urn ?? states.map((key) => (step[key] as Json).urn as string)[0];
  if (found === undefined) {
    throw invalid(file, `${file}: step ${pointer} has no urn.`, {
      path: `${pointer}/urn`,
      rule: "SCHEMA",
      message: "every step names the resource it acts on",
      fix: UNEDITED_FIX,
    });
  }
  return found;
}

/**
 * The engine emits `discard`/`discard-replaced` only for a read (`external`) resource and
 * `remove-pending-replace` only for a pendingReplacement entry (step.go DeleteStep.Op,
 * step_generator.go): used on anything else, they would hide a live resource from the scan.
 */
const GONE_REQUIRES: Readonly<Record<string, "external" | "pendingReplacement">> = {
  discard: "external",
  "read-discard": "external",
  "discard-replaced": "external",
  "remove-pending-replace": "pendingReplacement",
};

function requireGoneStepShape(step: PreviewStep, file: string): void {
  const flag = GONE_REQUIRES[step.op];
  if (flag === undefined) return;
  const old = step.step.oldState;
  if (isObject(old) && old[flag] === true) return;
  throw invalid(
    file,
    `${file}: step ${step.pointer} (${step.op}) is on a resource that is not \`${flag}\`.`,
    {
      path: `${step.pointer}/oldState/${flag}`,
      rule: "SCHEMA",
      message: `Pulumi writes a ${step.op} step only for a resource whose oldState has \`${flag}: true\``,
      fix: UNEDITED_FIX,
    },
  );
}

function entriesOfUrn(urn: string, steps: PreviewStep[], file: string): RawEntry[] {
  steps.forEach((step) => requireGoneStepShape(step, file));
  const program = steps.filter((s) => PREVIEW_STEP_OPS[s.op] === "new");
  const refreshes = steps.filter((s) => s.op === "refresh");
  const leaving = steps.filter((s) => PREVIEW_STEP_OPS[s.op] === "leaves");
  const duplicate = (a: PreviewStep, b: PreviewStep): never => {
    throw invalid(
      file,
      `${file}: ${urn} has two steps that cannot go together (${a.op} at ${a.pointer}, ${b.op} at ${b.pointer}).`,
      {
        path: b.pointer,
        rule: "SCHEMA",
        message: `the engine gives one resource one step, or \`replace\` with its create-, read- or import-replacement; ${a.op} and ${b.op} for one URN means two resources share it`,
        fix: "Two resources of the program have the same URN: give them different names, or different parents.",
      },
    );
  };
  for (let i = 0; i < program.length; i++) {
    for (let j = i + 1; j < program.length; j++) {
      const [a, b] = [program[i], program[j]];
      const pair = a.op === "replace" ? b.op : b.op === "replace" ? a.op : undefined;
      if (pair === undefined || !REPLACEMENT_OPS.has(pair) || program.length > 2) duplicate(a, b);
    }
  }
  if (refreshes.length > 1) duplicate(refreshes[0], refreshes[1]);
  const entries: RawEntry[] = [];
  const judged = program.find((s) => s.op !== "replace") ?? program[0];
  if (judged) {
    entries.push({
      raw: requiredState(judged, "newState", file),
      pointer: `${judged.pointer}/newState`,
      occurrence: judged.firstOccurrence,
    });
  } else if (refreshes[0] && leaving.length === 0 && refreshes[0].step.newState !== undefined) {
    entries.push({
      raw: refreshes[0].step.newState,
      pointer: `${refreshes[0].pointer}/newState`,
      occurrence: refreshes[0].firstOccurrence,
    });
  }
  for (const step of leaving) {
    const old = step.step.oldState;
    // retainOnDelete: Pulumi forgets the resource but leaves it running in the project.
    if (isObject(old) && old.retainOnDelete === true) {
      entries.push({
        raw: old,
        pointer: `${step.pointer}/oldState`,
        entry: "retained-after-delete",
        occurrence: step.firstOccurrence,
      });
    }
  }
  return entries;
}

function requiredState(step: PreviewStep, key: "newState", file: string): Json {
  const state = step.step[key];
  if (isObject(state)) return state;
  throw invalid(file, `${file}: step ${step.pointer} (${step.op}) has no ${key}.`, {
    path: `${step.pointer}/${key}`,
    rule: "SCHEMA",
    message: `a ${step.op} step carries the resource's ${key}`,
    fix: UNEDITED_FIX,
  });
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * A preview shows every secret as `[secret]`: its value is not in the document, so it is unknown to the
 * policies (a rule that needs it is indeterminate, never passed) and its path is recorded as secret.
 */
function maskPreviewSecrets(value: unknown, path: string, paths: string[]): unknown {
  if (value === PREVIEW_SECRET_PLACEHOLDER) {
    paths.push(path);
    return UNKNOWN;
  }
  if (Array.isArray(value)) return value.map((item, i) => maskPreviewSecrets(item, `${path}[${i}]`, paths));
  if (isObject(value)) {
    const out: Json = {};
    for (const [key, item] of Object.entries(value))
      out[key] = maskPreviewSecrets(item, path === "" ? key : `${path}.${key}`, paths);
    return out;
  }
  return value;
}

/**
 * Where each URN is written as a `"urn": "..."` member, in one pass over the text (an export of
 * thousands of resources must not be searched once per resource). A URN written several times (its
 * entries, the steps that name it) keeps every position, in order.
 */
function urnPositions(text: string, file: string): Map<string, NonNullable<PlannedResource["source"]>[]> {
  const positions = new Map<string, NonNullable<PlannedResource["source"]>[]>();
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
    const list = positions.get(urn) ?? [];
    list.push({ file, line, column: match.index - lineStart + 1 });
    positions.set(urn, list);
  }
  return positions;
}

function toPlannedResource(entry: RawEntry, format: ScanFormat, file: string): PlannedResource {
  const { raw, pointer } = entry;
  if (!isObject(raw) || typeof raw.urn !== "string" || typeof raw.type !== "string") {
    throw invalid(file, `${file}: resource ${pointer} has no urn or type.`, {
      path: pointer,
      rule: "SCHEMA",
      message: "every resource needs a string `urn` and `type`",
      fix: UNEDITED_FIX,
    });
  }
  const urn = parseUrn(raw.urn);
  if (!urn || urn.type !== raw.type) {
    throw invalid(file, `${file}: resource ${pointer} has a malformed URN.`, {
      path: `${pointer}/urn`,
      rule: "SCHEMA",
      message: urn
        ? `the URN names the type ${urn.type}, the resource says ${raw.type}`
        : "a URN reads urn:pulumi:<stack>::<project>::<type chain>::<name>",
      value: raw.urn,
      fix: UNEDITED_FIX,
    });
  }
  const inputs = isObject(raw.inputs) ? raw.inputs : isObject(raw.outputs) ? raw.outputs : {};
  const decoded = decodeProperties(inputs);
  const secretPaths = decoded.secretPaths;
  const props =
    format === "preview" ? (maskPreviewSecrets(decoded.props, "", secretPaths) as Json) : decoded.props;
  const resource: PlannedResource = {
    urn: raw.urn,
    type: raw.type,
    name: urn.name,
    // State and preview mark custom resources `custom: true`; an older export may omit it, then an ID tells.
    custom: raw.custom === true || (raw.custom === undefined && typeof raw.id === "string" && raw.id !== ""),
    dependencies: stringList(raw.dependencies),
    props,
    secretPaths: [...new Set(secretPaths)],
  };
  if (entry.entry) resource.scanEntry = entry.entry;
  if (typeof raw.parent === "string" && raw.parent !== "") resource.parent = raw.parent;
  if (typeof raw.provider === "string" && raw.provider !== "") resource.provider = raw.provider;
  if (typeof raw.id === "string" && raw.id !== "") resource.id = raw.id;
  return resource;
}

/** Environment: the stack name when it is one, else the `env:` tag most resources carry. */
function environmentOf(stack: string, resources: PlannedResource[]): string {
  if (isEnvironmentName(stack)) return stack;
  return mostTaggedEnvironment(resources) ?? stack;
}

/** The value of the `env:` tag most resources carry (scan, and audit without --env), if any. */
export function mostTaggedEnvironment(resources: readonly PlannedResource[]): string | undefined {
  const counts = new Map<string, number>();
  for (const r of resources) {
    for (const tag of tagsOf(r.props)) {
      if (tag.startsWith("env:")) counts.set(tag.slice(4), (counts.get(tag.slice(4)) ?? 0) + 1);
    }
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return best?.[0];
}

/** The one stack every URN names; a file that mixes stacks is not one export or preview. */
function stackOfResources(resources: PlannedResource[], file: string): string | undefined {
  let first: PlannedResource | undefined;
  for (const resource of resources) {
    const stack = parseUrn(resource.urn)?.stack;
    if (first === undefined) first = resource;
    else if (stack !== parseUrn(first.urn)?.stack) {
      throw invalid(
        file,
        `${file} holds resources of two stacks (${parseUrn(first.urn)?.stack} and ${stack}).`,
        {
          path: "/",
          rule: "SCHEMA",
          message: `${resource.urn} is not in the stack of ${first.urn}`,
          fix: "Scan one stack's export or preview at a time.",
        },
      );
    }
  }
  return first ? parseUrn(first.urn)?.stack : undefined;
}

/** Parses the text of a scanned file. `file` is how reports name it (relative path). */
export function parseScanInput(text: string, file: string, options: { stack?: string } = {}): ScanInput {
  const doc = parseJson(text, file);
  requireBoundedNesting(doc, file);
  const { format, entries } = rawEntries(doc, file);
  const resources = entries.map((entry) => toPlannedResource(entry, format, file));
  locate(resources, entries, text, file);
  if (format === "preview") resources.push(...defaultProvidersOfPreview(resources, (doc as Json).config));
  const stack = options.stack ?? stackOfResources(resources, file) ?? "unknown";
  if (options.stack !== undefined) assertStackMatchesResources(options.stack, resources, file);
  return { format, source: `scan:${format}`, stack, environment: environmentOf(stack, resources), resources };
}

/** The root stack and providers: what every stack has, and what no policy of the pack judges. */
function isStackOrProvider(resource: PlannedResource): boolean {
  return resource.type === "pulumi:pulumi:Stack" || resource.type.startsWith(PROVIDER_TYPE_PREFIX);
}

/**
 * A scan of nothing is not a pass: a file that holds no resource but the root stack and providers
 * (an empty `deployment`, `{"steps": []}`, a preview that deletes everything) gives the policies
 * nothing to judge, and is refused (INFRA_001) rather than reported compliant.
 */
export function requireResourcesToJudge(input: ScanInput, file: string): void {
  if (input.resources.some((resource) => !isStackOrProvider(resource))) return;
  const held =
    input.resources.length === 0
      ? "no resources at all"
      : `only the root stack and providers (${input.resources.length} entr${input.resources.length === 1 ? "y" : "ies"})`;
  const what = input.format === "preview" ? "that is or will be live after the update" : "";
  const message = `${file} holds no resource to judge${what ? ` ${what}` : ""}: ${held}.`;
  throw invalid(file, message, {
    path: input.format === "preview" ? "/steps" : "/",
    rule: "SCHEMA",
    message: `${message} A scan of nothing is not a pass`,
    fix:
      input.format === "preview"
        ? "Scan `pulumi preview --json --show-sames` of a stack that has resources, or `pulumi stack export` of one."
        : "Export a stack that has resources (`pulumi stack export --stack <name> --file state.json`); an empty export means the stack was never deployed.",
  });
}

/**
 * `--stack` may rename the stack (`prod-eu`), not move its resources to another environment: a
 * `--stack` naming an environment other than the one the resources carry (their `env:` tags, else
 * their URNs' stack) would judge production resources by staging's limits.
 */
function assertStackMatchesResources(stack: string, resources: PlannedResource[], file: string): void {
  if (!isEnvironmentName(stack)) return;
  const urnStack = resources.length > 0 ? parseUrn(resources[0].urn)?.stack : undefined;
  const carried =
    mostTaggedEnvironment(resources) ??
    (urnStack !== undefined && isEnvironmentName(urnStack) ? urnStack : undefined);
  if (carried === undefined || carried === stack) return;
  const message = `--stack ${stack} names the ${stack} environment, but the resources of ${file} are ${carried} resources.`;
  throw invalid(file, message, {
    path: "--stack",
    rule: "ENV-1",
    message,
    fix: `Drop --stack (the stack is read from the URNs), or scan the ${stack} stack's own export.`,
  });
}

const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/**
 * A preview shows no step for the engine's default providers (they are internal), only the references
 * resources make to them. The engine builds a default provider's inputs from the stack config of its
 * package (pkg/resource/deploy/default_providers.go), and the preview prints that config in `config`
 * (secrets as `[secret]`): the default provider is rebuilt from it, so a resource that sets no region
 * is judged on the provider's. Without a `config`, the provider has no visible region: undecided.
 */
function defaultProvidersOfPreview(resources: PlannedResource[], config: unknown): PlannedResource[] {
  const known = new Set(resources.map((r) => r.urn));
  const providers = new Map<string, PlannedResource>();
  for (const resource of resources) {
    if (!resource.provider) continue;
    const cut = resource.provider.lastIndexOf("::");
    const urn = cut > 0 ? resource.provider.slice(0, cut) : resource.provider;
    const parsed = parseUrn(urn);
    if (known.has(urn) || providers.has(urn) || !parsed) continue;
    if (!parsed.type.startsWith(PROVIDER_TYPE_PREFIX) || !parsed.name.startsWith("default")) continue;
    const pkg = parsed.type.slice(PROVIDER_TYPE_PREFIX.length);
    const inputs: Json = {};
    for (const [key, value] of Object.entries(isObject(config) ? config : {})) {
      if (key.startsWith(`${pkg}:`)) inputs[key.slice(pkg.length + 1)] = value;
    }
    const secretPaths: string[] = [];
    const props = maskPreviewSecrets(inputs, "", secretPaths) as Json;
    providers.set(urn, {
      urn,
      type: parsed.type,
      name: parsed.name,
      custom: true,
      dependencies: [],
      props,
      secretPaths,
    });
  }
  return [...providers.values()];
}

/** Each resource at the line of the `"urn"` member that starts its entry (or its step). */
function locate(resources: PlannedResource[], entries: RawEntry[], text: string, file: string): void {
  const positions = urnPositions(text, file);
  resources.forEach((resource, index) => {
    const list = positions.get(resource.urn) ?? [];
    const source = list[entries[index].occurrence] ?? list[0];
    if (source) resource.source = source;
  });
}
