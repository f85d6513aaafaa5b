// JSON pointers (RFC 6901) over plain parsed documents: building, splitting, resolving, and naming a
// place the way a person reads it (`environment_variables[0].value`).
import { shownName } from "./shown-name";

export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

export function segmentsOf(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function parentPointer(pointer: string): string | undefined {
  if (pointer === "") return undefined;
  return pointer.slice(0, pointer.lastIndexOf("/"));
}

/** True when `pointer` is `ancestor` or lies under it. */
export function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(ancestor + "/");
}

/** True for a mapping (a plain object), not an array or null. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` when it is a mapping, else undefined: for reading raw, not yet validated documents. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** The value under `keys` (mapping keys only), or undefined when a step is missing. */
export function fieldAt(value: unknown, ...keys: string[]): unknown {
  let node = value;
  for (const key of keys) node = asRecord(node)?.[key];
  return node;
}

/** The string under `keys`, or undefined when there is none or it is not a string. */
export function stringAt(value: unknown, ...keys: string[]): string | undefined {
  const found = fieldAt(value, ...keys);
  return typeof found === "string" ? found : undefined;
}

/** The value at `pointer`, or undefined when there is none. */
export function valueAt(document: unknown, pointer: string): unknown {
  let node: unknown = document;
  for (const segment of segmentsOf(pointer)) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      node = node[Number(segment)];
    } else if (isRecord(node) && Object.prototype.hasOwnProperty.call(node, segment)) {
      node = node[segment];
    } else {
      return undefined;
    }
  }
  return node;
}

/**
 * `/environment_variables/0/value` -> `environment_variables[0].value`; the root is `(document)`. A
 * segment that does not look like a field name (shown-name.ts) is never printed: it is
 * `(a field whose name is not shown)`.
 */
export function humanPath(pointer: string): string {
  const segments = segmentsOf(pointer);
  if (segments.length === 0) return "(document)";
  let text = "";
  for (const segment of segments) {
    if (/^(0|[1-9]\d*)$/.test(segment)) text += `[${segment}]`;
    else text += (text === "" ? "" : ".") + shownName(segment);
  }
  return text;
}

/** `pointer` with every segment that is no showable name replaced (for an error's `path`). */
export function shownPointer(pointer: string): string {
  return pointerOf(
    segmentsOf(pointer).map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? segment : shownName(segment))),
  );
}
