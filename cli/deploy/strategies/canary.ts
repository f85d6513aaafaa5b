// `canary` on Scaleway is a canary verification, not a traffic split: Scaleway offers no weighted
// split between two Serverless Containers that this program could drive
// (containers.no-weighted-traffic-split). So the release runs as a canary twin of each service (one
// instance where CTR-4 allows it, i.e. staging), reached only by the workflow on its own endpoint:
// health-checked, smoke tested, then probed every health.interval over the observation window. Only
// then are the services promoted by a rolling update that also removes the twins. No user request
// reaches the release before promotion. The request value stays `canary` (deployment_request).
import { NO_WEIGHTED_TRAFFIC_SPLIT } from "@scaleway-infra/contracts/scaleway/facts/container-rollout";
import { copyName } from "../release-config";
import type { StrategyContext } from "./context";

export const CANARY_FACTS = [NO_WEIGHTED_TRAFFIC_SPLIT];

export async function canary(context: StrategyContext): Promise<void> {
  const canaries = context.services.map((spec) => ({
    service: spec.name,
    container: copyName(spec.name, "canary"),
  }));

  await context.setDeploymentConfig(context.copiesConfig("canary"));
  await context.apply(
    "create the canary verification twins (no user traffic: Scaleway cannot split by weight)",
  );
  await context.validate(canaries, "canary twin, on its own endpoint");
  await context.observe(canaries);

  await context.setReleaseImages();
  await context.setDeploymentConfig(undefined);
  await context.apply("promote: rolling update to the release, remove the canary twins");
  await context.validate(
    context.services.map((spec) => ({ service: spec.name, container: spec.name })),
    "release",
  );
  context.markDeployed();
}
