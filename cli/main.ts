// `scw-infra`: dispatches to one module per subcommand under cli/commands/. Each command module is
// loaded only when used, so `validate` never pays for loading Pulumi.
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { reportFormatChoices } from "./report/formats";
import { CliIo, CommandRunner, processIo, reportError } from "./io";

const USAGE = `scw-infra: contracts, policies and deployments for the scaleway-infra Pulumi program

Usage:
  scw-infra plan --stack <name> [--config-file FILE] [--format ${reportFormatChoices()}] [--output FILE]
                 [--strict] [--waivers FILE] [--allow-broad-waivers] [--policy-pack-config FILE]
  scw-infra scan <FILE> [--stack <name>] [--format ...] [--output FILE] [--strict] [--waivers FILE]
  scw-infra audit [--env <name>] [--project <id>] [--region R ...] [--state FILE ...] [--format ...]
  scw-infra validate <contract> <FILE> [--format text|json]
  scw-infra alerts --stack <name> [--config-file FILE] [--test]
  scw-infra deploy --request FILE [--dry-run] [--policy-pack DIR]
  scw-infra image-spec --image REF [--commit-sha SHA] [--build-time TIME] [--builder NAME] [--output FILE]
  scw-infra image-spec --read FILE [--print reference|version] [--environment staging|production]

Run \`scw-infra <command> --help\` for a command's options.

Exit codes: 0 success, 1 mandatory policy violations, 2 invalid input (INFRA_001), 3 other INFRA_* failure.
`;

const COMMANDS: Record<string, () => Promise<CommandRunner>> = {
  plan: async () => (await import("./commands/plan")).run,
  scan: async () => (await import("./commands/scan")).run,
  audit: async () => (await import("./commands/audit")).run,
  validate: async () => (await import("./commands/validate")).run,
  alerts: async () => (await import("./commands/alerts")).run,
  deploy: async () => (await import("./commands/deploy")).run,
  "image-spec": async () => (await import("./commands/image-spec")).run,
};

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.stdout(USAGE);
    return command === undefined ? 2 : 0;
  }
  const load = COMMANDS[command];
  const format = formatOf(rest);
  if (!load) {
    return reportError(
      new InfraError("INFRA_001", `Unknown command "${command}".`, {
        details: { commands: Object.keys(COMMANDS), fix: "Run `scw-infra --help` to list the commands." },
      }),
      io,
      format,
    );
  }
  try {
    const run = await load();
    return await run(rest, io);
  } catch (error) {
    return reportError(error, io, format);
  }
}

function formatOf(argv: string[]): string | undefined {
  const index = argv.findIndex((a) => a === "--format" || a.startsWith("--format="));
  if (index < 0) return undefined;
  const arg = argv[index];
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[index + 1];
}
