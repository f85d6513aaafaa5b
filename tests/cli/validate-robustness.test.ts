// Bad input never crashes `scw-infra validate`: each case ends in INFRA_001 (exit 2) with a clear
// message and a schema-valid error_response, or INFRA_004 (exit 3) for a missing file, and never a
// stack trace.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { schemaValidator } from "@scaleway-infra/contracts/documents/validator";
import { STACK_TRACE, errorResponseIn, runCli } from "./validate-support";

const errorResponseValid = schemaValidator("error-response");
const dir = mkdtempSync(join(tmpdir(), "validate-robustness-"));

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
  "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
  "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
  "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
  "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
].join("\n");

const CASES: { what: string; argv: () => string[]; code: number; infra: string; message: RegExp }[] = [
  {
    what: "an empty file",
    argv: () => ["validate", "container", file("empty.yaml", "")],
    code: 2,
    infra: "INFRA_001",
    message: /empty\.yaml: is empty/,
  },
  {
    what: "invalid YAML",
    argv: () => ["validate", "container", file("invalid.yaml", "name: [documentation\nimage: }")],
    code: 2,
    infra: "INFRA_001",
    message: /is not valid YAML/,
  },
  {
    what: "a YAML bomb",
    argv: () => ["validate", "database", file("bomb.yaml", BOMB)],
    code: 2,
    infra: "INFRA_001",
    message: /cannot be read: .*alias/i,
  },
  {
    what: "wrong types",
    argv: () => [
      "validate",
      "container",
      file("types.yaml", "name: 1\nimage: [a]\nscaling: yes\nresources: 3\n"),
    ],
    code: 2,
    infra: "INFRA_001",
    message: /is invalid: \d+ problems/,
  },
  {
    what: "a scalar instead of a document",
    argv: () => ["validate", "secret", file("scalar.yaml", "just a string\n")],
    code: 2,
    infra: "INFRA_001",
    message: /is invalid: 1 problem/,
  },
  {
    what: "an unknown contract name",
    argv: () => ["validate", "kubernetes", file("k8s.yaml", "a: 1\n")],
    code: 2,
    infra: "INFRA_001",
    message: /Unknown contract "kubernetes"/,
  },
  {
    what: "an unknown option",
    argv: () => ["validate", "container", "x.yaml", "--colour"],
    code: 2,
    infra: "INFRA_001",
    message: /^Unknown option --colour\.$/,
  },
  {
    what: "--stack with a single contract",
    argv: () => ["validate", "container", "x.yaml", "--stack", "production"],
    code: 2,
    infra: "INFRA_001",
    message: /--stack applies to `validate stack` only/,
  },
  {
    what: "a missing file argument",
    argv: () => ["validate", "container"],
    code: 2,
    infra: "INFRA_001",
    message: /a contract name and one file/,
  },
  {
    what: "a 10 MB file",
    argv: () => ["validate", "container", file("big.yaml", Buffer.alloc(10 * 1024 * 1024, "# padding\n"))],
    code: 2,
    infra: "INFRA_001",
    message: /more than the \d+ bytes/,
  },
  {
    what: "binary garbage",
    argv: () => [
      "validate",
      "image",
      file("garbage.bin", Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919 + 13) % 256))),
    ],
    code: 2,
    infra: "INFRA_001",
    message: /not UTF-8 text|control character/,
  },
  {
    what: "10,000-deep flow nesting",
    argv: () => ["validate", "container", file("deep-flow.yaml", "[".repeat(10_000) + "]".repeat(10_000))],
    code: 2,
    infra: "INFRA_001",
    message: /nests too deeply/,
  },
  {
    what: "10,000-deep block nesting",
    argv: () => ["validate", "container", file("deep-block.yaml", "- ".repeat(10_000) + "x\n")],
    code: 2,
    infra: "INFRA_001",
    message: /nests too deeply/,
  },
  {
    what: "a stack file that is garbage",
    argv: () => ["validate", "stack", file("Pulumi.production.yaml", "config: [1, 2\n")],
    code: 2,
    infra: "INFRA_001",
    message: /is not valid YAML/,
  },
  {
    what: "a 1 MB mapping of 60,000 unknown keys",
    argv: () => [
      "validate",
      "container",
      file(
        "keys.json",
        JSON.stringify(Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, i]))),
      ),
    ],
    code: 2,
    infra: "INFRA_001",
    message: /invalid: 60007 problems \(the first 200 are listed\)/,
  },
  {
    what: "a recursive YAML alias in a stack file",
    argv: () => [
      "validate",
      "stack",
      file("Pulumi.staging.yaml", "config:\n  scaleway-infra:containers: &a\n    - *a\n"),
    ],
    code: 2,
    infra: "INFRA_001",
    message: /refers to itself/,
  },
  {
    what: "a missing file",
    argv: () => ["validate", "container", "does-not-exist.yaml"],
    code: 3,
    infra: "INFRA_004",
    message: /File not found: does-not-exist\.yaml/,
  },
  {
    what: "a missing stack file",
    argv: () => ["validate", "stack", "Pulumi.nowhere.yaml"],
    code: 3,
    infra: "INFRA_004",
    message: /File not found/,
  },
];

describe.each(CASES.map((c) => [c.what, c] as const))("scw-infra validate given %s", (_what, c) => {
  it(`exits ${c.code} with ${c.infra}, a clear message and no stack trace`, async () => {
    const run = await runCli(c.argv(), dir);
    expect(run.code).toBe(c.code);
    expect(run.stdout).toBe("");
    expect(run.stderr).not.toMatch(STACK_TRACE);
    const response = errorResponseIn(run.stderr);
    expect(response.code).toBe(c.infra);
    expect(String(response.message)).toMatch(c.message);
    expect(errorResponseValid(response)).toBe(true);
  });

  it("prints the same error_response on stdout with --format json", async () => {
    const run = await runCli([...c.argv(), "--format", "json"], dir);
    expect(run.code).toBe(c.code);
    expect(run.stderr).toBe("");
    const response = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(response.code).toBe(c.infra);
    expect(errorResponseValid(response)).toBe(true);
  });
});
