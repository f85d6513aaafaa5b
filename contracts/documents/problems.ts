// Finalizes RawProblems into the ProblemDetails of an INFRA_001 error: places each in its file and
// line, adds the offending value to the message, and withholds every value that is, or looks like,
// a secret (SEC-3, SECU-1): values at Pulumi-secret pointers, anything under a secret's `value`,
// and anything the credential detector flags.
import type { ProblemDetail } from "../errors/infra-error";
import { hasInvisible, showValue } from "../errors/shown-value";
import type { SourceLocation } from "./source-location";
import { detectCredential } from "../detectors/credentials";
import { SECRET_NAME_PATTERN } from "../thresholds";
import { humanPath, isWithin, parentPointer, segmentsOf, shownPointer, valueAt } from "./json-pointer";
import type { RawProblem } from "./raw-problem";
import type { ContractName } from "./types";

export interface ProblemContext {
  /** The seed contract of the document; absent for a document that is none (scaleway-infra:deployment). */
  contract?: ContractName;
  document: unknown;
  file?: string;
  /** Source position of a document pointer, when the document came from a file. */
  locate?: (pointer: string) => SourceLocation | undefined;
  /** Document pointers of values that are Pulumi secrets. */
  secretPointers?: ReadonlySet<string>;
  /** Pointer of the document inside a larger one, used to name fields in messages (`/containers/0`). */
  displayPrefix?: string;
}

const MAX_SHOWN_LENGTH = 120;
const SECRET_NAME = new RegExp(SECRET_NAME_PATTERN);

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/** Whether the value at `pointer` must never be shown. */
export function isSecretValue(context: ProblemContext, pointer: string, value: unknown): boolean {
  for (const secret of context.secretPointers ?? []) {
    if (isWithin(pointer, secret) || isWithin(secret, pointer)) return true;
  }
  if (context.contract === "secret" && isWithin(pointer, "/value")) return true;
  if (typeof value !== "string") return false;
  const segments = segmentsOf(pointer);
  const last = segments[segments.length - 1] ?? "";
  // A variable marked secret must name a secret; if it does not, it may be the secret itself.
  const markedSecret =
    last === "value" && valueAt(context.document, `${parentPointer(pointer)}/secret`) === true;
  if (markedSecret && !SECRET_NAME.test(value)) return true;
  // An environment variable's value is judged under the variable's own name.
  const siblingName =
    last === "value" ? valueAt(context.document, `${parentPointer(pointer)}/name`) : undefined;
  const name = typeof siblingName === "string" ? siblingName : last;
  return detectCredential(name, value) !== undefined;
}

/** Quoted, cut, invisible characters escaped, `1e309` and `.nan` named (not JSON's "null"). */
function shown(value: string | number | boolean | null): string {
  return showValue(value, MAX_SHOWN_LENGTH);
}

/** A value the error_response cannot carry as it is: long, invisible characters, or not finite. */
function needsShowing(value: string | number | boolean | null): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  return typeof value === "string" && (value.length > MAX_SHOWN_LENGTH || hasInvisible(value));
}

function locationOf(context: ProblemContext, pointer: string): SourceLocation | undefined {
  if (!context.locate) return undefined;
  for (let p: string | undefined = pointer; p !== undefined; p = parentPointer(p)) {
    const found = context.locate(p);
    if (found) return found;
  }
  return undefined;
}

export function finalizeProblem(context: ProblemContext, raw: RawProblem): ProblemDetail {
  const value = valueAt(context.document, raw.path);
  const secret = value !== undefined && isSecretValue(context, raw.path, value);
  const showValue = raw.showValue !== false && !secret && value !== undefined && isScalar(value);
  const message = `${humanPath(`${context.displayPrefix ?? ""}${raw.path}`)} ${raw.predicate}${showValue ? ` (got ${shown(value)})` : ""}.`;
  const location = locationOf(context, raw.path);
  const detail: {
    -readonly [K in keyof ProblemDetail]: ProblemDetail[K];
  } = { path: shownPointer(raw.path), rule: raw.rule, message, fix: raw.fix };
  if (showValue) detail.value = needsShowing(value) ? shown(value) : value;
  if (secret) detail.redacted = true;
  const file = location?.file ?? context.file;
  if (file !== undefined) detail.file = file;
  if (location) {
    detail.line = location.line;
    if (location.column !== undefined) detail.column = location.column;
  }
  return detail;
}

/** The problems without exact repeats (the same rule, place and predicate), in their order. */
export function uniqueProblems<T>(
  items: readonly T[],
  rawOf: (item: T) => RawProblem,
  scope: (item: T) => string = () => "",
): T[] {
  const seen = new Set<string>();
  const unique: T[] = [];
  for (const item of items) {
    const raw = rawOf(item);
    const key = `${scope(item)}\u0000${raw.path}\u0000${raw.rule}\u0000${raw.predicate}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(item);
  }
  return unique;
}

/** Finalizes, drops exact duplicates, and orders problems by their place in the file. */
export function finalizeProblems(context: ProblemContext, raws: readonly RawProblem[]): ProblemDetail[] {
  return uniqueProblems(raws, (raw) => raw)
    .map((raw, index) => ({ detail: finalizeProblem(context, raw), index }))
    .sort((a, b) => (a.detail.line ?? 0) - (b.detail.line ?? 0) || a.index - b.index)
    .map(({ detail }) => detail);
}
