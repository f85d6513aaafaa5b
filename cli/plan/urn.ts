// Pulumi URNs, as the engine builds and checks them (pulumi/pulumi v3.248.0,
// sdk/go/common/resource/urn/urn.go and pkg/resource/deploy/deployment.go `generateURN`):
// `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, where the qualified type is the whole
// type chain of the resource's ancestors, `parentQualifiedType$type`, except that a child of the root
// stack resource starts a new chain. The offline plan names resources with engineUrn so that a waiver
// written with a URN means the same resource in `scw-infra plan` and in `pulumi preview`; scan refuses
// what parseUrn cannot read.

export const URN_PREFIX = "urn:pulumi:";
const NAME_DELIMITER = "::";
const TYPE_DELIMITER = "$";
/** The root stack resource's type: its children's URNs do not carry it. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export interface ParsedUrn {
  stack: string;
  project: string;
  /** The type chain, `parentType$childType`. */
  qualifiedType: string;
  /** The resource's own type: the last link of the chain. */
  type: string;
  /** Everything after the third `::` (a name may itself contain `::`). */
  name: string;
}

/**
 * Reads a URN, or undefined when it is not one. Stricter than the engine's IsValid (prefix and three
 * `::`), which leaves stack, project and type unchecked: a report needs all three.
 */
export function parseUrn(urn: string): ParsedUrn | undefined {
  if (!urn.startsWith(URN_PREFIX)) return undefined;
  const parts = urn.slice(URN_PREFIX.length).split(NAME_DELIMITER);
  if (parts.length < 4) return undefined;
  const [stack, project, qualifiedType] = parts;
  const name = parts.slice(3).join(NAME_DELIMITER);
  const links = qualifiedType.split(TYPE_DELIMITER);
  if (stack === "" || project === "" || links.some((link) => !/^[^\s:]+(?::[^\s:]*)*:[^\s:]+$/.test(link))) {
    return undefined;
  }
  return { stack, project, qualifiedType, type: links[links.length - 1], name };
}

export interface UrnParts {
  stack: string;
  project: string;
  /** The parent's URN, if any. */
  parent?: string;
  type: string;
  name: string;
}

/** The URN the engine gives a resource registered with this parent, type and name. */
export function engineUrn(parts: UrnParts): string {
  const parentType = parts.parent ? qualifiedTypeOf(parts.parent) : undefined;
  const qualified =
    parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}${TYPE_DELIMITER}${parts.type}` : parts.type;
  return `${URN_PREFIX}${[parts.stack, parts.project, qualified, parts.name].join(NAME_DELIMITER)}`;
}

/** The third `::` component of a URN (its qualified type), as urn.QualifiedType reads it. */
function qualifiedTypeOf(urn: string): string | undefined {
  if (!urn.startsWith(URN_PREFIX)) return undefined;
  return urn.slice(URN_PREFIX.length).split(NAME_DELIMITER)[2];
}
