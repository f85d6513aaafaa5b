// Which of Scaleway's preconfigured alerts the alert manager enables: those of the products the stack
// runs, by their preconfigured_rule_id (facts: cockpit.preconfigured-alerts-*). Serverless Containers
// have none, so containers are watched by the custom rules only.
import {
  NO_PRECONFIGURED_CONTAINER_ALERTS,
  PRECONFIGURED_POSTGRESQL_ALERTS,
  type PreconfiguredAlert,
} from "@scaleway-infra/contracts/scaleway/facts/cockpit";

export type WatchedProduct = "serverless-containers" | "rdb-postgresql";

const BY_PRODUCT: Readonly<Record<WatchedProduct, readonly PreconfiguredAlert[]>> = {
  "serverless-containers": NO_PRECONFIGURED_CONTAINER_ALERTS.value,
  "rdb-postgresql": PRECONFIGURED_POSTGRESQL_ALERTS.value,
};

/** The preconfigured alerts of the given products, each once. */
export function preconfiguredAlertsFor(products: readonly WatchedProduct[]): PreconfiguredAlert[] {
  return [...new Set(products)].flatMap((product) => BY_PRODUCT[product]);
}

/** Their IDs, as `AlertManager.preconfiguredAlertIds` takes them. */
export function preconfiguredAlertIdsFor(products: readonly WatchedProduct[]): string[] {
  return preconfiguredAlertsFor(products).map((alert) => alert.preconfiguredRuleId);
}
