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

/**
 * Deeper than this, a subtree is flattened under its node: Pulumi trees are a few levels deep, and a
 * hand-edited state file with a parent chain thousands long must neither overflow the stack nor make
 * an unreadable page. The most levels the tree has, roots included.
 */
export const MAX_TREE_DEPTH = 32;

/**
 * The forest of resources, in time linear in their number; a resource whose parent is unknown, or
 * that sits on a parent cycle (a hand-edited state file), becomes a root.
 */
export function buildResourceTree(
  resources: readonly PlannedResource[],
  findings: readonly Finding[],
): ResourceNode[] {
  const nodes: ResourceNode[] = resources.map((resource, index) => ({
    resource,
    index,
    findings: [],
    children: [],
    worst: "clean",
  }));
  const byUrn = new Map(nodes.map((node) => [node.resource.urn, node]));
  for (const finding of findings) {
    if (finding.enforcementLevel === "disabled" || !finding.urn) continue;
    byUrn.get(finding.urn)?.findings.push(finding);
  }
  const parentOf = new Map<ResourceNode, ResourceNode>();
  const roots: ResourceNode[] = [];
  for (const node of nodes) {
    const parent = node.resource.parent ? byUrn.get(node.resource.parent) : undefined;
    if (parent && parent !== node) {
      parent.children.push(node);
      parentOf.set(node, parent);
    } else {
      roots.push(node);
    }
  }
  const visited = new Set<ResourceNode>();
  const walk = (root: ResourceNode): void => {
    const queue: Array<[ResourceNode, number]> = [[root, 0]];
    for (let at = 0; at < queue.length; at++) {
      const [node, depth] = queue[at];
      visited.add(node);
      // Its flattened descendants sit one level below it, the last level allowed.
      if (depth === MAX_TREE_DEPTH - 2) node.children = flattenedDescendants(node, visited);
      else for (const child of node.children) queue.push([child, depth + 1]);
    }
  };
  roots.forEach(walk);
  // What no root reaches hangs on a parent cycle: cut each cycle at one node, which becomes a root.
  for (const node of nodes) {
    if (visited.has(node)) continue;
    const parent = parentOf.get(node);
    if (parent) parent.children = parent.children.filter((child) => child !== node);
    roots.push(node);
    walk(node);
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

/** Every descendant of `node` as a flat list (each left without children), marked visited. */
function flattenedDescendants(node: ResourceNode, visited: Set<ResourceNode>): ResourceNode[] {
  const flat: ResourceNode[] = [];
  const stack = [...node.children];
  while (stack.length > 0) {
    const next = stack.pop() as ResourceNode;
    if (visited.has(next)) continue;
    visited.add(next);
    stack.push(...next.children);
    next.children = [];
    flat.push(next);
  }
  return flat;
}
