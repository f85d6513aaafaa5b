// Data residency (ENV-4, COMP-1) on every Scaleway resource that has a region or a zone, and on the
// Scaleway provider itself (its region and zone are the defaults of every resource that sets none).
import { DATA_RESIDENCY, EU_REGIONS, isEuRegion, isEuZone } from "@scaleway-infra/contracts/thresholds";
import { hasLocation } from "@scaleway-infra/contracts/scaleway/facts/location";
import { resourcePolicy, type ContractResourcePolicy } from "./metadata";
import { isSet, stringProp } from "./resource-context";
import { cannotSee } from "./unknown-values";

const SCALEWAY_PROVIDER_TYPE = "pulumi:providers:scaleway";

function isScalewayType(type: string): boolean {
  return type.startsWith("scaleway:") || type === SCALEWAY_PROVIDER_TYPE;
}

export const resourcesInEu: ContractResourcePolicy = resourcePolicy({
  name: "resources-in-eu",
  description: "Every Scaleway resource with a region or a zone is located in the EU.",
  ruleIds: ["ENV-4", "COMP-1"],
  severity: "critical",
  remediationSteps: `Set \`region\` to one of ${EU_REGIONS.join(", ")} and \`zone\` to one of their zones (e.g. fr-par-1), on the resource or on the Scaleway provider (scaleway:region / scaleway:zone).`,
  validate: (props, args, report) => {
    if (!isScalewayType(args.type)) args.notApplicable("Policy only applies to Scaleway resources");
    const own = isSet(props, "region") || isSet(props, "zone");
    // A resource without its own location runs where its provider points.
    const provider = args.provider && isScalewayType(args.provider.type) ? args.provider.props : undefined;
    const location = own
      ? props
      : provider && (isSet(provider, "region") || isSet(provider, "zone"))
        ? provider
        : undefined;
    if (!location) {
      if (args.type === SCALEWAY_PROVIDER_TYPE || !hasLocation(args.type)) {
        return args.notApplicable("The resource has no region or zone");
      }
      // It runs somewhere: where the provider's environment (SCW_DEFAULT_REGION, a profile) says,
      // which no preview or state shows. Undecided, never passed.
      return cannotSee(
        ["region"],
        `the resource sets no region or zone and its provider ${provider ? "sets none either" : "is not visible"}, so its location cannot be checked; set \`region\`/\`zone\` on the resource or \`scaleway:region\`/\`scaleway:zone\` in the stack config`,
      );
    }
    const where = own ? "" : " (inherited from the provider)";
    const region = stringProp(location, "region");
    const zone = stringProp(location, "zone");
    if (region !== undefined && !isEuRegion(region)) {
      report(
        `\`region\` "${region}"${where} is outside the EU (data residency ${DATA_RESIDENCY}); use one of ${EU_REGIONS.join(", ")}.`,
      );
    }
    if (zone !== undefined && !isEuZone(zone)) {
      report(
        `\`zone\` "${zone}"${where} is outside the EU (data residency ${DATA_RESIDENCY}); use a zone of ${EU_REGIONS.join(", ")}, e.g. fr-par-1.`,
      );
    }
  },
});

export const residencyPolicies: readonly ContractResourcePolicy[] = [resourcesInEu];
