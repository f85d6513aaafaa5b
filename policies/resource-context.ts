// Reading facts about a resource the same way in every policy: its tags (a string array on most
// Scaleway resources, a key/value map on object.Bucket), its environment (the `env:<name>` tag, else
// the stack in the URN), and whether an input is present without tripping the unknown-value proxy.
// Every accessor takes the input's name as a key of the props' own type, so on props typed by the
// provider SDK (InputsOf/OutputsOf) a misspelt or renamed input does not compile.
import { isEnvironmentName, type EnvironmentName } from "@scaleway-infra/contracts/thresholds";
import type { PolicyResource } from "./policy-types";
import { isKind, type OutputsOf, type ResourceKind } from "./resource-types";
import { UNKNOWN_SENTINELS, proxyTarget } from "./unknown-values";

/** The input names of props of type P. */
export type InputName<P> = Extract<keyof P, string>;

/**
 * The props of a stack policy's resource typed as the outputs of `kind`, or undefined when the
 * resource is of another kind. Still the runtime's proxy: the type says which names exist, not that
 * a value is known or of the declared type.
 */
export function outputsOf<K extends ResourceKind>(
  resource: PolicyResource,
  kind: K,
): OutputsOf<K> | undefined {
  return isKind(resource.type, kind) ? (resource.props as OutputsOf<K>) : undefined;
}

/** The raw value of `obj[key]`, read past the proxy: an unknown comes back as its sentinel, no throw. */
function rawField(obj: object, key: string): unknown {
  return Object.getOwnPropertyDescriptor(obj, key)?.value;
}

/** True when `obj[key]` is a value computed by the engine that preview cannot know yet. */
export function isComputed<P extends object>(obj: P, key: InputName<P>): boolean {
  return UNKNOWN_SENTINELS.has(rawField(obj, key));
}

/** True when the input is set, to a known value or to one computed later (a computed value is set). */
export function isSet<P extends object>(obj: P, key: InputName<P>): boolean {
  const value = rawField(obj, key);
  return value !== undefined && value !== null && value !== "";
}

/** Parts of a URN: `urn:pulumi:<stack>::<project>::<type chain>::<name>`. */
export interface UrnParts {
  stack: string;
  project: string;
  type: string;
  name: string;
}

export function parseUrn(urn: string): UrnParts | undefined {
  const match = /^urn:pulumi:([^:]+)::([^:]+)::(.+)::([^:]*)$/.exec(urn);
  if (!match) return undefined;
  const types = match[3].split("$");
  return { stack: match[1], project: match[2], type: types[types.length - 1], name: match[4] };
}

/** Tags already read, by the plain props object behind the proxy: several policies read them per resource. */
const TAGS_BY_PROPS = new WeakMap<object, string[]>();

/**
 * Tags as `key:value` strings, whether the resource holds a list or a map. Unknown tags (the list, or
 * any one tag) throw the proxy's UnknownValueError, as any read of an unknown value does.
 */
export function tagsOf(props: object): string[] {
  const target = proxyTarget(props);
  const cached = TAGS_BY_PROPS.get(target);
  if (cached) return cached;
  const tags = (props as { tags?: unknown }).tags; // through the proxy: throws when the whole list is unknown
  let result: string[] = [];
  if (Array.isArray(tags)) {
    // Read the plain elements, and go through the proxy only for an unknown one, so that it throws.
    result = (proxyTarget(tags) as unknown[])
      .map((tag, index) => (UNKNOWN_SENTINELS.has(tag) ? tags[index] : tag))
      .filter((tag): tag is string => typeof tag === "string");
  } else if (tags && typeof tags === "object") {
    const entries = Object.entries(proxyTarget(tags) as Record<string, unknown>);
    result = entries.map(([key, value]) => {
      const known = UNKNOWN_SENTINELS.has(value) ? (tags as Record<string, unknown>)[key] : value;
      return `${key}:${String(known)}`;
    });
  }
  TAGS_BY_PROPS.set(target, result);
  return result;
}

