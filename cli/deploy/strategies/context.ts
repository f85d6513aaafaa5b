// What a strategy can do to a deployment: change the stack's config, apply it (an `up`, or a
// preview in a dry run), and validate containers (health checks, smoke tests). Strategies are plain
// sequences of these steps; failures are InfraErrors thrown by the steps, handled by the workflow.
import type { ContainerSpec, DeploymentRequest } from "@scaleway-infra/contracts/documents/types";
import type { CopySlot, DeploymentConfig } from "../release-config";

/** A container to validate: a service's own container, or one of its copies. */
export interface ValidationTarget {
  service: string;
  /** `documentation`, or `documentation-green` */
  container: string;
}

export interface StrategyContext {
  readonly request: DeploymentRequest;
  readonly deploymentId: string;
  /** The specs of the services this deployment changes (requested and not already at the release). */
  readonly services: ContainerSpec[];
  /** service -> image at the release version */
  readonly releaseImages: ReadonlyMap<string, string>;
  readonly observationWindowSeconds: number;
  readonly dryRun: boolean;
  /** Points the requested services at the release images in `scaleway-infra:containers`. */
  setReleaseImages(): Promise<void>;
  /** Writes `scaleway-infra:deployment` (undefined removes it). */
  setDeploymentConfig(config: DeploymentConfig | undefined): Promise<void>;
  /** The copies config (twins) of every service deployed; custom domains always stay on the services. */
  copiesConfig(slot: CopySlot): DeploymentConfig;
  /** `up` (or preview in a dry run) with the policy pack; `label` names the step. */
  apply(label: string): Promise<void>;
  /** Health checks then smoke tests, as the request's `validation` asks; throws on failure. */
  validate(targets: ValidationTarget[], label: string): Promise<void>;
  /** Canary observation: health and smoke rounds over the observation window; throws on failure. */
  observe(targets: ValidationTarget[]): Promise<void>;
  /** Marks services `deployed` (after the final step). */
  markDeployed(): void;
}

export type Strategy = (context: StrategyContext) => Promise<void>;
