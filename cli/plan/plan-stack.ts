// The offline plan of one stack: read Pulumi.<stack>.yaml (or --config-file), validate it (INFRA_001
// before any resource), run the program's defineInfrastructure under the Scaleway mocks, and locate
// every resource at the stack-file line of the contract value behind it.
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import {
  configKeyOf,
  STACK_CONFIG_KEYS,
  type StackInput,
} from "@scaleway-infra/contracts/config/stack-input";
import { readStackFile, stackNameFromFile } from "@scaleway-infra/contracts/config/stack-file";
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import {
  assertEnvironmentIsolation,
  siblingStackInputs,
} from "@scaleway-infra/contracts/config/environment-isolation";
import type { StackContracts } from "@scaleway-infra/contracts/documents/types";
import { defineInfrastructure } from "../../components/program/define-infrastructure";
import { displayPath } from "@scaleway-infra/contracts/files/display-path";
import { locateInStackFile } from "./config-sources";
import { ScalewayMocks } from "./mocks";
import type { PlannedResource } from "./model";
import { runProgramUnderMocks } from "./run-program";

/** The repository root: where Pulumi.yaml, components/ and the stack files are. */
export const PROJECT_ROOT = path.resolve(__dirname, "../..");
export const PROJECT_NAME = "scaleway-infra";

export interface PlanRequest {
  stack: string;
  /** `--config-file`; default `Pulumi.<stack>.yaml` in cwd. */
  configFile?: string;
  cwd: string;
}

export interface PlannedStack {
  stack: string;
  environment: string;
  /** The stack file as reports name it: relative to the project root when it is inside it. */
  stackFile: string;
  input: StackInput;
  contracts: StackContracts;
  resources: PlannedResource[];
  outputs: Record<string, unknown>;
}

/** Config as Pulumi hands it to a program, so anything reading `pulumi.Config` sees the stack's values. */
function runtimeConfig(input: StackInput): { config: Record<string, string>; secretKeys: string[] } {
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const key of STACK_CONFIG_KEYS) {
    const value = input.values[key];
    if (value === undefined) continue;
    config[configKeyOf(key)] = JSON.stringify(value);
    const pointer = `/${key}`;
    if ([...input.secretPointers].some((p) => p === pointer || p.startsWith(`${pointer}/`)))
      secretKeys.push(configKeyOf(key));
  }
  const provider = input.provider;
  if (provider.region) config["scaleway:region"] = provider.region;
  if (provider.zone) config["scaleway:zone"] = provider.zone;
  if (provider.projectId) config["scaleway:projectId"] = provider.projectId;
  return { config, secretKeys };
}

/** A mistyped --stack (`prod`) is the usual cause of a missing stack file: name the stacks there are. */
function missingStackFile(stack: string, file: string): InfraError {
  const stacks = readdirSync(path.dirname(file))
    .map((name) => stackNameFromFile(name))
    .filter((name): name is string => name !== undefined)
    .sort();
  return new InfraError(
    "INFRA_004",
    `Stack ${stack} has no stack file: ${displayPath(file, PROJECT_ROOT)} does not exist.`,
    {
      details: {
        file: displayPath(file, PROJECT_ROOT),
        fix:
          stacks.length > 0
            ? `Use one of the stacks here: ${stacks.join(", ")} (--stack <name>); or give the file with --config-file FILE.`
            : "Run from the project directory (where the Pulumi.<stack>.yaml files are), or give --config-file FILE.",
      },
    },
  );
}

export async function planStack(request: PlanRequest): Promise<PlannedStack> {
  const file = path.resolve(request.cwd, request.configFile ?? `Pulumi.${request.stack}.yaml`);
  if (request.configFile === undefined && !existsSync(file)) throw missingStackFile(request.stack, file);
  const stackFile = displayPath(file, PROJECT_ROOT);
  const input = readStackFile(file, { stack: request.stack, shownAs: stackFile, projectDir: request.cwd });
  const contracts = validateStack(input);
  // OPS-1 across the project's stack files: never the project, bucket or namespace of another stack.
  assertEnvironmentIsolation(input, siblingStackInputs(file, PROJECT_ROOT));
  return planContracts({ stack: request.stack, stackFile, input, contracts });
}

export interface ContractsPlanRequest {
  stack: string;
  stackFile: string;
  input: StackInput;
  /** Validated contracts (validateStack(input)). */
  contracts: StackContracts;
  /** Runs after the program, in the same stack: tests add hand-written resources here. */
  alsoRegister?: () => void;
}

/** Runs defineInfrastructure on validated contracts under the mocks and locates its resources. */
export async function planContracts(request: ContractsPlanRequest): Promise<PlannedStack> {
  const { input, contracts } = request;
  const { config, secretKeys } = runtimeConfig(input);
  const mocks = new ScalewayMocks({
    region: input.provider.region ?? contracts.environment.scaleway.region,
    zone: input.provider.zone ?? contracts.environment.scaleway.zone,
    projectId: input.provider.projectId ?? contracts.environment.scaleway.project_id,
    organizationId: contracts.environment.scaleway.organization_id,
  });
  const program = () => {
    const outputs = defineInfrastructure(contracts, { stack: request.stack });
    request.alsoRegister?.();
    return outputs;
  };
  const run = await runProgramUnderMocks(program, {
    project: PROJECT_NAME,
    stack: request.stack,
    config,
    secretConfigKeys: secretKeys,
    mocks,
    sourceRoot: PROJECT_ROOT,
  });
  return {
    stack: request.stack,
    environment: contracts.environment.name,
    stackFile: request.stackFile,
    input,
    contracts,
    resources: locateInStackFile(run.resources, contracts, input),
    outputs: run.outputs,
  };
}
