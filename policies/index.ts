// The CrossGuard policy pack, as `pulumi preview --policy-pack policies` runs it. Deliberately thin:
// the policies live in one module per rule group (collected by all.ts), waivers.yaml is honoured by
// waived-reporting.ts. Each policy's level follows its severity (metadata.ts: critical and high
// mandatory, medium and low advisory); the engine's `--policy-pack-config` overrides it either way.
// The pack's own level below is only the engine's fallback for a policy without one.
import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME, allPolicies } from "./all";
import { projectWaiverSource, withWaivers } from "./waived-reporting";

new PolicyPack(POLICY_PACK_NAME, {
  description:
    "Enforces the scaleway-infra infrastructure contracts (CONTRACT-RULES.md, version 2025-11-07) on Scaleway resources at preview time.",
  enforcementLevel: "mandatory",
  policies: withWaivers(allPolicies(), projectWaiverSource()),
});
