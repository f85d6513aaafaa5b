// Policies read resource inputs through @pulumiverse/scaleway's own args (InputsOf/OutputsOf in
// policies/resource-types.ts), so a renamed or misspelt input breaks compilation instead of silently
// reading "unset". The `@ts-expect-error` lines below are checked by `tsc --noEmit` (npm test runs it
// first): if a misspelt input ever compiled, the directive itself would be an error. The flat classes
// must keep the same inputs as the namespaced ones, since one entry types both tokens of a kind.
import type * as scw from "@pulumiverse/scaleway";
import { resourcePolicy } from "../../policies/metadata";
import type { PolicyResource } from "../../policies/policy-types";
import { booleanProp, numberProp, outputsOf, stringProp } from "../../policies/resource-context";
import { EVERY_KIND_TYPED, type InputsOf } from "../../policies/resource-types";
import { containerProps, evaluate, resource } from "./helpers";

/** True when A and B have the same input names. */
type SameInputs<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;

// The deprecated flat args name the same inputs as the namespaced ones.
const flatMatches: [
  SameInputs<scw.ContainerArgs, scw.containers.ContainerArgs>,
  SameInputs<scw.DatabaseInstanceArgs, scw.databases.InstanceArgs>,
  SameInputs<scw.DatabaseAclArgs, scw.databases.AclArgs>,
  SameInputs<scw.DatabaseUserArgs, scw.databases.UserArgs>,
  SameInputs<scw.IamPolicyArgs, scw.iam.PolicyArgs>,
  SameInputs<scw.IamApiKeyArgs, scw.iam.ApiKeyArgs>,
  SameInputs<scw.RegistryNamespaceArgs, scw.registry.NamespaceArgs>,
  SameInputs<scw.SecretVersionArgs, scw.secrets.VersionArgs>,
  SameInputs<scw.ObjectBucketArgs, scw.object.BucketArgs>,
] = [true, true, true, true, true, true, true, true, true];

/** Reads a few container inputs the way policies do; compiled against the SDK's ContainerArgs. */
function readContainer(props: InputsOf<"container">): unknown[] {
  return [
    numberProp(props, "minScale"),
    stringProp(props, "privacy"),
    props.secretEnvironmentVariables,
    // @ts-expect-error `minScal` is no input of scaleway.containers.Container
    numberProp(props, "minScal"),
    // @ts-expect-error `secretEnvVariables` is no input of scaleway.containers.Container
    props.secretEnvVariables,
  ];
}

// A policy of one kind gets that kind's inputs: a misspelt input in its check does not compile.
const typedPolicy = resourcePolicy({
  name: "typed-inputs-example",
  description: "Reads the registry namespace's isPublic input.",
  ruleIds: ["SECU-2"],
  severity: "low",
  remediationSteps: "None: a compile-time example, never registered in the pack.",
  kinds: ["registryNamespace"],
  validate: (props, _args, report) => {
    // @ts-expect-error `public` is no input of scaleway.registry.Namespace (it is `isPublic`)
    if (booleanProp(props, "public") === true) report("never");
    if (props.isPublic === true) report("`isPublic` is true");
  },
});

describe("typed policy inputs", () => {
  it("types both tokens of every kind with the SDK's args", () => {
    expect(EVERY_KIND_TYPED).toBe(true);
    expect(flatMatches.every(Boolean)).toBe(true);
  });

  it("reads the inputs it names, and nothing under a misspelt name", () => {
    const [minScale, privacy, secrets, misspelt, misspeltRead] = readContainer(
      containerProps() as InputsOf<"container">,
    );
    expect([minScale, privacy]).toEqual([2, "private"]);
    expect(secrets).toBeDefined();
    expect([misspelt, misspeltRead]).toEqual([undefined, undefined]);
  });

  it("types a stack policy's view of a resource by its kind's outputs", () => {
    const key = resource("iamApiKey", "ci-key", { applicationId: "a", secretKey: "s" });
    expect(outputsOf(key as unknown as PolicyResource, "iamApiKey")?.secretKey).toBe("s");
    expect(outputsOf(key as unknown as PolicyResource, "container")).toBeUndefined();
  });

  it("runs a typed policy on a resource of its kind under both tokens, and on no other kind", async () => {
    expect(typedPolicy.enforcementLevel).toBe("advisory");
    for (const flatToken of [false, true]) {
      const evaluation = await evaluate(
        [
          resource("registryNamespace", "images", { isPublic: true }, { flatToken }),
          resource("container", "web", containerProps({ isPublic: true })),
        ],
        { policies: [typedPolicy] },
      );
      const failures = evaluation.findings.filter((f) => f.status === "fail");
      expect(failures.map((f) => [f.policy, f.message])).toEqual([
        ["typed-inputs-example", "[SECU-2] `isPublic` is true"],
      ]);
    }
  });
});
