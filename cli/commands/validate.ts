// `scw-infra validate <contract> <FILE> [--format text|json]`: checks one contract document (YAML or
// JSON) against its schema and code checks, or a whole Pulumi.<stack>.yaml with `stack`.
// Exit 0 when valid; 2 with the INFRA_001 error_response when not; 3 for other failures (INFRA_004
// for a missing file).
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

import { argumentsMessage, parseCommandLine } from "../args-error";
import { CONTRACT_NAMES, type ContractName } from "@scaleway-infra/contracts/documents/types";
import { contractTitle, validateContract } from "@scaleway-infra/contracts/documents/validate";
import {
  assertEnvironmentIsolation,
  siblingStackInputs,
} from "@scaleway-infra/contracts/config/environment-isolation";
import { readStackFile, stackNameFromFile } from "@scaleway-infra/contracts/config/stack-file";
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import { readYamlFile } from "@scaleway-infra/contracts/config/yaml-source";
import { assertStackName } from "@scaleway-infra/contracts/config/stack-name";
import { displayPath } from "@scaleway-infra/contracts/files/display-path";
import { EXIT_CODES, InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { reportError, type CliIo } from "../io";
import { escapeInvisible, shownJson } from "@scaleway-infra/contracts/errors/shown-value";

const STACK = "stack";
const FORMATS = ["text", "json"] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: scw-infra validate <contract> <FILE> [--format text|json]
       scw-infra validate stack <Pulumi.<stack>.yaml | FOLDER> [--stack <name>] [--format text|json]
contracts: ${CONTRACT_NAMES.join(", ")}`;

interface ValidateArgs {
  target: ContractName | typeof STACK;
  file: string;
  format: Format;
  stack?: string;
}

function usageError(message: string, fix: string): InfraError {
  return new InfraError("INFRA_001", message, { details: { usage: USAGE, fix } });
}

function parse(argv: string[]): ValidateArgs {
  let parsed;
  try {
    parsed = parseCommandLine({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { format: { type: "string", default: "text" }, stack: { type: "string", short: "s" } },
    });
  } catch (error) {
    throw usageError(argumentsMessage(error), "See `scw-infra validate --help`.");
  }
  const { positionals, values } = parsed;
  const format = values.format as string;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw usageError(`Unknown format "${format}".`, `Use --format ${FORMATS.join(" or --format ")}.`);
  }
  const [target, file, ...extra] = positionals;
  if (target === undefined || file === undefined || extra.length > 0) {
    throw usageError(
      "validate takes a contract name and one file.",
      "Example: scw-infra validate container examples/contracts/container.yaml",
    );
  }
  if (target !== STACK && !(CONTRACT_NAMES as readonly string[]).includes(target)) {
    throw usageError(
      `Unknown contract "${target}".`,
      `Use one of: ${[...CONTRACT_NAMES, STACK].join(", ")}.`,
    );
  }
  if (values.stack !== undefined) assertStackName(values.stack);
  if (values.stack !== undefined && target !== STACK) {
    throw usageError(
      "--stack applies to `validate stack` only.",
      `Remove --stack, or validate a stack file: scw-infra validate stack ${file} --stack ${values.stack}.`,
    );
  }
  return {
    target: target as ContractName | typeof STACK,
    file,
    format: format as Format,
    ...(values.stack === undefined ? {} : { stack: values.stack }),
  };
}

function summary(args: ValidateArgs, cwd: string): { text: string; json: Record<string, unknown> } {
  // Relative paths are relative to the command's working directory (io.cwd, injected in tests).
  const path = resolve(cwd, args.file);
  if (args.target === STACK && isDirectory(path)) return folderSummary(args, path, cwd);
  if (args.target === STACK) {
    const input = readStackFile(path, {
      shownAs: args.file,
      ...(args.stack === undefined ? {} : { stack: args.stack }),
    });
    const stack = validateStack(input);
    // OPS-1: no project, bucket, namespace, network or secret path shared with the other stack files.
    assertEnvironmentIsolation(input, siblingStackInputs(path, cwd));
    const counts = {
      containers: stack.containers.length,
      secrets: stack.secrets.length,
      alerts: stack.alerts.length,
    };
    return {
      text: `OK ${args.file}: stack ${input.stack} is valid (environment, state, database, ${counts.containers} container(s), ${counts.secrets} secret(s), ${counts.alerts} alert(s)).`,
      json: { valid: true, contract: STACK, file: args.file, stack: input.stack, ...counts },
    };
  }
  const source = readYamlFile(path, args.file);
  validateContract(args.target, source.value, { file: args.file, locate: source.locate });
  return {
    text: `OK ${args.file}: valid ${contractTitle(args.target)} (${args.target}).`,
    json: { valid: true, contract: args.target, file: args.file },
  };
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** `validate stack <folder>`: every Pulumi.<stack>.yaml there, each valid and isolated from the others. */
function folderSummary(
  args: ValidateArgs,
  folder: string,
  cwd: string,
): { text: string; json: Record<string, unknown> } {
  const files = readdirSync(folder)
    .filter((name) => stackNameFromFile(name) !== undefined)
    .sort();
  if (files.length === 0) {
    throw new InfraError("INFRA_004", `${args.file} holds no Pulumi.<stack>.yaml file.`, {
      details: { file: args.file, fix: "Give the project folder, or one stack file." },
    });
  }
  const inputs = files.map((name) => {
    const file = join(folder, name);
    const input = readStackFile(file, { shownAs: displayPath(file, cwd) });
    validateStack(input);
    return input;
  });
  for (const input of inputs) assertEnvironmentIsolation(input, inputs);
  const stacks = inputs.map((input) => input.stack);
  return {
    text: `OK ${args.file}: ${stacks.length} stack file(s) valid and isolated from each other (${stacks.join(", ")}).`,
    json: { valid: true, contract: STACK, file: args.file, stacks },
  };
}

function formatRequested(argv: string[]): Format {
  const index = argv.indexOf("--format");
  return argv.includes("--format=json") || (index >= 0 && argv[index + 1] === "json") ? "json" : "text";
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(USAGE + "\n");
    return EXIT_CODES.success;
  }
  // Known before parsing, so that even an argument error is reported in the requested format.
  const requestedFormat = formatRequested(argv);
  try {
    const args = parse(argv);
    const result = summary(args, io.cwd);
    if (args.format === "json") io.stdout(shownJson(result.json));
    // The line names the file as typed: escaped, so a hostile file name cannot rewrite the terminal.
    else io.stdout(escapeInvisible(result.text) + "\n");
    return EXIT_CODES.success;
  } catch (error) {
    return reportError(error, io, requestedFormat);
  }
}
