// A problem as the checks find it, before it is placed in a file and stripped of secret values:
// what the schema walk and the code checks produce, and what contracts/documents/problems.ts finalizes.

export interface RawProblem {
  /** JSON pointer into the document. */
  path: string;
  /** Rule ID, or SCHEMA for a pure shape problem. */
  rule: string;
  /**
   * What is wrong, as a predicate on the field ("must be at least 2"); the field name and the
   * offending value (unless it must be withheld) are added around it.
   */
  predicate: string;
  fix: string;
  /** False when the value at `path` is an object or is irrelevant to the message. */
  showValue?: boolean;
}
