// Property: whatever document `validateContract` is given, it either returns it or throws an
// InfraError INFRA_001 whose error_response is valid against schemas/error-response; nothing else
// escapes. 10,000 documents per contract: mostly mutations of the examples (the interesting
// region, near valid documents), some arbitrary JSON.
import fc from "fast-check";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { validateContract } from "@scaleway-infra/contracts/documents/validate";
import { schemaValidator } from "@scaleway-infra/contracts/documents/validator";
import { CONTRACT_NAMES, type ContractName } from "@scaleway-infra/contracts/documents/types";
import { pointerOf } from "@scaleway-infra/contracts/documents/json-pointer";
import { example } from "./support";

const RUNS_PER_CONTRACT = 10_000;

/** Values that sit on the contracts' boundaries, more useful than random ones. */
const BOUNDARY_VALUES: unknown[] = [
  0,
  1,
  2,
  -1,
  29,
  30,
  31,
  7,
  365,
  1.5,
  1e308,
  "",
  " ",
  "latest",
  "production",
  "staging",
  "dev",
  "0.0.0.0/0",
  "::/0",
  "10.0.0.0/8",
  "fr-par",
  "fr-par-1",
  "nl-ams-2",
  "us-east-1",
  "/healthz",
  "healthz",
  "rg.fr-par.scw.cloud/ns/app:latest",
  "sum(rate(x[5m]))",
  "sum(rate(",
  "PASSWORD=hunter2",
  "aGk=",
  "a",
  "email:x@y.z",
  "INFRA_001",
  "2025-11-07T10:00:00Z",
  true,
  false,
  null,
  [],
  {},
  ["documentation"],
  "__proto__",
  { secure: "v1:abc" },
];

const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...BOUNDARY_VALUES) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer() },
);

type Operation = "replace" | "delete" | "add-key" | "wrap-in-array" | "duplicate";
const mutationArb = fc.record({
  target: fc.nat(),
  operation: fc.constantFrom<Operation>(
    "replace",
    "replace",
    "delete",
    "add-key",
    "wrap-in-array",
    "duplicate",
  ),
  key: fc.constantFrom("extra", "name", "value", "secret", "enabled", "__proto__", "constructor"),
  value: valueArb,
});
type Mutation = typeof mutationArb extends fc.Arbitrary<infer T> ? T : never;

type Container = Record<string, unknown> | unknown[];
function containers(
  node: unknown,
  path: (string | number)[] = [],
  into: { node: Container; path: string }[] = [],
) {
  if (typeof node === "object" && node !== null) {
    into.push({ node: node as Container, path: pointerOf(path) });
    const entries = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node);
    for (const [key, value] of entries) containers(value, [...path, key], into);
  }
  return into;
}

function mutate(document: unknown, original: Mutation): unknown {
  // Values are shared between runs (BOUNDARY_VALUES): copy, or later mutations would build cycles.
  const mutation = { ...original, value: structuredClone(original.value) };
  const all = containers(document);
  if (all.length === 0) return mutation.value;
  const { node } = all[mutation.target % all.length];
  const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
  const key = keys.length > 0 ? keys[mutation.target % keys.length] : undefined;
  const write = (k: string | number, v: unknown) => {
    if (Array.isArray(node)) node[Number(k)] = v;
    else Object.defineProperty(node, k, { value: v, enumerable: true, writable: true, configurable: true });
  };
  switch (mutation.operation) {
    case "replace":
      if (key !== undefined) write(key, mutation.value);
      break;
    case "delete":
      if (key !== undefined) {
        if (Array.isArray(node)) node.splice(Number(key), 1);
        else delete (node as Record<string, unknown>)[key];
      }
      break;
    case "add-key":
      if (Array.isArray(node)) node.push(mutation.value);
      else write(mutation.key, mutation.value);
      break;
    case "wrap-in-array":
      if (key !== undefined) write(key, [(node as Record<string | number, unknown>)[key]]);
      break;
    case "duplicate":
      if (Array.isArray(node) && node.length > 0) node.push(structuredClone(node[0]));
      break;
  }
  return document;
}

function documentArb(contract: ContractName): fc.Arbitrary<unknown> {
  const mutated = fc
    .array(mutationArb, { minLength: 1, maxLength: 4 })
    .map((mutations) => mutations.reduce<unknown>((doc, m) => mutate(doc, m), example(contract)));
  return fc.oneof({ weight: 9, arbitrary: mutated }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });
}

describe("validateContract on generated documents", () => {
  const errorResponseValid = schemaValidator("error-response");

  it.each(CONTRACT_NAMES)(
    `%s: ${RUNS_PER_CONTRACT} documents each validate or fail with INFRA_001 and a valid error_response`,
    (contract) => {
      let rejected = 0;
      fc.assert(
        fc.property(documentArb(contract), (document) => {
          try {
            validateContract(contract, document);
            return true;
          } catch (error) {
            rejected += 1;
            if (!(error instanceof InfraError) || error.code !== "INFRA_001") return false;
            return errorResponseValid(JSON.parse(JSON.stringify(error.toErrorResponse()))) === true;
          }
        }),
        { numRuns: RUNS_PER_CONTRACT, seed: 20251107 },
      );
      // Mutations must mostly break documents, or the property says little.
      expect(rejected).toBeGreaterThan(RUNS_PER_CONTRACT / 2);
    },
  );
});
