// The shipped Pulumi.<stack>.yaml files, read as the CLI reads them (contracts/config/stack-file.ts):
// contract keys as objects, `secure:` values replaced by a placeholder and recorded as secret
// pointers, so the program tests never need the passphrase.
import { join } from "node:path";
import { readStackFile } from "@scaleway-infra/contracts/config/stack-file";
import type { StackInput } from "@scaleway-infra/contracts/config/stack-input";

export const REPO_ROOT = join(__dirname, "..", "..", "..");
export const SHIPPED_STACKS = ["staging", "production"] as const;

export function stackFilePath(stack: string): string {
  return join(REPO_ROOT, `Pulumi.${stack}.yaml`);
}

export function readShippedStack(stack: string): StackInput {
  return readStackFile(stackFilePath(stack));
}
