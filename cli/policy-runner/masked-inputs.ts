// Inputs a scanned file holds only as secrets it cannot read: `[secret]` in a `pulumi preview --json`,
// ciphertext in a `pulumi stack export`. The engine's analyzer sees their values; a scan does not. A
// policy that reads such an input and then finds nothing has decided nothing, so the runner must
// report it indeterminate, never pass. This module wraps a resource's props so that every read of a
// masked input (a property read, or a descriptor read as `isComputed` does) is recorded against the
// resource, for the policy running at that moment.
import { UNKNOWN, type PlannedResource } from "../plan/model";
import { childPath, valueAtPath } from "../plan/property-values";

/** The secret paths of a resource whose value is not in the scanned file. */
export function maskedPaths(resource: PlannedResource): Set<string> {
  return new Set(resource.secretPaths.filter((path) => valueAtPath(resource.props, path) === UNKNOWN));
}

/** Collects, while one policy runs, the resources whose masked inputs it read, with the paths read. */
export class MaskedReads {
  private current: Map<PlannedResource, Set<string>> | undefined;

  /** Starts recording for a policy; returns what it read once `stop` is called. */
  start(): void {
    this.current = new Map();
  }

  stop(): Map<PlannedResource, Set<string>> {
    const reads = this.current ?? new Map<PlannedResource, Set<string>>();
    this.current = undefined;
    return reads;
  }

  record(resource: PlannedResource, path: string): void {
    if (!this.current) return;
    const paths = this.current.get(resource) ?? new Set<string>();
    paths.add(path);
    this.current.set(resource, paths);
  }

  /**
   * `props` (wire form) behind a proxy that records reads of the masked paths and of anything inside
   * them. Resources without masked inputs get their props back unchanged (no cost on a plan).
   */
  track(resource: PlannedResource, props: Record<string, unknown>): Record<string, unknown> {
    const masked = maskedPaths(resource);
    if (masked.size === 0) return props;
    const touches = (path: string) => masked.has(path);
    const wrap = <T extends object>(target: T, path: string): T =>
      new Proxy(target, {
        get: (obj, key, receiver) => {
          const value = Reflect.get(obj, key, receiver) as unknown;
          if (typeof key !== "string") return value;
          const child = childPath(path, Array.isArray(obj) && /^\d+$/.test(key) ? Number(key) : key);
          if (touches(child)) this.record(resource, child);
          return value !== null && typeof value === "object" ? wrap(value, child) : value;
        },
        getOwnPropertyDescriptor: (obj, key) => {
          if (typeof key === "string") {
            const child = childPath(path, Array.isArray(obj) && /^\d+$/.test(key) ? Number(key) : key);
            if (touches(child)) this.record(resource, child);
          }
          return Reflect.getOwnPropertyDescriptor(obj, key);
        },
      });
    return wrap(props, "");
  }
}
