// State management rules (state_spec, CONTRACT-RULES.md "State management").
import { STATE_BACKEND_TYPES, STATE_ENCRYPTION_ALGORITHMS } from "../thresholds";
import { ruleGroup } from "./rule";

export const STATE_RULES = ruleGroup("state", [
  {
    id: "STA-1",
    title: "State backend is s3 (Scaleway Object Storage)",
    seed: "`backend.type` is s3 (Scaleway Object Storage).",
    decidedBy: ["schema"],
    thresholds: { backends: STATE_BACKEND_TYPES },
  },
  {
    id: "STA-2",
    title: "State bucket is unique per environment",
    seed: "`backend.bucket` is unique per environment.",
    decidedBy: ["schema", "stack"],
  },
  {
    id: "STA-3",
    title: "State locking is enabled in production",
    seed: "`locking.enabled` is true in production.",
    decidedBy: ["schema"],
    attestation: {
      because:
        "`locking` of scaleway-infra:state; the backend's lock (and its timeout) is not a resource of the stack",
      key: "state",
      pointer: "/locking",
    },
  },
  {
    id: "STA-4",
    title: "State encryption is enabled in every environment",
    seed: "`encryption.enabled` is true in every environment.",
    decidedBy: ["schema", "policy"],
    thresholds: { algorithms: STATE_ENCRYPTION_ALGORITHMS },
  },
  {
    id: "STA-5",
    title: "State key follows <env>/...",
    seed: "`key` follows the path pattern `<env>/...` (e.g. `staging/terraform.tfstate` in the seed's words).",
    decidedBy: ["schema"],
  },
]);
