// Secret policies (SEC-3, SECU-1) on Secret Manager versions and on every resource that could leak a
// secret's payload. Input names are those of VersionArgs in @pulumiverse/scaleway/secrets/version.d.ts:
// data, dataWo (write-only: never stored in state), secretId.
//
// Under the engine, a policy receives secrets already unwrapped, so "is this a Pulumi secret?" cannot
// be asked of one resource (and the contract's base64 form is decoded by the secrets component before
// it becomes the version's payload). What can be checked on the resources is that every version has
// a payload, and that no payload appears in clear in any other resource's plain inputs (an
// environment variable, a tag, a description): that is where a plaintext secret leaks to state.
import { resourcePolicy, stackPolicy, type ContractPolicy, type ContractResourcePolicy } from "./metadata";
import type { PolicyResource } from "./policy-types";
import { isComputed, isSet, objectProp, outputsOf, type InputName } from "./resource-context";
import { kindOf, type InputsOf, type OutputsOf, type ResourceKind } from "./resource-types";
import { UNKNOWN_SENTINELS, cannotSee, proxyTarget } from "./unknown-values";

export const secretVersionHasPayload: ContractResourcePolicy = resourcePolicy({
  name: "secret-version-has-payload",
  description: "Every Secret Manager version carries a payload, set from a Pulumi secret.",
  ruleIds: ["SEC-3"],
  severity: "medium",
  remediationSteps:
    "Set the version's `data` (or write-only `dataWo`) from a Pulumi secret (`config.requireSecret(...)`, set with `pulumi config set --secret`), or from another resource's output.",
  kinds: ["secretVersion"],
  validate: (props, _args, report) => {
    // Presence is what this rule needs, and presence is known at preview: a payload wired to another
    // resource's output (a derived database_url) is set, even while its value is not known yet.
    if (!isSet(props, "data") && !isSet(props, "dataWo")) {
      report(
        "the secret version has no payload; set `data` (or the write-only `dataWo`) from a Pulumi secret.",
      );
    }
  },
});

/**
 * Inputs the Scaleway SDK always makes Pulumi secrets (its `additionalSecretOutputs`), by resource
 * kind. Their write-only twins (`dataWo`, `passwordWo`) are never stored, so they are not listed.
 */
const SECRET_INPUTS: { readonly [K in ResourceKind]?: readonly InputName<InputsOf<K>>[] } = {
  secretVersion: ["data"],
  databaseInstance: ["password"],
  databaseUser: ["password"],
  container: ["secretEnvironmentVariables"],
};

/** True when `key` (or, for a map, each of its entries) is declared a secret. */
function storedAsSecret(key: string, value: unknown, secretOutputs: readonly string[]): boolean {
  if (secretOutputs.includes(key)) return true;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const entries = Object.keys(value);
  return entries.length > 0 && entries.every((entry) => secretOutputs.includes(`${key}.${entry}`));
}

/**
 * A secret version's `data`, a database password and a container's secret variables are kept in
 * state; unless they are Pulumi secrets they are kept there in clear (issue 11 §8). Whether they are
 * is told by the resource options' `additionalSecretOutputs`: the Scaleway SDK lists these inputs
 * there for every resource it creates, the engine passes the options to the pack, and `scw-infra
 * scan`/`plan` list there the properties a state export or preview stores as secrets. So a
 * hand-written resource, or a state holding one of them as a plain value, is caught. (A hand-written
 * CustomResource given `pulumi.secret(...)` without that option is reported too: the engine hands
 * policies secrets unwrapped, so the option is the only sign the pack can read.)
 */
