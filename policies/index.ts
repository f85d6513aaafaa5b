// The CrossGuard policy pack, as `pulumi preview --policy-pack policies` runs it. Deliberately thin:
// the policies live in one module per rule group (collected by all.ts), waivers.yaml is honoured by
// waived-reporting.ts, and enforcement levels come from the engine (`--policy-pack-config`).
import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME, allPolicies } from "./all";
import { projectWaiverSource, withWaivers } from "./waived-reporting";

new PolicyPack(POLICY_PACK_NAME, {
  description:
    "Enforces the scaleway-infra infrastructure contracts (CONTRACT-RULES.md, version 2025-11-07) on Scaleway resources at preview time.",
  enforcementLevel: "mandatory",
  policies: withWaivers(allPolicies(), projectWaiverSource()),
});
