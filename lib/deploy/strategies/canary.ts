// canary: one copy per service runs the release, a single instance where CTR-4 allows it (staging;
// in production the canary keeps its service's scaling). It is health-checked and smoke
// tested over the observation window; then the services are promoted with a rolling update that
// also removes the canaries. Before promotion, a failure leaves the services untouched.
import { copyName } from "../release-config";
import type { StrategyContext } from "./context";

export async function canary(context: StrategyContext): Promise<void> {
  const canaries = context.services.map((spec) => ({
    service: spec.name,
    container: copyName(spec.name, "canary"),
  }));

  await context.setDeploymentConfig(context.copiesConfig("canary", "service"));
  await context.apply("create canary containers with the release image");
  await context.validate(canaries, "canary");
  await context.observe(canaries);

  await context.setReleaseImages();
  await context.setDeploymentConfig(undefined);
  await context.apply("promote: rolling update to the release, remove the canaries");
  await context.validate(
    context.services.map((spec) => ({ service: spec.name, container: spec.name })),
    "release",
  );
  context.markDeployed();
}
