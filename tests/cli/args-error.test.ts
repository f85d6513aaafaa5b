// Command-line mistakes are reported in plain words, not in Node's parseArgs wording.
import { parseArgs } from "node:util";
import { argumentsMessage } from "../../cli/args-error";
import { runCli } from "../plan/cli-harness";

function parseError(args: string[], allowPositionals = false): unknown {
  try {
    parseArgs({
      args,
      allowPositionals,
      strict: true,
      options: { stack: { type: "string", short: "s" }, strict: { type: "boolean" } },
    });
  } catch (error) {
    return error;
  }
  throw new Error("expected parseArgs to throw");
}

describe("argumentsMessage", () => {
  it("names an unknown option without Node's advice about '--'", () => {
    expect(argumentsMessage(parseError(["--bogus"]))).toBe("Unknown option --bogus.");
  });

  it("says which option needs a value", () => {
    expect(argumentsMessage(parseError(["--stack"]))).toBe("Option --stack needs a value.");
  });

  it("says which option takes no value", () => {
    expect(argumentsMessage(parseError(["--strict=yes"]))).toBe("Option --strict takes no value.");
  });

  it("names an unexpected argument", () => {
    expect(argumentsMessage(parseError(["staging"]))).toBe('Unexpected argument "staging".');
  });

  it("keeps the message of any other error", () => {
    expect(argumentsMessage(new Error("something else"))).toBe("something else");
  });
});

describe("scw-infra argument errors", () => {
  it.each([
    [["plan", "--stack", "staging", "--bogus"], "Unknown option --bogus."],
    [["scan", "--stack"], "Option --stack needs a value."],
    [["validate", "--bogus", "container", "x.yaml"], "Unknown option --bogus."],
    [["deploy", "--request"], "Option --request needs a value."],
    [["image-spec", "--bogus"], "Unknown option --bogus."],
  ])("%j is INFRA_001 (exit 2) saying %s, with the fix in details", async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    const response = JSON.parse(run.stderr.slice(run.stderr.indexOf("\n{") + 1)) as {
      message: string;
      details: { fix: string };
    };
    expect(response.message).toBe(message);
    expect(response.details.fix).toMatch(/--help/);
  });
});
