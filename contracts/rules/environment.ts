// Environment rules (environment_config, CONTRACT-RULES.md "Environment").
import { DATA_RESIDENCY, ENVIRONMENTS, EU_ZONES, EU_REGIONS, UUID_PATTERN } from "../thresholds";
import { ruleGroup } from "./rule";

export const ENVIRONMENT_RULES = ruleGroup("environment", [
  {
    id: "ENV-1",
    title: "Environment name is staging or production",
    seed: "`name` is staging or production.",
    decidedBy: ["schema", "stack"],
    thresholds: { environments: ENVIRONMENTS },
  },
  {
    id: "ENV-2",
    title: "Scaleway project ID is a UUID",
    seed: "`scaleway.project_id` is a valid Scaleway project ID (UUID).",
    decidedBy: ["schema"],
    thresholds: { uuid: UUID_PATTERN },
  },
  {
    id: "ENV-3",
    title: "Scaleway organization ID is a UUID",
    seed: "`scaleway.organization_id` is a valid Scaleway organization ID (UUID).",
    decidedBy: ["schema"],
    thresholds: { uuid: UUID_PATTERN },
  },
  {
    id: "ENV-4",
    title: "Data residency is EU and every region/zone used is in the EU",
    seed: "`compliance.data_residency` is EU, and every region/zone used is in the EU.",
    preview: true,
    decidedBy: ["schema", "stack", "policy"],
    thresholds: { residency: DATA_RESIDENCY, regions: EU_REGIONS, zones: EU_ZONES },
    stackFile: { environment: ["/scaleway/region"] },
  },
  {
    id: "ENV-5",
    title: "Audit logging is enabled",
    seed: "`compliance.audit_logging` is enabled.",
    decidedBy: ["schema"],
    attestation: {
      because:
        "`compliance.audit_logging` of scaleway-infra:environment; Scaleway Audit Trail is an organization-level product, not a resource of the stack",
      key: "environment",
      pointer: "/compliance/audit_logging",
    },
  },
  {
    id: "ENV-6",
    title: "encryption_required is honoured",
    seed: "`compliance.encryption_required` is honoured.",
    decidedBy: ["schema", "stack", "policy"],
  },
]);
