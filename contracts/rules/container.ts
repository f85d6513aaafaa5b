// Container deployment rules (container_spec, CONTRACT-RULES.md "Container deployment").
import {
  CONTAINER_CPU_MCPU,
  CONTAINER_MEMORY_MB,
  CONTAINER_PRIVACY,
  EU_REGIONS,
  HEALTH_INTERVAL_SECONDS,
  HEALTH_TIMEOUT_SECONDS,
  MAX_INSTANCES_LIMIT,
  MIN_INSTANCES,
  MUTABLE_IMAGE_TAGS,
  SERVICE_NAMES,
} from "../thresholds";
import { ruleGroup } from "./rule";

export const CONTAINER_RULES = ruleGroup("container", [
  {
    id: "CTR-1",
    title: "Container name is one of the services: documentation, runners, streamlit",
    seed: "`name` is one of the services: documentation, runners, streamlit.",
    decidedBy: ["schema", "stack"],
    thresholds: { services: SERVICE_NAMES },
  },
  {
    id: "CTR-2",
    title: "Image is an EU Scaleway Container Registry image, pinned in production",
    seed: "`image` is a Scaleway Container Registry image: `rg.<region>.scw.cloud/<namespace>/<repo>[:tag][@sha256:<digest>]`, in an EU region. Production images are pinned (a digest, or an immutable tag; never `latest`).",
    preview: true,
    decidedBy: ["schema", "policy"],
    thresholds: { regions: EU_REGIONS, mutableTags: MUTABLE_IMAGE_TAGS },
    stackFile: { container: ["/image"] },
  },
  {
    id: "CTR-3",
    title: "Container environment is staging or production and equals the stack's",
    seed: "`environment` is staging or production, and equals the stack's environment.",
    decidedBy: ["schema", "stack"],
  },
  {
    id: "CTR-4",
    title: "min_instances >= 1 in staging, >= 2 in production, and <= max_instances",
    seed: "`scaling.min_instances` >= 1 in staging, >= 2 in production; `min_instances` <= `max_instances`.",
    preview: true,
    decidedBy: ["schema", "code", "policy"],
    thresholds: { minInstances: MIN_INSTANCES, maxInstances: MAX_INSTANCES_LIMIT },
    stackFile: { container: ["/scaling/min_instances", "/single_instance"] },
  },
  {
    id: "CTR-5",
    title: "Every container has an HTTP health check on an absolute path",
    seed: "`health.path` is set and is an absolute HTTP path; the deployed service must answer it with HTTP 200 (checked by the deployment workflow). Every container has a health check.",
    preview: true,
    decidedBy: ["schema", "policy", "workflow"],
    workflow: [
      {
        module: "cli/deploy/release-validator.ts",
        tests: ["tests/deploy/health-check.test.ts", "tests/deploy/deploy-command.test.ts"],
      },
    ],
    partly:
      "the health check's presence and path are checked here; the HTTP 200 answer is checked by the deployment workflow",
    stackFile: { container: ["/health/path", "/health"] },
  },
  {
    id: "CTR-6",
    title: "Environment variables hold no hardcoded secret",
    seed: "`environment_variables` hold no hardcoded secret: a variable marked `secret` references a declared secret; a plain variable whose name or value looks like a credential is a violation.",
    preview: true,
    decidedBy: ["schema", "code", "stack", "policy"],
    stackFile: { container: ["/environment_variables"] },
  },
  {
    id: "CTR-7",
    title: "CPU (mCPU) and memory (MB) are positive integers Scaleway accepts",
    seed: "`resources.cpu` (mCPU) and `resources.memory` (MB) are positive integers that Scaleway accepts.",
    decidedBy: ["schema", "policy"],
    thresholds: { cpuMcpu: CONTAINER_CPU_MCPU, memoryMb: CONTAINER_MEMORY_MB },
  },
  {
    id: "CTR-8",
    title: "Privacy is public or private; domains are valid DNS names",
    seed: "`networking.privacy` is public or private; `domains` optional, valid DNS names.",
    decidedBy: ["schema"],
    thresholds: { privacy: CONTAINER_PRIVACY },
  },
  {
    id: "CTR-9",
    title: "Health check timeout < interval, both within sane bounds",
    seed: "Health check timing is appropriate: `timeout` < `interval`, both within sane bounds.",
    decidedBy: ["schema", "code"],
    thresholds: { intervalSeconds: HEALTH_INTERVAL_SECONDS, timeoutSeconds: HEALTH_TIMEOUT_SECONDS },
  },
]);
