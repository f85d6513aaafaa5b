// The offline plan of one stack: read Pulumi.<stack>.yaml (or --config-file), validate it (INFRA_001
// before any resource), run the program's defineInfrastructure under the Scaleway mocks, and locate
// every resource at the stack-file line of the contract value behind it.
import * as path from "node:path";
import { configKeyOf, STACK_CONFIG_KEYS, type StackInput } from "../config/stack-input";
import { readStackFile } from "../config/stack-file";
import { validateStack } from "../config/validate-stack";
import type { StackContracts } from "../contracts/types";
import { defineInfrastructure } from "../program/define-infrastructure";
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

function displayPath(file: string): string {
  const relative = path.relative(PROJECT_ROOT, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative.split(path.sep).join("/");
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

export async function planStack(request: PlanRequest): Promise<PlannedStack> {
  const file = path.resolve(request.cwd, request.configFile ?? `Pulumi.${request.stack}.yaml`);
  const stackFile = displayPath(file);
  const input = readStackFile(file, { stack: request.stack, shownAs: stackFile });
  const contracts = validateStack(input);
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
