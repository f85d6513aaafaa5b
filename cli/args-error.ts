// Node's parseArgs errors, reworded for people: `Unknown option '--bogus'. To specify a positional
// argument starting with a '-', place it at the end of the command after '--', as in '-- "--bogus"`
// becomes `Unknown option --bogus.` (the advice about '--' fits almost no scw-infra mistake).

import { parseArgs, type ParseArgsConfig } from "node:util";

/** A one-line message for an error thrown by `node:util` parseArgs (other errors keep their message). */
export function argumentsMessage(error: unknown): string {
  // Duck-typed, not instanceof Error: parseArgs' TypeError may come from another realm (jest's vm).
  const { message: raw, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  const message = typeof raw === "string" ? raw : String(error);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const option = /^Unknown option '([^']+)'/.exec(message)?.[1];
    if (option !== undefined) return `Unknown option ${option}.`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    // "Option '-s, --stack <value>' argument missing", or "... does not take an argument".
    const match =
      /^Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' (argument missing|does not take an argument)/.exec(
        message,
      );
    if (match) {
      return match[2] === "argument missing"
        ? `Option ${match[1]} needs a value.`
        : `Option ${match[1]} takes no value.`;
    }
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const argument = /^Unexpected argument '([^']*)'/.exec(message)?.[1];
    if (argument !== undefined) return `Unexpected argument "${argument}".`;
  }
  return message;
}

/** True for the errors parseArgs throws on a bad command line (by code: they may cross realms). */
export function isArgumentsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}

/**
 * parseArgs, refusing a single-value option given twice: Node's parseArgs keeps the last one
 * silently, so `plan --stack production --stack staging` planned staging (second adversarial pass).
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  const parsed = parseArgs({ ...config, tokens: true });
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== "option" || config.options?.[token.name]?.multiple === true) continue;
    if (seen.has(token.name)) {
      throw Object.assign(new TypeError(`Option --${token.name} is given more than once: give it once.`), {
        code: "ERR_PARSE_ARGS_REPEATED_OPTION",
      });
    }
    seen.add(token.name);
  }
  return parsed as unknown as ReturnType<typeof parseArgs<T>>;
}
