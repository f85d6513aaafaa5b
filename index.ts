// Pulumi entry point: read the stack's config, validate it against the contracts, build the environment,
// return its outputs (Pulumi runs an exported function and exports what it returns). Invalid config
// stops with INFRA_001 before any resource is registered, printed as the error and its error_response,
// without a stack trace.
import * as pulumi from "@pulumi/pulumi";
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import { formatInfraError, isInfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { runtimeConfigSource, stackInputFromConfig } from "./components/program/config-from-pulumi";
import { defineInfrastructure, type InfrastructureOutputs } from "./components/program/define-infrastructure";

function main(): InfrastructureOutputs {
  try {
    const contracts = validateStack(stackInputFromConfig(runtimeConfigSource()));
    return defineInfrastructure(contracts, { stack: pulumi.getStack() });
  } catch (error) {
    if (isInfraError(error)) {
      // A RunError is printed by Pulumi as its message alone, with no stack trace.
      throw new pulumi.RunError(
        `${formatInfraError(error)}\n${JSON.stringify(error.toErrorResponse(), null, 2)}`,
      );
    }
    throw error;
  }
}

export = main;
