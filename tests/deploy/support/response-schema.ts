// Holds every response to the deployment_response contract (DEP-2) through contracts/documents, the same
// validator `scw-infra validate deployment-response` uses.
import { contractProblems } from "@scaleway-infra/contracts/documents";

/** The contract problems of a response, empty when it is valid. */
export function responseSchemaErrors(response: unknown): string[] {
  return contractProblems("deployment-response", response).map((p) => `${p.path} [${p.rule}] ${p.message}`);
}