/** The value of the first `<key>:<value>` tag, e.g. `tagValue(tags, "env")`. */
export function tagValue(tags: readonly string[], key: string): string | undefined {
  const prefix = `${key}:`;
  const tag = tags.find((t) => t.startsWith(prefix));
  return tag === undefined ? undefined : tag.slice(prefix.length);
}

export interface EnvironmentFacts {
  /** The environment the resource belongs to, when it can be told. */
  environment: EnvironmentName | undefined;
  /** Where it was read: the `env:` tag, the stack name in the URN, or nowhere. */
  from: "tag" | "stack" | "none";
  /** The raw value found, even when it is no environment name. */
  raw?: string;
}

/** The environment of a resource: its `env:<name>` tag, otherwise the stack name in its URN. */
export function environmentOf(urn: string, props: object): EnvironmentFacts {
  const fromTag = tagValue(tagsOf(props), "env");
  if (fromTag !== undefined) {
    return { environment: isEnvironmentName(fromTag) ? fromTag : undefined, from: "tag", raw: fromTag };
  }
  const stack = parseUrn(urn)?.stack;
  if (stack !== undefined) {
    return { environment: isEnvironmentName(stack) ? stack : undefined, from: "stack", raw: stack };
  }
  return { environment: undefined, from: "none" };
}

/**
 * The environment whose thresholds apply. When it cannot be told (a stack named neither staging nor
 * production, no `env:` tag), the strictest one applies: a government environment fails closed.
 */
export function thresholdEnvironment(facts: EnvironmentFacts): EnvironmentName {
  return facts.environment ?? "production";
}

export function describeEnvironment(facts: EnvironmentFacts): string {
  if (facts.environment) {
    return facts.from === "tag" ? `${facts.environment} (env tag)` : `${facts.environment} (stack)`;
  }
  return `unknown (${facts.raw ?? "no env tag"}), so production thresholds apply`;
}

/** `props[key]` read through the proxy (an unknown value throws), for the typed accessors below. */
function read<P extends object>(props: P, key: InputName<P>): unknown {
  return (props as Record<string, unknown>)[key];
}

/** The string at `props[key]` when it is a string, else undefined. Reading an unknown value throws. */
export function stringProp<P extends object>(props: P, key: InputName<P>): string | undefined {
  const value = read(props, key);
  return typeof value === "string" ? value : undefined;
}

export function numberProp<P extends object>(props: P, key: InputName<P>): number | undefined {
  const value = read(props, key);
  return typeof value === "number" ? value : undefined;
}

export function booleanProp<P extends object>(props: P, key: InputName<P>): boolean | undefined {
  const value = read(props, key);
  return typeof value === "boolean" ? value : undefined;
}

/** The object at `props[key]`, typed as the SDK declares it, when it is a (non-array) object. */
export function objectProp<P extends object, K extends InputName<P>>(
  props: P,
  key: K,
): ObjectOf<P[K]> | undefined {
  const value = read(props, key);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as ObjectOf<P[K]>) : undefined;
}

/** The elements of the array at `props[key]` (none when it is no array), typed as the SDK declares them. */
export function arrayProp<P extends object, K extends InputName<P>>(props: P, key: K): ElementOf<P[K]>[] {
  const value = read(props, key);
  return Array.isArray(value) ? (value as ElementOf<P[K]>[]) : [];
}

/** An object input as the SDK declares it; untyped (a plain record) where the props are untyped. */
type ObjectOf<T> = unknown extends T ? Record<string, unknown> : NonNullable<T> & object;

/**
 * An element of an array input as the SDK declares it, each field optional (a state export or a
 * hand-written value may lack one); unknown where the props are untyped, so it is checked before use.
 */
type ElementOf<T> = unknown extends T
  ? unknown
  : NonNullable<T> extends readonly (infer E)[]
    ? E extends object
      ? Partial<E>
      : E | undefined
    : unknown;
