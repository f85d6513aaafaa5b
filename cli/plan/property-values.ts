// Decodes resource properties in Pulumi's wire encoding (what the SDK sends to the resource monitor,
// and what `pulumi stack export` writes) into plain JSON for the policy runner: secrets are unwrapped
// and their exact paths recorded, unknowns become the UNKNOWN marker, resource references become
// their URN (or ID). The signatures are Pulumi's protocol constants (sdk/nodejs/runtime/rpc.ts);
// tests/plan/property-values.test.ts checks them against the installed SDK.
import { UNKNOWN } from "./model";

export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_REFERENCE_SIGNATURE = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIGNATURE = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const ASSET_SIGNATURE = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIGNATURE = "0def7320c3a5731c473e5ecbe6d01bc7";
/** The value the SDK and engine send for a property that is not known yet. */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface DecodedProperties {
  props: Record<string, unknown>;
  /** Paths like `secretEnvironmentVariables.DATABASE_URL` or `privateNetwork[0].ipNet`. */
  secretPaths: string[];
}

/** Joins a path: keys that are identifiers with dots, everything else as ["key"], indexes as [i]. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return parent === "" ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Decodes one wire-encoded object of properties. A secret whose value is itself unknown stays
 * UNKNOWN (and secret). Ciphertext secrets of a state export, which cannot be read, become UNKNOWN.
 */
export function decodeProperties(raw: Record<string, unknown>): DecodedProperties {
  const secretPaths: string[] = [];
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    props[key] = decodeValue(value, childPath("", key), secretPaths);
  }
  return { props, secretPaths: [...new Set(secretPaths)] };
}

function decodeValue(value: unknown, path: string, secretPaths: string[]): unknown {
  if (value === UNKNOWN_SENTINEL) return UNKNOWN;
  if (Array.isArray(value))
    return value.map((item, index) => decodeValue(item, childPath(path, index), secretPaths));
  if (!isObject(value)) return value;
  const signature = value[SIGNATURE_KEY];
  switch (signature) {
    case SECRET_SIGNATURE: {
      secretPaths.push(path);
      if ("value" in value) return decodeValue(value.value, path, secretPaths);
      if ("plaintext" in value && typeof value.plaintext === "string")
        return decodePlaintext(value.plaintext, path, secretPaths);
      return UNKNOWN;
    }
    case RESOURCE_REFERENCE_SIGNATURE: {
      const id = value.id;
      if (typeof id === "string" && id !== "") return id === UNKNOWN_SENTINEL ? UNKNOWN : id;
      return typeof value.urn === "string" ? value.urn : UNKNOWN;
    }
    case OUTPUT_VALUE_SIGNATURE: {
      if (value.secret === true) secretPaths.push(path);
      return "value" in value ? decodeValue(value.value, path, secretPaths) : UNKNOWN;
    }
    case ASSET_SIGNATURE:
    case ARCHIVE_SIGNATURE:
      return { ...value };
    default: {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        if (item === undefined) continue;
        out[key] = decodeValue(item, childPath(path, key), secretPaths);
      }
      return out;
    }
  }
}

/** A state export's `plaintext` is the JSON encoding of the secret's value. */
function decodePlaintext(plaintext: string, path: string, secretPaths: string[]): unknown {
  try {
    return decodeValue(JSON.parse(plaintext) as unknown, path, secretPaths);
  } catch {
    return plaintext;
  }
}

/** Reads a value at a path produced by childPath (used by reports and tests). */
export function valueAtPath(props: Record<string, unknown>, path: string): unknown {
  const tokens = path.match(/\[(?:\d+|"(?:[^"\\]|\\.)*")\]|[^.[\]]+/g) ?? [];
  let current: unknown = props;
  for (const token of tokens) {
    const key = token.startsWith("[") ? (JSON.parse(token.slice(1, -1)) as string | number) : token;
    if (Array.isArray(current) && typeof key === "number") current = current[key];
    else if (isObject(current)) current = current[String(key)];
    else return undefined;
  }
  return current;
}
