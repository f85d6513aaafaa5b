// Reads a YAML or JSON file into plain data while keeping the source position of every value, and
// refuses hostile input before it can hurt: missing files (INFRA_004), files over
// MAX_DOCUMENT_BYTES, binary content, nesting deeper than MAX_DOCUMENT_DEPTH (checked on the text
// before parsing, because the yaml library recurses and can exhaust memory on 10,000 levels),
// alias bombs (maxAliasCount) and syntax errors, all as INFRA_001 with a clear message.
import { readFileSync, statSync } from "node:fs";
import { Document, LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";
import { InfraError, type ProblemDetail } from "../errors/infra-error";
import type { SourceLocation } from "../documents/source-location";
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_DEPTH } from "../thresholds";
import { segmentsOf } from "../documents/json-pointer";
import { showValue } from "../errors/shown-value";

/** Aliases a file may expand; stack files rarely use any, bombs use thousands. */
export const MAX_ALIAS_COUNT = 50;

export interface YamlSource {
  /** The document as plain data (null for an empty document). */
  value: unknown;
  file: string;
  /** Source position of the value at a JSON pointer, or undefined when there is no such value. */
  locate: (pointer: string) => SourceLocation | undefined;
  /** The parsed document, for callers that need more than values (secure leaves). */
  document: Document.Parsed;
  lineCounter: LineCounter;
}

function invalid(file: string, message: string, fix: string, line?: number): InfraError {
  const problem: ProblemDetail = { path: "", rule: "SCHEMA", message, fix, file, ...(line ? { line } : {}) };
  return new InfraError("INFRA_001", `${file}: ${message}`, { problems: [problem] });
}

/** Reads `path` as text, or throws INFRA_004 (missing) / INFRA_001 (too large, a directory, not text). */
export function readTextFile(path: string, shownAs: string = path): string {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile())
      throw invalid(shownAs, "is not a regular file.", "Give the path of a YAML or JSON file.");
    size = stats.size;
  } catch (error) {
    if (error instanceof InfraError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new InfraError("INFRA_004", `File not found: ${shownAs}.`, {
        details: { file: shownAs, fix: "Check the path; it is relative to the current directory." },
      });
    }
    throw new InfraError("INFRA_003", `Cannot read ${shownAs}: ${code ?? "unknown error"}.`, {
      details: { file: shownAs, fix: "Check the file's permissions." },
    });
  }
  if (size > MAX_DOCUMENT_BYTES) {
    throw invalid(
      shownAs,
      `is ${size} bytes, more than the ${MAX_DOCUMENT_BYTES} bytes a contract or stack file may have.`,
      "Split the file, or check that it is the right one: contract files are a few kilobytes.",
    );
  }
  const bytes = readFileSync(path);
  return decodeText(bytes, shownAs);
}

/** The bytes as UTF-8 text, or INFRA_001 when they are not UTF-8. */
export function decodeText(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw invalid(
      file,
      "is not UTF-8 text (binary content?).",
      "Give a YAML or JSON text file encoded in UTF-8.",
    );
  }
  return text;
}

/** Refuses C0 control characters other than tab, LF and CR: a sign of binary content. */
function refuseControlCharacters(text: string, file: string): void {
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) {
    const line = text.slice(0, control.index).split("\n").length;
    throw invalid(
      file,
      `holds a control character at line ${line} (binary content?).`,
      "Give a YAML or JSON text file.",
      line,
    );
  }
}

/**
 * An upper bound of the nesting depth of YAML text, computed without parsing: the flow depth
 * (`[`, `{` outside quotes and comments) plus the block depth, which cannot exceed the number of
 * indentation columns and compact `- ` / `? ` indicators at the start of a line.
 */
