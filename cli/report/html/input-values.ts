// The one place the HTML report decides how a resource's input value, or a value of the stack file,
// is shown. Until the shared redaction of every input value in every format lands (issue 11 §3), the
// page shows no value at all: property names and line structure only, each value as VALUE_MASK. To
// show values that the shared redaction allows, change `shownInputValue` and nothing else.
import type { PlannedResource } from "../../plan/model";

/** What stands for a value the page does not show. */
export const VALUE_MASK = "•••";

/** How the page shows the input at `path` of `resource`: today, never the value itself. */
export function shownInputValue(resource: PlannedResource, path: string): string {
  void resource;
  void path;
  return VALUE_MASK;
}
