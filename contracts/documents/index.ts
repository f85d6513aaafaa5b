// contracts/documents: the eleven contracts as JSON Schemas, their TypeScript types, and validation that
// names the rule behind every problem.
export { validateContract, contractProblems, contractTitle, type ValidateOptions } from "./validate";
export { schemaValidator, CONTRACT_SCHEMAS } from "./validator";
export { CONTRACT_NAMES } from "./types";
export type * from "./types";
