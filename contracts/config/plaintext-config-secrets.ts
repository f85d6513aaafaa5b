// Finds plaintext credentials anywhere in a stack's configuration (SEC-3, issue 11 §2): under the
// provider keys (`scaleway:secret_key`, `aws:secretKey`), under any application key, in nested
// objects and lists. A value is judged by the name that holds it (the nearest map key, else the
// config key's name after its namespace; in a name/value pair, the pair's name) and by its own
// format, with the same credential detector as CTR-6. A `secure:` leaf is never looked at. What it
// returns names the place, never the value.
import { HIDDEN_NAME, isShowableName, shownName } from "../documents/shown-name";
import { pointerOf } from "../documents/json-pointer";
import { detectCredential, detectCredentialFormat } from "../detectors/credentials";

/** A plaintext credential found in the config: where it sits and what it looks like. */
export interface PlaintextConfigCredential {
  /** JSON pointer inside the config key's value (`/db/password`, `` for the key itself). */
  pointer: string;
  /** Machine-readable kind from the detector (`credential-name-literal`, `aws-access-key`, ...). */
  kind: string;
  /** The detector's sentence; it never contains the value. */
  reason: string;
}

export interface ConfigWalkOptions {
  /** Pointers (relative to the key's value) of `secure:` leaves: never judged. */
  securePointers?: ReadonlySet<string>;
  /** Pointers (relative to the key's value) whose subtrees another check already judges. */
  skip?: (pointer: string) => boolean;
}

/** `aws:secretKey` -> `secretKey`; `scaleway-infra:database` -> `database`. */
export function configKeyName(configKey: string): string {
  const colon = configKey.indexOf(":");
  return colon >= 0 ? configKey.slice(colon + 1) : configKey;
}

/**
 * Name/value pairs: `{name: DB_PASSWORD, value: ...}` (ECS and Kubernetes env lists, Helm `set`),
 * `{key: api_token, value: ...}`, `{Name, Value}` (SSM), `{ParameterKey, ParameterValue}`
 * (CloudFormation). The credential's name is the sibling field's value, not `value`. Field names are
 * compared in lower case without `_` and `-`.
 */
const PAIR_NAME_FIELDS: ReadonlySet<string> = new Set([
  "name",
  "key",
  "parameterkey",
  "parametername",
  "variable",
  "variablename",
  "varname",
  "envname",
  "settingname",
  "optionname",
]);
/**
 * Fields that hold the value of a pair, or of the key above them (`password: {value: ...}`): a value
 * under one of these is judged by that name, not by the field's own (which says nothing).
 */
const PAIR_VALUE_FIELDS: ReadonlySet<string> = new Set([
  "value",
  "val",
  "parametervalue",
  "variablevalue",
  "settingvalue",
  "optionvalue",
  "defaultvalue",
  "default",
  "data",
]);

function fieldWord(field: string): string {
  return field.toLowerCase().replace(/[_-]/g, "");
}

/** The name a pair gives its value: the string of its name field, when it has exactly one. */
function pairNameOf(node: Record<string, unknown>): string | undefined {
  const names = Object.entries(node).filter(
    ([field, value]) => PAIR_NAME_FIELDS.has(fieldWord(field)) && typeof value === "string",
  );
  return names.length === 1 ? (names[0][1] as string) : undefined;
}

/** Values deeper than this are not walked (stack files are refused far earlier, at 64 levels). */
const MAX_WALK_DEPTH = 128;

/**
 * Every plaintext credential inside one config key's value. Strings and finite numbers are judged
 * (`password: 123456789012` in YAML is a number); booleans and null never hold a credential.
 */
export function plaintextCredentialsInConfigValue(
  configKey: string,
  value: unknown,
  options: ConfigWalkOptions = {},
): PlaintextConfigCredential[] {
  const found: PlaintextConfigCredential[] = [];
  const secure = options.securePointers ?? new Set<string>();
  const walk = (node: unknown, pointer: string, name: string, depth: number): void => {
    if (depth > MAX_WALK_DEPTH || secure.has(pointer) || options.skip?.(pointer)) return;
    if (typeof node === "string" || (typeof node === "number" && Number.isFinite(node))) {
      const match = detectCredential(name, String(node));
      if (match) found.push({ pointer, kind: match.kind, reason: match.reason });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, `${pointer}/${index}`, name, depth + 1));
      return;
    }
    if (typeof node === "object" && node !== null) {
      const pairName = pairNameOf(node as Record<string, unknown>);
      for (const [key, item] of Object.entries(node)) {
        // A token used as a map key is in clear too; it is reported at the map, since a pointer to
        // the key would spell the token out.
        const keyMatch = detectCredentialFormat(key);
        if (keyMatch) {
          found.push({
            pointer,
            kind: keyMatch.kind,
            reason: `a key of this map ${keyMatch.reason.replace(/^the value /, "")}`,
          });
          continue;
        }
        // A pair's value goes by the pair's name, a bare `value:` by the key above it.
        const holder = PAIR_VALUE_FIELDS.has(fieldWord(key)) ? (pairName ?? name) : key;
        walk(item, `${pointer}${pointerOf([key])}`, holder, depth + 1);
      }
    }
  };
  walk(value, "", configKeyName(configKey), 0);
  return found;
}

/** The fix for a plaintext credential at `pointer` of `configKey`, as a `pulumi config` command. */
export function secureConfigFix(configKey: string, pointer: string): string {
  const path = `${shownName(configKey)}${pointer === "" ? "" : pulumiPathOf(pointer)}`;
  const flags = pointer === "" ? "--secret" : "--secret --path";
  return `Make it a Pulumi secret: pulumi config set ${flags} '${path}' <value> (it is then stored as secure:), and rotate the exposed credential.`;
}

/** `/db/0/password` -> `.db[0].password`, the path syntax of `pulumi config set --path`. */
function pulumiPathOf(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) =>
      /^\d+$/.test(segment)
        ? `[${segment}]`
        : !isShowableName(segment)
          ? `[${HIDDEN_NAME}]`
          : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)
            ? `.${segment}`
            : `[${JSON.stringify(segment)}]`,
    )
    .join("");
}
