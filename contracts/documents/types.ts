// The contract types, by the names the code imports. Each contract's fields are written once, in its
// schema source (contracts/schemas); contract-types.generated.ts is generated from those sources
// (scripts/generate-contract-types.ts). What is written here is not a schema: the names of the
// contracts, how a stack composes them, and the provider keys beside them.
import type { EnvironmentName } from "../thresholds";
import type { DeploymentConfig } from "./deployment-config";
import type {
  AlertRuleSpec,
  ContainerSpec,
  DatabaseSpec,
  DeploymentRequest,
  DeploymentResponse,
  EnvironmentConfig,
  ErrorResponse,
  ImageSpec,
  SecretSpec,
  StateSpec,
  WorkflowTrigger,
} from "./contract-types.generated";

export type * from "./contract-types.generated";
export type { EnvironmentName };

export type SecretTypeName = SecretSpec["type"];
export type DeploymentStatus = DeploymentResponse["status"];

/** The contract names accepted by `scw-infra validate`, mapped to their document types. */
export interface ContractDocuments {
  container: ContainerSpec;
  database: DatabaseSpec;
  secret: SecretSpec;
  "alert-rule": AlertRuleSpec;
  "deployment-request": DeploymentRequest;
  "deployment-response": DeploymentResponse;
  state: StateSpec;
  environment: EnvironmentConfig;
  "workflow-trigger": WorkflowTrigger;
  image: ImageSpec;
  "error-response": ErrorResponse;
}
export type ContractName = keyof ContractDocuments;
export const CONTRACT_NAMES: readonly ContractName[] = [
  "container",
  "database",
  "secret",
  "alert-rule",
  "deployment-request",
  "deployment-response",
  "state",
  "environment",
  "workflow-trigger",
  "image",
  "error-response",
];

/** A whole stack's contract documents, as read from the `scaleway-infra:*` config keys. */
export interface StackContracts {
  environment: EnvironmentConfig;
  state: StateSpec;
  containers: ContainerSpec[];
  database: DatabaseSpec;
  secrets: SecretSpec[];
  alerts: AlertRuleSpec[];
  /** `scaleway-infra:deployment`: present only while a blue/green or canary deployment runs. */
  deployment?: DeploymentConfig;
}

/** Provider keys beside the contract keys (`scaleway:region`, ...). */
export interface ProviderSettings {
  region?: string;
  zone?: string;
  projectId?: string;
}
