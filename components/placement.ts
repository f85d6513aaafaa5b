// Where a stack's resources live: environment, project, organization, region and zone, taken from the
// validated environment_config. Every component puts region and project on each resource explicitly,
// so nothing falls back to a provider default that the policy pack could not see (ENV-4, OPS-1).
import type { EnvironmentConfig, EnvironmentName } from "@scaleway-infra/contracts/documents/types";

export interface Placement {
  env: EnvironmentName;
  projectId: string;
  organizationId: string;
  region: string;
  zone: string;
}

export function placementOf(environment: EnvironmentConfig): Placement {
  return {
    env: environment.name,
    projectId: environment.scaleway.project_id,
    organizationId: environment.scaleway.organization_id,
    region: environment.scaleway.region,
    zone: environment.scaleway.zone,
  };
}
