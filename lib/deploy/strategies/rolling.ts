// rolling: one `up` that points the services at the release image; Scaleway replaces the instances
// of each container, then the workflow validates the services where they serve.
import type { StrategyContext } from "./context";

export async function rolling(context: StrategyContext): Promise<void> {
  await context.setReleaseImages();
  await context.apply("rolling update to the release image");
  await context.validate(
    context.services.map((spec) => ({ service: spec.name, container: spec.name })),
    "release",
  );
  context.markDeployed();
}
