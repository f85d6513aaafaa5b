// rolling: one `up` that points the services at the release image. Scaleway rolls the new version
// out gradually, keeps the old one serving until the new one is ready, and aborts the rollout when
// the new version fails its health check (containers.rolling-update,
// containers.failing-health-check-aborts-deployment); the workflow then validates the services where
// they serve. Users may reach the release before the workflow's own checks have run.
import {
  FAILING_HEALTH_CHECK_ABORTS,
  ROLLING_UPDATE,
} from "@scaleway-infra/contracts/scaleway/facts/container-rollout";
import type { StrategyContext } from "./context";

export const ROLLING_FACTS = [ROLLING_UPDATE, FAILING_HEALTH_CHECK_ABORTS];

export async function rolling(context: StrategyContext): Promise<void> {
  await context.setReleaseImages();
  await context.apply("rolling update to the release image");
  await context.validate(
    context.services.map((spec) => ({ service: spec.name, container: spec.name })),
    "release",
  );
  context.markDeployed();
}
