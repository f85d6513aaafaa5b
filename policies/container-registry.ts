// Container Registry policies (SECU-2) on registry namespaces, under both type tokens. Input names are
// those of NamespaceArgs in @pulumiverse/scaleway/registry/namespace.d.ts: isPublic.
import { resourcePolicy, type ContractResourcePolicy } from "./metadata";
import { booleanProp } from "./resource-context";

export const registryNamespacePrivate: ContractResourcePolicy = resourcePolicy({
  name: "registry-namespace-private",
  description:
    "No Container Registry namespace is public: anyone on the Internet could pull its images (restricted network access, SECU-2).",
  ruleIds: ["SECU-2"],
  severity: "high",
  remediationSteps:
    "Set `isPublic: false` on the registry namespace and give the containers that pull from it a registry token instead.",
  kinds: ["registryNamespace"],
  validate: (props, _args, report) => {
    // Read through the proxy: an `isPublic` computed at preview leaves the rule undecided.
    if (booleanProp(props, "isPublic") === true) {
      report(
        "`isPublic` is true: anyone can pull the namespace's images without credentials; set `isPublic: false`.",
      );
    }
  },
});

export const containerRegistryPolicies: readonly ContractResourcePolicy[] = [registryNamespacePrivate];
