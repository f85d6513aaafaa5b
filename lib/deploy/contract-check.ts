// The one place the deployment workflow validates seed contract documents (DEP-1, DEP-2, INT-1,
// INT-2, STA-*): lib/contracts' validateContract, which throws INFRA_001 with one ProblemDetail per
// problem, each naming its JSON pointer, its rule and, when a locator is given, its file line.
import { validateContract, type ValidateOptions } from "../contracts";

export type DeployContract =
  "deployment-request" | "deployment-response" | "workflow-trigger" | "image" | "state";

/** Throws INFRA_001 when `document` is not a valid `contract` document. */
export function checkContract(
  contract: DeployContract,
  document: unknown,
  options: ValidateOptions = {},
): void {
  validateContract(contract, document, options);
}
