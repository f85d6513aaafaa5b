// Validates one contract document: its JSON Schema (shape and every rule the schema can express)
// plus the code checks of contracts/documents/document-checks.ts, all problems at once. The throwing form
// returns the typed document or raises InfraError INFRA_001 listing every problem.
import { InfraError, type ProblemDetail } from "../errors/infra-error";
import type { SourceLocation } from "./source-location";
import { DOCUMENT_CHECKS } from "./document-checks";
import { FACT_CHECKS } from "./scaleway-fact-checks";
import { finalizeProblems, uniqueProblems } from "./problems";
import type { RawProblem } from "./raw-problem";
import { problemsFromSchemaErrors } from "./schema-problems";
import type { ContractDocuments, ContractName } from "./types";
import { CONTRACT_SCHEMAS, schemaValidator } from "./validator";

export interface ValidateOptions {
  /** The file the document was read from, shown with each problem. */
  file?: string;
  /** Source position of a document pointer (`/scaling/min_instances`). */
  locate?: (pointer: string) => SourceLocation | undefined;
  /** Document pointers of values that are Pulumi secrets: never shown in errors. */
  secretPointers?: ReadonlySet<string>;
}

/** Every rule problem found in `document`, before placing it in a file (for composing callers). */
export function rawContractProblems(contract: ContractName, document: unknown): RawProblem[] {
  const validate = schemaValidator(contract);
  // concat, not push(...): a hostile document can yield more problems than a call takes arguments.
  let problems: RawProblem[] = [];
  if (!validate(document)) {
    problems = problems.concat(problemsFromSchemaErrors(CONTRACT_SCHEMAS[contract], validate.errors ?? []));
  }
  for (const check of DOCUMENT_CHECKS[contract]) problems = problems.concat(check.check(document));
  for (const check of FACT_CHECKS[contract] ?? []) problems = problems.concat(check.check(document));
  return problems;
}

/** Every problem of `document` against its contract; empty when it is valid. Never throws for bad input. */
export function contractProblems(
  contract: ContractName,
  document: unknown,
  options: ValidateOptions = {},
): ProblemDetail[] {
  return finalizeProblems({ contract, document, ...options }, rawContractProblems(contract, document));
}

/** The seed's name of a contract (`container_spec`), from its schema's title. */
export function contractTitle(contract: ContractName): string {
  return String(CONTRACT_SCHEMAS[contract].title);
}

/** Problems listed in one error; a 1 MB file of broken documents has tens of thousands. */
export const MAX_REPORTED_PROBLEMS = 200;

/**
 * INFRA_001 for `what` ("The container_spec document in x.yaml") listing `problems`, which callers
 * cut to MAX_REPORTED_PROBLEMS (before finalizing them, which costs a source lookup each);
 * `total` is how many there were.
 */
export function invalidDocumentError(
  what: string,
  problems: readonly ProblemDetail[],
  total: number = problems.length,
): InfraError {
  const count = `${total} problem${total === 1 ? "" : "s"}`;
  if (total <= problems.length)
    return new InfraError("INFRA_001", `${what} is invalid: ${count}.`, { problems });
  return new InfraError(
    "INFRA_001",
    `${what} is invalid: ${count} (the first ${problems.length} are listed).`,
    {
      problems,
      details: { total_problems: total },
    },
  );
}

/** Validates `document` against its contract and returns it typed, or throws INFRA_001 with every problem. */
export function validateContract<N extends ContractName>(
  contract: N,
  document: unknown,
  options: ValidateOptions = {},
): ContractDocuments[N] {
  const raws = uniqueProblems(rawContractProblems(contract, document), (raw) => raw);
  if (raws.length > 0) {
    const where = options.file ? ` in ${options.file}` : "";
    const listed = finalizeProblems({ contract, document, ...options }, raws.slice(0, MAX_REPORTED_PROBLEMS));
    throw invalidDocumentError(`The ${contractTitle(contract)} document${where}`, listed, raws.length);
  }
  return document as ContractDocuments[N];
}
