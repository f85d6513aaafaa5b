// Test support: the valid production stack fixture, edited by plain text replacements and written
// to a temporary Pulumi.<stack>.yaml, and the line of a marker in it.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const FIXTURE = join(__dirname, "fixtures", "Pulumi.production.yaml");
export const FIXTURE_TEXT = readFileSync(FIXTURE, "utf8");

/** Replaces the first occurrence of each `from` (which must exist) by `to`. */
export function edited(edits: readonly (readonly [string, string])[], text = FIXTURE_TEXT): string {
  let result = text;
  for (const [from, to] of edits) {
    if (!result.includes(from)) throw new Error(`fixture has no ${JSON.stringify(from)}`);
    result = result.replace(from, to);
  }
  return result;
}

export function writeStack(text: string, name = "Pulumi.production.yaml"): string {
  const file = join(mkdtempSync(join(tmpdir(), "stack-")), name);
  writeFileSync(file, text);
  return file;
}

/** 1-based line of the first line containing `marker`. */
export function lineOf(text: string, marker: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`no ${marker}`);
  return index + 1;
}
