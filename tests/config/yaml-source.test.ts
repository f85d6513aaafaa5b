// Reading YAML/JSON safely: hostile or broken input ends in INFRA_001 (INFRA_004 when missing) with
// a clear message, before it can exhaust the stack or memory.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import {
  estimatedNestingDepth,
  parseYamlText,
  readYamlFile,
} from "@scaleway-infra/contracts/config/yaml-source";
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_DEPTH } from "@scaleway-infra/contracts/thresholds";

function failure(run: () => unknown): InfraError {
  try {
    run();
  } catch (error) {
    if (error instanceof InfraError) return error;
    throw error;
  }
  throw new Error("expected an InfraError");
}

function tempFile(name: string, content: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), "yaml-source-")), name);
  writeFileSync(file, content);
  return file;
}

const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
  "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
  "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
  "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
].join("\n");

describe("parseYamlText", () => {
  it("reads YAML and JSON alike, with line and column of each value", () => {
    const yaml = parseYamlText("a:\n  b: [1, 2]\n", "x.yaml");
    expect(yaml.value).toEqual({ a: { b: [1, 2] } });
    expect(yaml.locate("/a/b/1")).toEqual({ file: "x.yaml", line: 2, column: 10 });
    const json = parseYamlText('{\n  "a": {"b": true}\n}', "x.json");
    expect(json.value).toEqual({ a: { b: true } });
    expect(json.locate("/a/b")?.line).toBe(2);
    expect(json.locate("/a/missing")).toBeUndefined();
  });

  it.each([
    ["an empty file", "", "is empty"],
    ["a file of blanks", "  \n\n", "is empty"],
    ["invalid YAML", "a: [1, 2\nb: }", "is not valid YAML"],
    ["duplicate keys", "a: 1\na: 2\n", "is not valid YAML"],
    ["a YAML bomb", BOMB, "cannot be read"],
    ["10,000 nested flow sequences", "[".repeat(10_000) + "]".repeat(10_000), "nests too deeply"],
    ["10,000 nested block sequences on one line", "- ".repeat(10_000) + "x", "nests too deeply"],
    [
      "10,000 nested mappings",
      Array.from({ length: 10_000 }, (_, i) => " ".repeat(i) + "a:").join("\n"),
      "nests too deeply",
    ],
    [
      "nesting just past the limit",
      "[".repeat(MAX_DOCUMENT_DEPTH + 2) + "]".repeat(MAX_DOCUMENT_DEPTH + 2),
      "levels deep",
    ],
    ["a control character", "a: \u0001\n", "control character"],
    ["a recursive alias", "a: &a\n  - *a\n", "refers to itself"],
    ["a recursive alias in a mapping", "a: &a {b: [*a]}\n", "refers to itself"],
    [
      "aliases that nest deeper than the limit once expanded",
      Array.from(
        { length: 10 },
        (_, i) =>
          `k${i}: &a${i} ${i === 0 ? "[" + "[".repeat(20) + "]".repeat(20) + "]" : `[*a${i - 1}, [[[[[[*a${i - 1}]]]]]]]`}`,
      ).join("\n"),
      "once its aliases are expanded",
    ],
  ])("refuses %s with INFRA_001 and a clear message", (_what, text, message) => {
    const error = failure(() => parseYamlText(text, "doc.yaml"));
    expect(error.code).toBe("INFRA_001");
    expect(error.message).toContain(message);
    expect(error.message).toMatch(/^doc\.yaml/);
  });

  it("says to indent with spaces when a tab indents a line, without repeating the place in the message", () => {
    let thrown: unknown;
    try {
      parseYamlText("config:\n  a: 1\n\tb: 2\n", "Pulumi.staging.yaml");
    } catch (error) {
      thrown = error;
    }
    const [first] = (thrown as InfraError).problems;
    expect(first).toMatchObject({ line: 3, column: 1, fix: expect.stringContaining("spaces, not tabs") });
    expect(first.message).not.toMatch(/at line \d+, column \d+/);
  });

  it("accepts nesting up to the limit", () => {
    const depth = MAX_DOCUMENT_DEPTH - 1;
    expect(() => parseYamlText("[".repeat(depth) + "]".repeat(depth), "doc.yaml")).not.toThrow();
  });

  it("bounds the nesting estimate from above, whatever the notation", () => {
    expect(estimatedNestingDepth("a:\n  b:\n    c: [1, {d: 2}]\n").depth).toBeGreaterThanOrEqual(5);
    expect(estimatedNestingDepth("# [[[[ in a comment\nx: '[[[['\n").depth).toBeLessThan(4);
  });
});

describe("readYamlFile", () => {
  it("reports a missing file as INFRA_004", () => {
    expect(failure(() => readYamlFile("/nonexistent/doc.yaml")).code).toBe("INFRA_004");
  });

  it("refuses a file over the size limit before reading it", () => {
    const file = tempFile("big.yaml", Buffer.alloc(10 * 1024 * 1024, "a"));
    const error = failure(() => readYamlFile(file, "big.yaml"));
    expect(error.code).toBe("INFRA_001");
    expect(error.message).toContain(`more than the ${MAX_DOCUMENT_BYTES} bytes`);
  });

  it("refuses binary garbage", () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const error = failure(() => readYamlFile(tempFile("garbage.bin", garbage), "garbage.bin"));
    expect(error.code).toBe("INFRA_001");
    expect(error.message).toMatch(/not UTF-8 text|control character/);
  });

  it("refuses a directory", () => {
    expect(failure(() => readYamlFile(tmpdir(), "tmp")).code).toBe("INFRA_001");
  });
});
