// How Scaleway Serverless Containers roll out a new version, bind custom domains and (do not) split
// traffic: the facts behind what each deployment strategy of cli/deploy can promise
// (docs/deploy-strategies.md). Read 2026-12-03.
import { fact } from "./fact";

const READ = "2026-12-03";
const CONCEPTS = "scaleway/docs-content@0798f70f:pages/serverless-containers/concepts.mdx";
const CUSTOM_DOMAIN =
  "scaleway/docs-content@173673a5:pages/serverless-containers/how-to/add-a-custom-domain-to-a-container.mdx";

/** An update of a container's image is a rolling update: no downtime, old version kept until the new one serves. */
export const ROLLING_UPDATE = fact(
  "containers.rolling-update",
  "Deploying a new version of a Serverless Container is a rolling update: traffic moves to the new version gradually and the old version is decommissioned only once the new one is fully serving.",
  true,
  [{ ref: CONCEPTS, read: READ, note: "sections Rolling update and Deployment" }],
);

/** A new version that fails the container's own health check aborts the deployment. */
export const FAILING_HEALTH_CHECK_ABORTS = fact(
  "containers.failing-health-check-aborts-deployment",
  "During a deployment, if a newly created container fails its health check (failure_threshold checks), Scaleway aborts the deployment.",
  true,
  [
    {
      ref: "@scaleway/sdk-container@1.8.0:dist/v1beta1/types.gen.d.ts (ContainerHealthCheckSpec.failureThreshold)",
      read: READ,
      note: "generated from scaleway/scaleway-sdk-js packages_generated/container/src/v1beta1/types.gen.ts",
    },
    {
      ref: CONCEPTS,
      read: READ,
      note: "section Health check: failure threshold defaults to 30, interval 10 s",
    },
  ],
);

/**
 * A custom domain is bound to one container; it cannot be moved, only deleted and created again on
 * another container, and it only becomes `ready` once its DNS record points at that container.
 */
export const DOMAIN_BOUND_TO_ONE_CONTAINER = fact(
  "containers.domain-bound-to-one-container",
  "A custom domain names one container (hostname and container_id are both fixed at creation: the API has no update, the provider forces a replacement), and Scaleway checks through an HTTP-01 challenge that the hostname's CNAME points at that container's endpoint before the domain becomes ready.",
  true,
  [
    {
      ref: "scaleway/terraform-provider-scaleway@2427145:internal/services/container/domain.go",
      read: READ,
      note: "hostname and container_id are ForceNew; no UpdateContext",
    },
    {
      ref: "@scaleway/sdk-container@1.8.0:dist/v1beta1/api.gen.d.ts",
      read: READ,
      note: "createDomain, deleteDomain, no updateDomain",
    },
    {
      ref: CUSTOM_DOMAIN,
      read: READ,
      note: "section Technical details: the challenge fails after 3 minutes and the domain goes to error",
    },
  ],
);

/** Nothing the program can drive splits a service's traffic by weight between two containers. */
export const NO_WEIGHTED_TRAFFIC_SPLIT = fact(
  "containers.no-weighted-traffic-split",
  "Scaleway offers no weighted traffic split between two Serverless Containers that this program could drive: the Containers API has no weight or split field, an Edge Services pipeline has exactly one backend (a bucket or a Load Balancer), and the docs' mention of traffic splitting during a rolling update has no API behind it.",
  true,
  [
    {
      ref: "@scaleway/sdk-container@1.8.0:dist/v1beta1/types.gen.d.ts",
      read: READ,
      note: "Container, Domain: no traffic, split or weight field",
    },
    {
      ref: "scaleway/docs-content@04fac80b:pages/edge-services/concepts.mdx",
      read: READ,
      note: "sections Backend and Pipeline",
    },
    { ref: CONCEPTS, read: READ, note: "section Rolling update, last paragraph" },
  ],
);

export const CONTAINER_ROLLOUT_FACTS = [
  ROLLING_UPDATE,
  FAILING_HEALTH_CHECK_ABORTS,
  DOMAIN_BOUND_TO_ONE_CONTAINER,
  NO_WEIGHTED_TRAFFIC_SPLIT,
] as const;
