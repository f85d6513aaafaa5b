// What a contract rule is in the rule book: one object that holds everything the project knows about
// a rule of CONTRACT-RULES.md (its ID, title and seed sentence; whether it is enforced or attested;
// what decides it; its thresholds; where the stack file declares it). The catalog, the compliance
// report's scope, the SARIF locations, traceability and the generated tables all read these objects,
// so adding a rule means adding one object to its group's file (contracts/rules/<group>.ts).

export type RuleGroup =
  | "container"
  | "database"
  | "secret"
  | "monitoring"
  | "deployment"
  | "state"
  | "environment"
  | "integration"
  | "security"
  | "performance"
  | "compliance"
  | "operations"
  | "errors";

/**
 * How a rule is decided: `enforced` by a check this project runs on what it sees, or `attested`: the
 * stack file declares the value and config validation checks the declaration, but neither a plan nor
 * a scan can verify that the platform really behaves so. Reports show an attested rule as ATTESTED,
 * never as PASS.
 */
export type RuleVerification = "enforced" | "attested";

/**
 * What decides a rule: a JSON Schema keyword (`schema`), a code check of one contract document
 * (`code`), a check across the stack file (`stack`), a policy of the pack (`policy`), a module of the
 * deployment workflow or another command (`workflow`), or the rules it summarises (`summary`).
 * Traceability derives the same list from the registries and a test compares the two.
 */
export type Decider = "schema" | "code" | "stack" | "policy" | "workflow" | "summary";

/** A stack-file contract key of the `scaleway-infra` namespace. */
export type StackFileKey = "environment" | "database" | "state" | "alerts" | "secrets" | "containers";

/**
 * Where the stack file holds the value a rule judges, per kind of contract document a resource stands
 * for: JSON pointers inside that document, the first one the file holds wins. `environment` pointers
 * are inside scaleway-infra:environment, whatever resource the finding is on.
 */
export interface StackFilePointers {
  readonly container?: readonly string[];
  readonly database?: readonly string[];
  readonly secret?: readonly string[];
  readonly environment?: readonly string[];
}

/** The declaration an attested rule rests on. */
export interface Attestation {
  /** What is declared, and why no command can verify it. */
  readonly because: string;
  readonly key: StackFileKey;
  /** JSON pointer inside the key's value; `*` stands for the first list item that declares it. */
  readonly pointer: string;
  /**
   * For a rule about some items only (SEC-6: secrets whose rotation is enabled): the boolean field,
   * as a path inside the item, that makes an item declare it. No such item: nothing to attest.
   */
  readonly declaredWhen?: readonly string[];
}

/** A module of the deployment workflow (or another command) that enforces the rule, and its tests. */
export interface WorkflowEnforcer {
  readonly module: string;
  readonly tests: readonly string[];
}

export interface ContractRule {
  readonly id: string;
  readonly group: RuleGroup;
  readonly title: string;
  /** The rule's sentence in CONTRACT-RULES.md, without its ID and preview marker. */
  readonly seed: string;
  /** Marked *(preview)*: the policy pack must catch it on the resources themselves. */
  readonly preview: boolean;
  readonly verification: RuleVerification;
  readonly attestation?: Attestation;
  /** Everything that decides the rule (a test compares it with the registries). */
  readonly decidedBy: readonly Decider[];
  /** Summary rules (CONTRACT-RULES.md "Validation summary"): the rules this one stands for. */
  readonly summarizes?: readonly string[];
  /** Modules that decide the rule at deploy time or in another command, with their tests. */
  readonly workflow?: readonly WorkflowEnforcer[];
  /**
   * Why a plan or a scan cannot decide the rule at all: it belongs to the deployment workflow, or to
   * documents and outputs that are not part of a stack.
   */
  readonly outsidePlan?: { readonly by: "deployment-workflow" | "other-command"; readonly note: string };
  /** For a rule a policy decides only in part: what the rest is and who checks it. */
  readonly partly?: string;
  /** The thresholds the rule uses, by name (values from contracts/thresholds.ts or a Scaleway fact). */
  readonly thresholds?: Readonly<Record<string, unknown>>;
  readonly stackFile?: StackFilePointers;
}

/** The rules of one group, each given its group; the order is the report order. */
export function ruleGroup(
  group: RuleGroup,
  rules: readonly (Omit<ContractRule, "group" | "preview" | "verification"> & {
    readonly preview?: boolean;
    readonly verification?: RuleVerification;
  })[],
): readonly ContractRule[] {
  return rules.map((rule) => ({
    ...rule,
    group,
    preview: rule.preview ?? false,
    verification: rule.verification ?? (rule.attestation ? "attested" : "enforced"),
  }));
}
