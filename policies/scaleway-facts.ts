// Advisory: the inputs of Scaleway resources against what Scaleway accepts (contracts/scaleway/facts), on any
// resource, hand-written ones included: the memory unit, documented CPU/memory pairs, reserved ports
// and variable names, node types on sale, engine versions, volume sizes, secret expiry, permission set
// names, deprecated inputs. A fact is not a contract rule, so this policy is advisory: it warns that
// Scaleway would refuse (or misread) a value, and never blocks a preview on its own.
import {
  checkProviderInputs,
  PROVIDER_CHECKED_KINDS,
  type ProviderCheckedKind,
} from "@scaleway-infra/contracts/scaleway/provider-inputs";
import { resourcePolicy, type ContractResourcePolicy } from "./metadata";
import type { InputName } from "./resource-context";
import { kindOf, type InputsOf } from "./resource-types";
import { UNKNOWN_SENTINELS, proxyTarget } from "./unknown-values";

/** Deeper inputs than any Scaleway resource has are not read (a hostile state export cannot overflow the stack). */
const MAX_DEPTH = 16;

/** The props as plain data, values preview cannot know yet replaced by undefined (they are skipped, never guessed). */
function knownValues(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return UNKNOWN_SENTINELS.has(value) ? undefined : value;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) return value.map((item) => knownValues(item, depth + 1));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [key, knownValues(field, depth + 1)]),
    );
  return value;
}

/**
 * The inputs read through the runtime's proxy first, so that a resource whose main inputs preview
 * cannot know yet is reported indeterminate, as every policy of the pack does, rather than passed.
 */
const MAIN_INPUTS: { readonly [K in ProviderCheckedKind]: readonly InputName<InputsOf<K>>[] } = {
  container: ["cpuLimit", "memoryLimitBytes", "port", "minScale", "maxScale", "environmentVariables"],
  databaseInstance: ["nodeType", "engine", "volumeType", "volumeSizeInGb"],
  secret: ["type", "ephemeralPolicies"],
  iamPolicy: ["rules"],
};

export const scalewayProviderInputs: ContractResourcePolicy = {
  ...resourcePolicy({
    name: "scaleway-provider-inputs",
    description:
      "Container, database, secret and IAM policy inputs are values Scaleway accepts, in the units it reads them in.",
    ruleIds: ["CTR-7", "DB-7"],
    severity: "medium",
    remediationSteps:
      "Change the input the message names to a value of the Scaleway fact it cites (docs/scaleway-facts.md): e.g. memoryLimitBytes in decimal MB (2048 MB = 2048000000), a documented CPU/memory pair, a port other than 8008/8012/8013/8022/9090/9091, a node type and PostgreSQL version on sale.",
    kinds: [...PROVIDER_CHECKED_KINDS],
    validate: (props, args, report) => {
      const kind = kindOf(args.type);
      if (!(PROVIDER_CHECKED_KINDS as readonly string[]).includes(kind ?? "")) return;
      const inputs: readonly string[] = MAIN_INPUTS[kind as ProviderCheckedKind];
      for (const field of inputs) void (props as Record<string, unknown>)[field];
      const plain = knownValues(proxyTarget(props)) as Record<string, unknown>;
      for (const problem of checkProviderInputs(kind as ProviderCheckedKind, plain)) report(problem.message);
    },
  }),
  enforcementLevel: "advisory",
};

export const scalewayFactPolicies: readonly ContractResourcePolicy[] = [scalewayProviderInputs];
