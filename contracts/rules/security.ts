// Security rules of the validation summary (CONTRACT-RULES.md "Validation summary": SECU-*).
import { ADMIN_EQUIVALENT_PERMISSION_SETS, BROAD_PERMISSION_SET_PATTERNS } from "../thresholds";
import { ruleGroup } from "./rule";

export const SECURITY_RULES = ruleGroup("security", [
  {
    id: "SECU-1",
    title: "Secrets are referenced, never hardcoded",
    seed: "Secrets are referenced, never hardcoded (CTR-6, SEC-3).",
    decidedBy: ["policy", "summary"],
    summarizes: ["CTR-6", "SEC-3"],
    stackFile: { container: ["/environment_variables"] },
  },
  {
    id: "SECU-2",
    title: "Network access is explicitly defined",
    seed: "Network access is explicitly defined (privacy of every container, ACLs of every database).",
    preview: true,
    decidedBy: ["schema", "policy"],
    stackFile: {
      container: ["/networking/privacy", "/networking"],
      database: ["/network/allowed_ips", "/network"],
    },
  },
  {
    id: "SECU-3",
    title: "IAM policies follow least privilege",
    seed: "IAM policies follow least privilege.",
    preview: true,
    decidedBy: ["policy"],
    thresholds: {
      broadPermissionSets: BROAD_PERMISSION_SET_PATTERNS.map(String),
      adminEquivalentPermissionSets: ADMIN_EQUIVALENT_PERMISSION_SETS,
    },
    stackFile: { secret: ["/access_policy/permissions"] },
  },
  {
    id: "SECU-4",
    title: "Encryption is enabled for sensitive data",
    seed: "Encryption is enabled for sensitive data (database, state, secrets).",
    decidedBy: ["policy", "summary"],
    summarizes: ["DB-8", "STA-4", "SEC-3"],
  },
]);
