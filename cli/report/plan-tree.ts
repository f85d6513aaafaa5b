// Renders planned resources as a tree (parent -> children), the way `pulumi preview` lists them, so a
// reader sees what the program would create before reading the compliance report.
import type { PlannedResource } from "../plan/model";
import { shortType } from "./present";

export interface TreeStyle {
  /** Dims secondary text (types, counts) on a colour terminal; identity otherwise. */
  dim: (text: string) => string;
}

const PLAIN: TreeStyle = { dim: (text) => text };

/** Deeper levels are summarised in one line (Pulumi trees are a few levels deep). */
const MAX_TREE_DEPTH = 32;

export function renderPlanTree(resources: readonly PlannedResource[], style: TreeStyle = PLAIN): string {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const children = new Map<string, PlannedResource[]>();
  const roots: PlannedResource[] = [];
  for (const resource of resources) {
    if (resource.parent && byUrn.has(resource.parent)) {
      const list = children.get(resource.parent) ?? [];
      list.push(resource);
      children.set(resource.parent, list);
    } else {
      roots.push(resource);
    }
  }
  const lines: string[] = [];
  const label = (r: PlannedResource): string => {
    const secrets = r.secretPaths.length > 0 ? style.dim(` (${r.secretPaths.length} secret)`) : "";
    return `${style.dim(shortType(r.type))}  ${r.name}${secrets}`;
  };
  const visit = (
    resource: PlannedResource,
    prefix: string,
    last: boolean,
    root: boolean,
    depth: number,
  ): void => {
    lines.push(root ? label(resource) : `${prefix}${last ? "└─ " : "├─ "}${label(resource)}`);
    const kids = sortedChildren(children.get(resource.urn) ?? []);
    const nextPrefix = root ? "" : `${prefix}${last ? "   " : "│  "}`;
    // A hand-edited state file may chain parents thousands deep: stop before the stack does.
    if (depth >= MAX_TREE_DEPTH && kids.length > 0) {
      lines.push(`${nextPrefix}└─ ${style.dim("… deeper resources not shown")}`);
      return;
    }
    kids.forEach((kid, index) => visit(kid, nextPrefix, index === kids.length - 1, false, depth + 1));
  };
  for (const root of sortedChildren(roots)) visit(root, "", true, true, 0);
  return lines.join("\n");
}

/** Components before plain resources, then by type and name, so the tree reads the same every run. */
function sortedChildren(resources: PlannedResource[]): PlannedResource[] {
  return [...resources].sort(
    (a, b) =>
      Number(a.custom) - Number(b.custom) || a.type.localeCompare(b.type) || a.name.localeCompare(b.name),
  );
}
