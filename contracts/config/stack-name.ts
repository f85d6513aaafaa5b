// What a stack name may be. `--stack` becomes part of a file name (`Pulumi.<stack>.yaml`), a URN and
// a lock file, so a separator or `..` would read or write outside the project. The rule is Pulumi's
// own (the diy backend's ParseReference in pulumi/pulumi: tokens.IsName and at most 100 characters:
// "stack names are limited to 100 characters and may only contain alphanumeric, hyphens,
// underscores, or periods"), minus the `org/project/stack` form, which names no local file.
import { InfraError } from "../errors/infra-error";
import { showValue } from "../errors/shown-value";

const STACK_NAME_PATTERN = /^[A-Za-z0-9_.-]+$/;
export const STACK_NAME_MAX_LENGTH = 100;

export function isStackName(value: string): boolean {
  return (
    value.length <= STACK_NAME_MAX_LENGTH && STACK_NAME_PATTERN.test(value) && value !== "." && value !== ".."
  );
}

/** Throws INFRA_001 (exit 2) for a `--stack` value that is not a stack name. */
export function assertStackName(value: string, option = "--stack"): string {
  if (isStackName(value)) return value;
  // Quoted with every invisible character escaped, so a hostile name cannot hide in the message.
  const shown = showValue(value);
  const fix = `Give ${option} a stack name: letters, digits, "-", "_" and "." (at most ${STACK_NAME_MAX_LENGTH}), e.g. ${option} staging.`;
  const message = `${shown} is not a stack name.`;
  throw new InfraError("INFRA_001", message, {
    details: { fix },
    problems: [{ path: option, rule: "SCHEMA", message, fix }],
  });
}
