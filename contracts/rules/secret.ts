// Secret rules (secret_spec, CONTRACT-RULES.md "Secrets").
import { ROTATION_PERIOD_DAYS, SECRET_ACCESS_PERMISSION_SETS, SECRET_TYPES } from "../thresholds";
import { ruleGroup } from "./rule";

export const SECRET_RULES = ruleGroup("secret", [
  {
    id: "SEC-1",
    title: "Secret name follows env-service-type",
    seed: "`name` follows `env-service-type` (e.g. `production-documentation-database_url`).",
    decidedBy: ["schema", "stack"],
  },
  {
    id: "SEC-2",
    title: "Secret type is database_url, api_key, certificate or generic",
    seed: "`type` is database_url, api_key, certificate or generic.",
    decidedBy: ["schema"],
    thresholds: { types: SECRET_TYPES },
  },
  {
    id: "SEC-3",
    title: "Secret value is base64 and never plaintext in config, state or outputs",
    seed: "`value` is base64 encoded and never plaintext: it is a Pulumi secret, never in clear in config, state or outputs.",
    preview: true,
    decidedBy: ["schema", "code", "stack", "policy"],
    stackFile: { secret: ["/value"] },
  },
  {
    id: "SEC-4",
    title: "Access policy names at least one principal",
    seed: "`access_policy.principals` names at least one authorized principal.",
    decidedBy: ["schema"],
  },
  {
    id: "SEC-5",
    title: "Access policy permissions follow least privilege",
    seed: "`access_policy.permissions` follow least privilege (no wildcard, no admin/full-access sets).",
    preview: true,
    decidedBy: ["schema", "policy"],
    thresholds: { permissionSets: SECRET_ACCESS_PERMISSION_SETS },
    stackFile: { secret: ["/access_policy/permissions"] },
  },
  {
    // Scaleway Secret Manager does not rotate secret values: its ephemeral policy only makes versions
    // expire (time to live up to one year, or after one access) and someone must write the next
    // version (https://www.scaleway.com/en/docs/secret-manager/concepts.md, "Ephemeral policy" and
    // "Ephemerality properties", read 2026-12-03). The program sets that expiry from period_days; the
    // rotation itself is a process the stack file declares, so the rule is attested.
    id: "SEC-6",
    title: "Rotation period is a positive integer when rotation is enabled",
    seed: "`rotation`: when enabled, `period_days` is a positive integer.",
    decidedBy: ["schema"],
    thresholds: { periodDays: ROTATION_PERIOD_DAYS },
    attestation: {
      because:
        "`rotation` of scaleway-infra:secrets; Secret Manager only expires versions, it does not rotate values, so the rotation itself is a declared process",
      key: "secrets",
      pointer: "/*/rotation",
      declaredWhen: ["rotation", "enabled"],
    },
  },
  {
    id: "SEC-7",
    title: "Secret environment equals the stack's environment",
    seed: "`environment` equals the stack's environment.",
    decidedBy: ["schema", "stack"],
  },
]);
