// Stack-file lines around a finding, for the HTML report, with every value masked: keys, indentation,
// list dashes and line numbers stay, so a reader sees which field of which document a finding is
// about, but no value (a secure: blob, a password written in clear, an image digest) leaves the file.
// The YAML parser finds the values, so a multi-line block scalar or a flow map is masked as a whole.
import * as fs from "node:fs";
import { isNode, isScalar, parseDocument, visit } from "yaml";
import { VALUE_MASK } from "./input-values";

/** Larger files are not excerpted (a stack file is a few kilobytes). */
const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

export interface ExcerptLine {
  number: number;
  text: string;
  /** The finding's own line. */
  current: boolean;
}

/** Masks one stretch of text, keeping its line breaks and each line's indentation. */
function maskStretch(text: string): string {
  return text
    .split("\n")
    .map((part) => {
      const indent = /^\s*/.exec(part)?.[0] ?? "";
      return part.trim() === "" ? part : `${indent}${VALUE_MASK}`;
    })
    .join("\n");
}

/** Every non-blank run masked: for text the parser cannot read, nothing of it may show. */
function maskEverything(text: string): string {
  return text.replace(/\S+(?:[ \t]+\S+)*/g, VALUE_MASK);
}

/** The file's text with every scalar value (not its keys) and every comment masked; same line count. */
export function maskYamlValues(text: string): string {
  // Parsing alone resolves no alias, so no alias bomb can cost anything here.
  const document = parseDocument(text, { uniqueKeys: false });
  if (document.errors.length > 0) return maskEverything(text);
  const ranges: Array<[number, number]> = [];
  visit(document, {
    Scalar(key, node) {
      if (key === "key" || !node.range) return;
      ranges.push([node.range[0], node.range[1]]);
    },
    Alias(key, node) {
      if (key !== "key" && node.range) ranges.push([node.range[0], node.range[1]]);
    },
    Pair(_key, pair) {
      // A complex key (a map or a list used as a key) is data, not a field name.
      if (isNode(pair.key) && !isScalar(pair.key) && pair.key.range)
        ranges.push([pair.key.range[0], pair.key.range[1]]);
    },
  });
  ranges.sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    out += text.slice(at, start) + maskStretch(text.slice(start, end));
    at = end;
  }
  out += text.slice(at);
  // What is left outside keys and structure is comments: a `#` at a line start or after a blank.
  return out
    .split("\n")
    .map((line) => line.replace(/(^|\s)#.*$/, `$1# ${VALUE_MASK}`))
    .join("\n");
}

/** Reads and masks a YAML file once per report; undefined when it is not YAML, too large or unreadable. */
export function readMaskedLines(file: string): string[] | undefined {
  if (!/\.ya?ml$/i.test(file)) return undefined;
  try {
    if (fs.statSync(file).size > MAX_SOURCE_BYTES) return undefined;
    return maskYamlValues(fs.readFileSync(file, "utf8")).split(/\r?\n/);
  } catch {
    return undefined;
  }
}

/** `radius` lines either side of `line` (1-based), clipped to the file. */
export function excerptAround(lines: readonly string[], line: number, radius = 3): ExcerptLine[] {
  const first = Math.max(1, line - radius);
  const last = Math.min(lines.length, line + radius);
  const excerpt: ExcerptLine[] = [];
  for (let number = first; number <= last; number++)
    excerpt.push({ number, text: lines[number - 1], current: number === line });
  return excerpt;
}
