// Property test: whatever shape a resource's inputs take (hand-written code, an old state export, a
// provider upgrade), no policy throws: each answers pass, fail or indeterminate.
import fc from "fast-check";
import { UNKNOWN } from "../../cli/plan/model";
import { RESOURCE_TYPES, type ResourceKind } from "../../policies/resource-types";
import {
  aclProps,
  alertRulesProps,
  bucketProps,
  containerProps,
  databaseProps,
  evaluate,
  iamPolicyProps,
  resource,
} from "./helpers";

const BASELINES: Record<string, Record<string, unknown>> = {
  container: containerProps(),
  databaseInstance: databaseProps(),
  databaseAcl: aclProps(),
  iamPolicy: iamPolicyProps(),
  objectBucket: bucketProps(),
  secretVersion: { secretId: "fr-par/aa", data: "c2VjcmV0", region: "fr-par" },
  dynamic: alertRulesProps(["documentation"]),
};

/** Any JSON-like value, sometimes the UNKNOWN marker, at any depth. */
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(UNKNOWN)),
  node: fc.oneof(
    { depthSize: "small" },
    tie("leaf"),
    fc.array(tie("node"), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie("node"), { maxKeys: 3 }),
  ),
})).node;

/** A baseline with some of its inputs replaced by arbitrary values. */
function mutated(kind: string): fc.Arbitrary<Record<string, unknown>> {
  const baseline = BASELINES[kind];
  const keys = Object.keys(baseline);
  return fc
    .dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length })
    .map((changes) => ({ ...baseline, ...changes }));
}

describe("policies on arbitrary inputs", () => {
  it.each(Object.keys(BASELINES))(
    "never throw on a %s with inputs of any shape, under either token",
    async (kind) => {
      const tokens = RESOURCE_TYPES[kind as ResourceKind];
      await fc.assert(
        fc.asyncProperty(mutated(kind), fc.boolean(), async (props, flatToken) => {
          const evaluation = await evaluate([
            resource(kind as ResourceKind, "subject", props, { flatToken: flatToken && tokens.length > 1 }),
          ]);
          for (const finding of evaluation.findings)
            expect(["fail", "indeterminate", "waived"]).toContain(finding.status);
        }),
        { numRuns: 150, seed: 20251107 },
      );
    },
  );
});