export function estimatedNestingDepth(text: string): { depth: number; line: number } {
  let flow = 0;
  let worst = { depth: 0, line: 1 };
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: indentation and compact indicators.
    let column = 0;
    while (i < n) {
      const c = text[i];
      const indicator =
        (c === "-" || c === "?" || c === ":") && (text[i + 1] === " " || text[i + 1] === "\t");
      if (c !== " " && !indicator) break;
      column += 1;
      i += 1;
    }
    // Each block level takes at least one column (an indentation space or an indicator).
    const blockDepth = column + 1;
    let quote: string | undefined;
    while (i < n && text[i] !== "\n") {
      const c = text[i];
      if (quote) {
        if (c === "\\" && quote === '"') i += 1;
        else if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
        while (i < n && text[i] !== "\n") i += 1;
        break;
      } else if (c === "[" || c === "{") {
        flow += 1;
        if (flow + blockDepth > worst.depth) worst = { depth: flow + blockDepth, line };
      } else if ((c === "]" || c === "}") && flow > 0) flow -= 1;
      i += 1;
    }
    if (flow + blockDepth > worst.depth) worst = { depth: flow + blockDepth, line };
    i += 1;
    line += 1;
  }
  return worst;
}

/**
 * The deepest nesting of a parsed document, walked iteratively (aliases count as leaves), and the
 * first key repeated within one mapping. Duplicate keys are found here, in linear time, because
 * the yaml library's own `uniqueKeys` check is quadratic (15 s on a 1 MB mapping).
 */
function inspectTree(root: unknown): { depth: number; duplicate?: { key: string; offset?: number } } {
  let deepest = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (isMap(node)) {
      const keys = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (keys.has(key)) {
          const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
          return { depth: deepest, duplicate: { key, ...(offset === undefined ? {} : { offset }) } };
        }
        keys.add(key);
        stack.push({ node: pair.key, depth: depth + 1 }, { node: pair.value, depth: depth + 1 });
      }
    } else if (isSeq(node)) {
      for (const item of node.items as unknown[]) stack.push({ node: item, depth: depth + 1 });
    }
  }
  return { depth: deepest };
}

/**
 * Depth of the plain data and whether it is cyclic (a recursive alias such as `&a [*a]` becomes a
 * circular array), walked iteratively because the data may be deeper than the YAML tree.
 */
function plainShape(root: unknown): { depth: number; cyclic: boolean; exotic: boolean } {
  const onPath = new Set<object>();
  const stack: { node: unknown; depth: number; exit?: boolean }[] = [{ node: root, depth: 0 }];
  let deepest = 0;
  while (stack.length > 0) {
    const { node, depth, exit } = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (exit) {
      onPath.delete(node);
      continue;
    }
    if (onPath.has(node)) return { depth: deepest, cyclic: true, exotic: false };
    // Tags such as !!binary, !!set or !!omap yield typed arrays, sets and maps: not JSON data.
    const prototype = Object.getPrototypeOf(node) as unknown;
    if (!Array.isArray(node) && prototype !== Object.prototype && prototype !== null) {
      return { depth: deepest, cyclic: false, exotic: true };
    }
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_DOCUMENT_DEPTH) return { depth: deepest, cyclic: false, exotic: false };
    onPath.add(node);
    stack.push({ node, depth, exit: true });
    for (const child of Object.values(node)) stack.push({ node: child, depth: depth + 1 });
  }
  return { depth: deepest, cyclic: false, exotic: false };
}

function nodeAt(document: Document.Parsed, pointer: string): Node | undefined {
  let node: unknown = document.contents;
  for (const segment of segmentsOf(pointer)) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === segment,
      );
      node = pair?.value;
    } else if (isSeq(node) && /^(0|[1-9]\d*)$/.test(segment)) {
      node = node.items[Number(segment)];
    } else {
      return undefined;
    }
    if (node === undefined || node === null) return undefined;
  }
  return (node ?? undefined) as Node | undefined;
}

export function sourcePosition(
  document: Document.Parsed,
  lineCounter: LineCounter,
  file: string,
  pointer: string,
): SourceLocation | undefined {
  const node = nodeAt(document, pointer);
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { file, line, column: col };
}

