// Where a value came from: a line of a stack file (with the config key and JSON pointer of the value),
// or the TypeScript line that declared a resource. Config validation, plans and reports all speak it.
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
  /** `scaleway-infra:containers` + JSON pointer, when the location is a config value. */
  configKey?: string;
  pointer?: string;
}
