// @pulumi/policy's unknown-value machinery: the proxy the engine puts around resource props, the error
// it throws when a policy reads a value preview cannot know, and the sentinels that stand for those
// values. They are marked @internal, so their declarations are stripped from proxy.d.ts; this module
// gives them a type, once, for the policies and for cli/policy-runner/runner.ts.
import * as proxyModule from "@pulumi/policy/proxy";

export interface UnknownValueErrorInstance extends Error {
  /** Property path of the unknown value, e.g. ["livenessProbe", "http", "path"]. */
  props: PropertyKey[];
}

interface PolicyProxyInternals {
  unknownCheckingProxy<T extends object>(props: T): T;
  /** Property name that makes the proxy hand back the object it wraps. */
  getSpecialProxyTarget: string;
  UnknownValueError: abstract new (...args: never[]) => UnknownValueErrorInstance;
  unknownBooleanValue: string;
  unknownNumberValue: string;
  unknownStringValue: string;
  unknownArrayValue: string;
  unknownAssetValue: string;
  unknownArchiveValue: string;
  unknownObjectValue: string;
}

const internals = proxyModule as unknown as PolicyProxyInternals;

export const unknownCheckingProxy: PolicyProxyInternals["unknownCheckingProxy"] =
  internals.unknownCheckingProxy;

/** The plain object behind a props proxy (or the value itself when it is no proxy). */
export function proxyTarget<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  const target = (value as Record<string, unknown>)[internals.getSpecialProxyTarget];
  return target === undefined ? value : (target as T);
}

export function isUnknownValueError(error: unknown): error is UnknownValueErrorInstance {
  return error instanceof internals.UnknownValueError;
}

/** The sentinel of an unknown string; the runner uses it for every unknown (any sentinel is "unknown"). */
export const UNKNOWN_STRING_SENTINEL: string = internals.unknownStringValue;

export const UNKNOWN_SENTINELS: ReadonlySet<unknown> = new Set([
  internals.unknownBooleanValue,
  internals.unknownNumberValue,
  internals.unknownStringValue,
  internals.unknownArrayValue,
  internals.unknownAssetValue,
  internals.unknownArchiveValue,
  internals.unknownObjectValue,
]);

/**
 * Stops a policy the way an unknown value does: the engine reports "can't run policy ... during
 * preview" (advisory), the offline runner an indeterminate finding. For a value the policy needs but
 * cannot see at all (a location that comes from a provider configuration outside the stack), which
 * must not end as a pass or as not applicable. `path` is the property the policy needed.
 */
export function cannotSee(path: string[], why: string): never {
  const UnknownValueError = internals.UnknownValueError as unknown as new (
    sentinel: string,
    props: PropertyKey[],
  ) => UnknownValueErrorInstance;
  const error = new UnknownValueError(internals.unknownStringValue, path);
  error.message = why;
  throw error;
}
