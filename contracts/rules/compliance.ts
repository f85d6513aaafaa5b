// Compliance rules of the validation summary (CONTRACT-RULES.md "Validation summary": COMP-*).
import { ruleGroup } from "./rule";

export const COMPLIANCE_RULES = ruleGroup("compliance", [
  {
    id: "COMP-1",
    title: "Data residency in the EU",
    seed: "Data residency in the EU (ENV-4).",
    decidedBy: ["policy", "summary"],
    summarizes: ["ENV-4"],
    stackFile: { environment: ["/scaleway/region"] },
  },
  {
    id: "COMP-2",
    title: "Audit logging enabled",
    seed: "Audit logging enabled (ENV-5).",
    decidedBy: ["summary"],
    summarizes: ["ENV-5"],
  },
  {
    id: "COMP-3",
    title: "Encryption standards met",
    seed: "Encryption standards met (SECU-4).",
    decidedBy: ["summary"],
    summarizes: ["SECU-4"],
  },
  {
    id: "COMP-4",
    title: "Access controls are documented (IAM policies and ACLs carry descriptions)",
    seed: "Access controls documented (every IAM policy and ACL carries a description).",
    decidedBy: ["policy"],
    stackFile: { database: ["/network/allowed_ips"], secret: ["/access_policy"] },
  },
]);
