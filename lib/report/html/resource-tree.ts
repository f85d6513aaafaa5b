// The resources of a report as the tree the program builds (stack, environment, components, Scaleway
// resources, by each resource's `parent`), each node with its own findings and the worst status of
// its subtree, so the HTML report can colour a component red when anything under it fails.
import type { Finding, FindingStatus, PlannedResource } from "../../plan/model";

/** Worst first; `clean` is a node with no finding in its subtree. */
export const NODE_STATUSES_WORST_FIRST = ["fail", "indeterminate", "waived", "clean"] as const;
export type NodeStatus = (typeof NODE_STATUSES_WORST_FIRST)[number];

export interface ResourceNode {
  resource: PlannedResource;
  /** Position in the report's resource list: a stable id for the page. */
  index: number;
  findings: Finding[];
  children: ResourceNode[];
  /** The worst status among the findings of this node and every node under it. */
  worst: NodeStatus;
}

function worstOf(statuses: Iterable<NodeStatus | FindingStatus>): NodeStatus {
  const seen = new Set(statuses);
  return NODE_STATUSES_WORST_FIRST.find((status) => seen.has(status)) ?? "clean";
}

/** Components before plain resources, then by type and name, as the text report's tree. */
function byKindTypeName(a: ResourceNode, b: ResourceNode): number {
  return (
    Number(a.resource.custom) - Number(b.resource.custom) ||
    a.resource.type.localeCompare(b.resource.type) ||
    a.resource.name.localeCompare(b.resource.name)
  );
}

/** The forest of resources; a resource whose parent is unknown (or that would close a cycle) is a root. */
export function buildResourceTree(
  resources: readonly PlannedResource[],
  findings: readonly Finding[],
): ResourceNode[] {
  const nodes = resources.map((resource, index) => ({
    resource,
    index,
    findings: [] as Finding[],
    children: [] as ResourceNode[],
    worst: "clean" as NodeStatus,
  }));
  const byUrn = new Map(nodes.map((node) => [node.resource.urn, node]));
  for (const finding of findings) {
    if (finding.enforcementLevel === "disabled" || !finding.urn) continue;
    byUrn.get(finding.urn)?.findings.push(finding);
  }
  const roots: ResourceNode[] = [];
  for (const node of nodes) {
    const parent = node.resource.parent ? byUrn.get(node.resource.parent) : undefined;
    if (parent && parent !== node && !isAncestor(node, parent, byUrn)) parent.children.push(node);
    else roots.push(node);
  }
  const settle = (node: ResourceNode): NodeStatus => {
    node.children.sort(byKindTypeName);
    const below = node.children.map(settle);
    node.worst = worstOf([...node.findings.map((f) => f.status), ...below]);
    return node.worst;
  };
  roots.sort(byKindTypeName).forEach(settle);
  return roots;
}

/** True when `node` is above `candidate` already (a parent cycle in a hand-edited state file). */
function isAncestor(
  node: ResourceNode,
  candidate: ResourceNode,
  byUrn: ReadonlyMap<string, ResourceNode>,
): boolean {
  const seen = new Set<ResourceNode>();
  for (let current: ResourceNode | undefined = candidate; current;) {
    if (current === node) return true;
    if (seen.has(current)) return true;
    seen.add(current);
    current = current.resource.parent ? byUrn.get(current.resource.parent) : undefined;
  }
  return false;
}