export const secretInputsStoredAsSecrets: ContractResourcePolicy = resourcePolicy({
  name: "secret-inputs-stored-as-secrets",
  description:
    "A secret version's payload, a database password and a container's secret variables are Pulumi secrets, never kept in clear in state.",
  ruleIds: ["SEC-3"],
  severity: "critical",
  remediationSteps:
    "Create the resource with the Scaleway SDK from a Pulumi secret (`pulumi.secret(...)`, or `pulumi config set --secret`), or use the write-only input (`dataWo`, `passwordWo`), which is never stored; then rotate the value, which the state held in clear.",
  kinds: ["secretVersion", "databaseInstance", "databaseUser", "container"],
  validate: (props, args, report) => {
    const kind = kindOf(args.type);
    const secretOutputs = args.opts.additionalSecretOutputs;
    const keys: readonly string[] = (kind && SECRET_INPUTS[kind]) ?? [];
    for (const key of keys) {
      // Declared secret: the engine stores whatever value it gets as a secret, known or not yet.
      if (secretOutputs.includes(key)) continue;
      // Read through the proxy: a value computed at preview leaves the rule undecided, never passed.
      const value: unknown = (props as Record<string, unknown>)[key];
      if (value === undefined || value === null || value === "") continue;
      if (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0) continue;
      if (storedAsSecret(key, value, secretOutputs)) continue;
      report(
        `\`${key}\` of ${args.name} is not a Pulumi secret (a literal in the program, or a plain value), so it is kept in clear; make it a Pulumi secret${key === "data" || key === "password" ? ` (or use \`${key}Wo\`)` : ""} and rotate it.`,
      );
    }
  },
});

/**
 * Inputs that are meant to carry secret material; a payload found there is where it belongs. The
 * reports never print their values either (cli/report/secret-values.ts).
 */
export const SECRET_SINKS: Readonly<Record<string, readonly string[]>> = {
  secretVersion: ["data", "dataWo"],
  container: ["secretEnvironmentVariables"],
  databaseInstance: ["password", "passwordWo"],
  databaseUser: ["password", "passwordWo"],
};

/**
 * Known string leaves of `value` that equal one of `needles`, as dotted paths. It walks the plain
 * object behind the proxy and skips unknown values: a computed value is not a literal, and reading it
 * through the proxy would stop the whole check at preview (and cost a proxy per node on big stacks).
 */
function findPayloads(value: unknown, needles: ReadonlySet<string>, path: string, found: string[]): void {
  if (typeof value === "string") {
    if (needles.has(value) && !UNKNOWN_SENTINELS.has(value)) found.push(path);
    return;
  }
  if (!value || typeof value !== "object") return;
  for (const [key, field] of Object.entries(value)) {
    findPayloads(field, needles, path ? `${path}.${key}` : key, found);
  }
}

/** The payload inputs of a secret version (VersionArgs): `data`, and the write-only `dataWo`. */
const PAYLOAD_INPUTS: readonly InputName<OutputsOf<"secretVersion">>[] = ["data", "dataWo"];

/** The stack's secret versions, their props typed by the SDK's VersionState. */
function secretVersions(
  resources: readonly PolicyResource[],
): [PolicyResource, OutputsOf<"secretVersion">][] {
  return resources.flatMap((r) => {
    const props = outputsOf(r, "secretVersion");
    return props ? [[r, props] as [PolicyResource, OutputsOf<"secretVersion">]] : [];
  });
}

/** Payloads long enough that finding one elsewhere is not a coincidence. */
const MIN_PAYLOAD_LENGTH = 8;

export const secretValuesNotExposed = stackPolicy({
  name: "secret-values-not-exposed",
  description: "No secret payload appears in clear in another resource's plain inputs.",
  ruleIds: ["SEC-3", "SECU-1"],
  severity: "critical",
  remediationSteps:
    "Reference the secret instead of copying its value: pass it to containers through `secretEnvironmentVariables`, never through `environmentVariables`, tags or descriptions; then rotate the exposed value.",
  validate: (args, report) => {
    const versions = secretVersions(args.resources);
    if (versions.length === 0) args.notApplicable("The stack has no secret version");
    const payloads = new Set<string>();
    for (const [, version] of versions) {
      for (const field of PAYLOAD_INPUTS) {
        if (isComputed(version, field)) continue;
        const payload = version[field];
        if (typeof payload === "string" && payload.length >= MIN_PAYLOAD_LENGTH) payloads.add(payload);
      }
    }
    if (payloads.size === 0) return;
    for (const resource of args.resources) {
      const sinks = SECRET_SINKS[kindOf(resource.type) ?? ""] ?? [];
      const found: string[] = [];
      for (const [key, field] of Object.entries(proxyTarget(resource.props))) {
        if (!sinks.includes(key)) findPayloads(field, payloads, key, found);
      }
      for (const path of found) reportLeak(resource, path, report);
    }
  },
});

function reportLeak(
  resource: PolicyResource,
  path: string,
  report: (message: string, urn?: string) => void,
): void {
  report(
    `${resource.name} carries a secret payload in clear at \`${path}\`; reference the secret instead (secretEnvironmentVariables for a container) and rotate it.`,
    resource.urn,
  );
}

/** Known payloads of the stack's secret versions, and whether some payload is computed at preview. */
function declaredPayloads(resources: readonly PolicyResource[]): {
  known: Set<string>;
  computed: OutputsOf<"secretVersion">[];
} {
  const known = new Set<string>();
  const computed: OutputsOf<"secretVersion">[] = [];
  for (const [, version] of secretVersions(resources)) {
    for (const field of PAYLOAD_INPUTS) {
      const payload = isComputed(version, field) ? undefined : version[field];
      if (isComputed(version, field)) computed.push(version);
      else if (typeof payload === "string") known.add(payload);
    }
  }
  return { known, computed };
}

/** Reads a version's payload through the proxy, which throws UnknownValueError when it is computed. */
function readPayload(version: OutputsOf<"secretVersion">): unknown[] {
  return [version.data, version.dataWo];
}

/** How a secret environment variable's value is known to be no literal typed into the program. */
type SecretVariableVerdict = "reference" | "declared" | "pulumi-secret" | "undecided" | "literal";

/**
 * Judges one entry of a container's `secretEnvironmentVariables`. A value computed from another
 * resource is a reference; one equal to a Secret Manager version's payload is a declared secret; one
 * its producer marks secret by itself (`secretEnvironmentVariables.<NAME>` among the options'
 * additionalSecretOutputs: what `scw-infra plan` sees of a `config.requireSecret()` value) is a Pulumi
 * secret. When only the whole map is marked (the Scaleway SDK marks it for every container, and the
 * engine hands policies secrets unwrapped), a Pulumi secret and a literal look alike: undecided.
 * A value marked by nothing is a literal.
 */
function judgeSecretVariable(
  container: PolicyResource,
  variables: Record<string, unknown>,
  name: string,
  payloads: ReadonlySet<string>,
): SecretVariableVerdict {
  if (isComputed(variables, name)) return "reference";
  const value = variables[name];
  if (typeof value !== "string" || payloads.has(value)) return "declared";
  const secretOutputs = container.opts.additionalSecretOutputs;
  if (secretOutputs.includes(`${SECRET_VARIABLES}.${name}`)) return "pulumi-secret";
  if (secretOutputs.includes(SECRET_VARIABLES)) return "undecided";
  return "literal";
}

const SECRET_VARIABLES: InputName<OutputsOf<"container">> = "secretEnvironmentVariables";

export const containerSecretVariablesDeclared = stackPolicy({
  name: "container-secret-variables-declared",
  description:
    "Every secret environment variable of a container takes its value from a secret (a Pulumi secret, a Secret Manager version or another resource's output), never from a literal in the program.",
  ruleIds: ["CTR-6", "SECU-1"],
  severity: "high",
  remediationSteps:
    "Give the variable in `secretEnvironmentVariables` a Pulumi secret (`config.requireSecret(...)`, set with `pulumi config set --secret`) or a Secret Manager version's payload instead of a value typed into the program, then rotate the value the program held.",
  validate: (args, report) => {
    const withSecrets = args.resources.flatMap((r) => {
      const props = outputsOf(r, "container");
      return props && isSet(props, SECRET_VARIABLES) ? [{ container: r, props }] : [];
    });
    if (withSecrets.length === 0) args.notApplicable("No container has secret environment variables");
    const payloads = declaredPayloads(args.resources);
    const undecided: string[] = [];
    for (const { container, props } of withSecrets) {
      // Computed as a whole (from outputs, or encrypted in a state export): references, not literals.
      if (isComputed(props, SECRET_VARIABLES)) continue;
      const variables: Record<string, unknown> = objectProp(props, SECRET_VARIABLES) ?? {};
      for (const name of Object.keys(variables)) {
        const verdict = judgeSecretVariable(container, variables, name, payloads.known);
        if (verdict === "undecided") undecided.push(`${container.name}.${name}`);
        if (verdict !== "literal") continue;
        // A version whose payload preview cannot know yet might hold it: reading it stops the check
        // (indeterminate) rather than reporting a variable that may well be declared.
        payloads.computed.forEach(readPayload);
        report(
          `\`${SECRET_VARIABLES}.${name}\` of ${container.name} is a literal in the program, no Pulumi secret nor any Secret Manager version's payload; give it a Pulumi secret (\`config.requireSecret\`) or a secret version's payload.`,
          container.urn,
        );
      }
    }
    if (undecided.length > 0) {
      cannotSee(
        [SECRET_VARIABLES],
        `a policy cannot tell a Pulumi secret from a literal in \`${SECRET_VARIABLES}\` (${undecided.join(", ")}): the provider marks the whole map secret and the engine hands policies its values without their secret mark`,
      );
    }
  },
});

export const secretPolicies: readonly ContractPolicy[] = [
  secretVersionHasPayload,
  secretInputsStoredAsSecrets,
  secretValuesNotExposed,
  containerSecretVariablesDeclared,
];
