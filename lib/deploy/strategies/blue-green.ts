// blue_green: a green copy of each service runs the release beside blue (the service's own
// container, which keeps the custom domains). Green is validated, then the domains move to green;
// blue is brought to the release while green serves, the domains come back, and green is retired.
// Until the domains move, a failure leaves blue serving untouched.
import { copyName } from "../release-config";
import type { StrategyContext } from "./context";

export async function blueGreen(context: StrategyContext): Promise<void> {
  const green = context.services.map((spec) => ({
    service: spec.name,
    container: copyName(spec.name, "green"),
  }));
  const blue = context.services.map((spec) => ({ service: spec.name, container: spec.name }));

  await context.setDeploymentConfig(context.copiesConfig("green", "service"));
  await context.apply("create green copies with the release image");
  await context.validate(green, "green");

  await context.setDeploymentConfig(context.copiesConfig("green", "copy"));
  await context.apply("move the custom domains to green");

  await context.setReleaseImages();
  await context.apply("bring blue to the release while green serves");
  await context.validate(blue, "blue at the release");

  await context.setDeploymentConfig(undefined);
  await context.apply("move the custom domains back and retire green");
  context.markDeployed();
}
