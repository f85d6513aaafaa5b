// Values echoed in messages (issue 11 §8): non-finite numbers named as what they are, invisible
// characters escaped, in the helper and in a validate error a user sees.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { escapeInvisible, showValue } from "@scaleway-infra/contracts/errors/shown-value";
import { runCli } from "../plan/cli-harness";

describe("showValue", () => {
  it("names Infinity and NaN instead of JSON's null", () => {
    expect(showValue(Number.POSITIVE_INFINITY)).toMatch(/^Infinity/);
    expect(showValue(Number.NEGATIVE_INFINITY)).toMatch(/^-Infinity/);
    expect(showValue(Number.NaN)).toMatch(/^NaN/);
    expect(showValue(42)).toBe("42");
  });

  it.each([
    ["zero-width space", "\u200b", "\\u200b"],
    ["zero-width joiner", "\u200d", "\\u200d"],
    ["bidi override", "\u202e", "\\u202e"],
    ["byte order mark", "\ufeff", "\\ufeff"],
    ["no-break space", "\u00a0", "\\u00a0"],
    ["Hangul filler", "\u3164", "\\u3164"],
    ["variation selector", "\ufe0f", "\\ufe0f"],
    ["tag character", "\u{e0041}", "\\u{e0041}"],
  ])("escapes a %s", (_name, character, escaped) => {
    expect(showValue(`a${character}b`)).toBe(`"a${escaped}b"`);
  });

  it("keeps plain text and spaces as they are", () => {
    expect(escapeInvisible("plain text, é ü 日本")).toBe("plain text, é ü 日本");
  });
});

describe("validate echoes what the user wrote, visibly", () => {
  const write = (text: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "shown-")), "container.yaml");
    fs.writeFileSync(file, text);
    return file;
  };
  const example = fs.readFileSync("examples/contracts/container.yaml", "utf8");

  it("reports 1e309 and .nan as Infinity and NaN, not null", async () => {
    const file = write(example.replace("memory: 2048", "memory: 1e309").replace("cpu: 1000", "cpu: .nan"));
    const run = await runCli(["validate", "container", file, "--format", "json"]);
    expect(run.code).toBe(2);
    expect(run.stdout).not.toContain("got null");
    expect(run.stdout).toContain("resources.memory must be a whole number (got Infinity");
    expect(run.stdout).toContain("resources.cpu must be a whole number (got NaN");
  });

  it("shows a zero-width space in a name escaped, in text and JSON", async () => {
    const file = write(example.replace("name: documentation", 'name: "docu\\u200bmentation"'));
    for (const format of ["text", "json"]) {
      const run = await runCli(["validate", "container", file, "--format", format]);
      expect(run.code).toBe(2);
      const output = run.stdout + run.stderr;
      expect(output).not.toContain("\u200b");
      expect(output).toMatch(/docu\\+u200bmentation/);
    }
  });
});