/** Parses YAML (or JSON, which is YAML) text from `file`, with the guards described above. */
export function parseYamlText(text: string, file: string): YamlSource {
  if (text.trim() === "") {
    throw invalid(file, "is empty.", "Write the document in YAML or JSON; see examples/contracts/.");
  }
  refuseControlCharacters(text, file);
  const estimate = estimatedNestingDepth(text);
  if (estimate.depth > MAX_DOCUMENT_DEPTH * 4) {
    throw invalid(
      file,
      `nests too deeply near line ${estimate.line} (more than ${MAX_DOCUMENT_DEPTH} levels).`,
      "Contract documents are a few levels deep; check the indentation and brackets.",
      estimate.line,
    );
  }
  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  try {
    document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  } catch (error) {
    throw invalid(file, `cannot be parsed as YAML: ${(error as Error).message}`, "Check the YAML syntax.");
  }
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const line = first.linePos?.[0]?.line;
    const message = first.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    const problems: ProblemDetail[] = document.errors.slice(0, 10).map((e) => ({
      path: "",
      rule: "SCHEMA",
      // The place is in file/line/column already; the yaml library's "at line L, column C:" repeats it.
      message: `Invalid YAML: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}.`,
      fix:
        e.code === "TAB_AS_INDENT"
          ? "Indent with spaces, not tabs (YAML forbids tabs in indentation)."
          : "Correct the YAML syntax at this line (indentation, quotes, colons).",
      file,
      ...(e.linePos?.[0]?.line ? { line: e.linePos[0].line, column: e.linePos[0].col } : {}),
    }));
    throw new InfraError("INFRA_001", `${file}${line ? `:${line}` : ""} is not valid YAML: ${message}`, {
      problems,
    });
  }
  const tree = inspectTree(document.contents);
  if (tree.depth > MAX_DOCUMENT_DEPTH) {
    throw invalid(
      file,
      `nests ${tree.depth} levels deep, more than the ${MAX_DOCUMENT_DEPTH} allowed.`,
      "Contract documents are a few levels deep; check the indentation and brackets.",
    );
  }
  if (tree.duplicate) {
    const line =
      tree.duplicate.offset === undefined ? undefined : lineCounter.linePos(tree.duplicate.offset).line;
    throw invalid(
      file,
      `is not valid YAML: the key ${showValue(tree.duplicate.key)} appears twice in the same mapping${line ? ` (line ${line})` : ""}.`,
      "Keep one of the two entries.",
      line,
    );
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw invalid(
      file,
      `cannot be read: ${(error as Error).message}.`,
      "Remove YAML aliases (*name); write the values out instead.",
    );
  }
  const shape = plainShape(value);
  if (shape.cyclic) {
    throw invalid(
      file,
      "refers to itself through a YAML alias (*name inside &name).",
      "Write the values out instead of aliasing.",
    );
  }
  if (shape.exotic) {
    throw invalid(
      file,
      "uses a YAML tag (such as !!binary, !!set or !!omap) whose value is not plain data.",
      "Write plain strings, numbers, booleans, lists and mappings; encode binary data in base64 strings.",
    );
  }
  if (shape.depth > MAX_DOCUMENT_DEPTH) {
    throw invalid(
      file,
      `nests ${shape.depth} levels deep once its aliases are expanded, more than the ${MAX_DOCUMENT_DEPTH} allowed.`,
      "Write the values out instead of aliasing, and keep documents a few levels deep.",
    );
  }
  return {
    value,
    file,
    document,
    lineCounter,
    locate: (pointer) => sourcePosition(document, lineCounter, file, pointer),
  };
}

/** Reads and parses a YAML or JSON file. */
export function readYamlFile(path: string, shownAs: string = path): YamlSource {
  return parseYamlText(readTextFile(path, shownAs), shownAs);
}
