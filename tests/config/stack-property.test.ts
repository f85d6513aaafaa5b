// Property: any text given as a stack file (random, or the valid fixture with characters deleted,
// inserted or lines swapped) either parses and validates, or fails with an InfraError; nothing
// else escapes, and nothing the parser gives validateStack makes it throw anything else.
import fc from "fast-check";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { parseStackText } from "@scaleway-infra/contracts/config/stack-file";
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import { FIXTURE_TEXT } from "./support";

const edit = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("delete", "insert", "swap-lines", "dedent"),
  text: fc.constantFrom(
    " ",
    "-",
    ":",
    "\n",
    "[",
    "{",
    "&a ",
    "*a",
    "secure: x",
    "'",
    '"',
    "#",
    "!!binary ",
    "  ",
  ),
  length: fc.integer({ min: 1, max: 12 }),
});

function apply(text: string, e: { at: number; kind: string; text: string; length: number }): string {
  const at = e.at % Math.max(text.length, 1);
  switch (e.kind) {
    case "delete":
      return text.slice(0, at) + text.slice(at + e.length);
    case "insert":
      return text.slice(0, at) + e.text + text.slice(at);
    case "dedent": {
      const lines = text.split("\n");
      const i = e.at % lines.length;
      lines[i] = lines[i].replace(/^ {1,2}/, "");
      return lines.join("\n");
    }
    default: {
      const lines = text.split("\n");
      const i = e.at % lines.length;
      const j = (e.at + e.length) % lines.length;
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join("\n");
    }
  }
}

const stackText = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(edit, { minLength: 1, maxLength: 5 })
      .map((edits) => edits.reduce(apply, FIXTURE_TEXT)),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
);

describe("stack files under mutation", () => {
  it("1,000 mutated or random stack files validate or fail with an InfraError only", () => {
    let valid = 0;
    fc.assert(
      fc.property(stackText, (text) => {
        try {
          const input = parseStackText(text, "Pulumi.production.yaml", "production");
          validateStack(input);
          valid += 1;
          return true;
        } catch (error) {
          return error instanceof InfraError && ["INFRA_001"].includes(error.code);
        }
      }),
      { numRuns: 1_000, seed: 20251107 },
    );
    // Some edits (inside comments, values kept valid) leave the stack valid; most break it.
    expect(valid).toBeGreaterThan(0);
    expect(valid).toBeLessThan(1_000);
  });
});
