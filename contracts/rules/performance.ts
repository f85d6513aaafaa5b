// Performance rules of the validation summary (CONTRACT-RULES.md "Validation summary": PERF-*); each
// stands for the rules it names and takes the weakest of their statuses.
import { ruleGroup } from "./rule";

export const PERFORMANCE_RULES = ruleGroup("performance", [
  {
    id: "PERF-1",
    title: "Scaling meets redundancy",
    seed: "Scaling meets redundancy (CTR-4).",
    decidedBy: ["policy", "summary"],
    summarizes: ["CTR-4"],
    stackFile: { container: ["/scaling/min_instances", "/single_instance"] },
  },
  {
    id: "PERF-2",
    title: "Health check intervals are appropriate",
    seed: "Health check intervals are appropriate (CTR-9).",
    decidedBy: ["summary"],
    summarizes: ["CTR-9"],
  },
  {
    id: "PERF-3",
    title: "Alert thresholds align with SLA",
    seed: "Alert thresholds align with SLA (ALR-2, ALR-3).",
    decidedBy: ["summary"],
    summarizes: ["ALR-2", "ALR-3"],
  },
  {
    id: "PERF-4",
    title: "Backup retention meets compliance",
    seed: "Backup retention meets compliance (DB-3).",
    decidedBy: ["policy", "summary"],
    summarizes: ["DB-3"],
    stackFile: { database: ["/backup/retention_days"] },
  },
]);
