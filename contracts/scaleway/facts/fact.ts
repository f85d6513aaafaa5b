// What Scaleway accepts, as opposed to what the contracts demand (contracts/detectors): every value the
// program sends to Scaleway that Scaleway constrains (units, ranges, pairs, enums, ports, node
// types, metric names an alert reads, token scopes) is a fact with the source it was read from.
// One file per Scaleway product beside this one; each exports its facts built with `fact()`.

/** Where a fact was read: a `scaleway/docs-content` page or a repository file at a commit. */
export interface FactSource {
  /** A docs URL, or `owner/repo@<commit>:<path>` (a short commit is fine). */
  readonly ref: string;
  /** The date the source was read, `YYYY-MM-DD`. */
  readonly read: string;
  /** What the source says, in a few words, when the ref alone does not make it plain. */
  readonly note?: string;
}

export interface ScalewayFact<T> {
  /** Stable ID, `<product>.<what>` (`containers.memory-unit`); reports and errors name it. */
  readonly id: string;
  /** One sentence a user can read in an error: what Scaleway accepts. */
  readonly statement: string;
  readonly value: T;
  readonly sources: readonly FactSource[];
}

export function fact<T>(
  id: string,
  statement: string,
  value: T,
  sources: readonly FactSource[],
): ScalewayFact<T> {
  if (sources.length === 0) throw new Error(`Scaleway fact ${id} has no source`);
  return Object.freeze({ id, statement, value, sources: Object.freeze([...sources]) });
}

/** `containers.memory-unit (source: <ref>)`, the way errors and reports cite a fact. */
export function citeFact(f: ScalewayFact<unknown>): string {
  return `${f.id} (source: ${f.sources.map((s) => s.ref).join("; ")})`;
}
