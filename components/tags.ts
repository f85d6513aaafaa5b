// Tags and resource names shared by every component. Every Scaleway resource that takes tags carries
// `env:<env>` and `service:<name>`: the policy pack reads the environment from the `env:` tag (OPS-1),
// and the service tag tells which contract a resource implements.
import { envTag, serviceTag, type EnvironmentName } from "@scaleway-infra/contracts/thresholds";

/** The service name of resources the three services share (namespace, VPC, registry, alerting). */
export const SHARED_SERVICE_NAME = "platform";

/** The tag list of a resource: its environment, its service, then any extra tags. */
export function tagsFor(env: EnvironmentName, service: string, extra: readonly string[] = []): string[] {
  return [envTag(env), serviceTag(service), ...extra];
}

/** Name of a resource at Scaleway and in Pulumi: `<env>-<name>` (`production-documentation`). */
export function resourceName(env: EnvironmentName, name: string): string {
  return `${env}-${name}`;
}
