// Every Scaleway fact, one import line per product file, so the facts table (docs/scaleway-facts.md)
// and its test see them all. Add a product file here with one line.
import type { ScalewayFact } from "./fact";
import { COCKPIT_FACTS } from "./cockpit";
import { CONTAINER_ROLLOUT_FACTS } from "./container-rollout";
import { CONTAINER_FACTS } from "./containers";
import { DOMAIN_FACTS } from "./domains";
import { IAM_FACTS } from "./iam";
import { LOCATION_FACTS } from "./location";
import { RDB_BACKUP_FACTS } from "./rdb-backups";
import { RDB_FACTS } from "./rdb";
import { REGISTRY_FACTS } from "./registry";
import { SECRET_MANAGER_FACTS } from "./secret-manager";

export const ALL_FACTS: readonly ScalewayFact<unknown>[] = [
  ...COCKPIT_FACTS,
  ...CONTAINER_FACTS,
  ...CONTAINER_ROLLOUT_FACTS,
  ...DOMAIN_FACTS,
  ...IAM_FACTS,
  ...LOCATION_FACTS,
  ...RDB_FACTS,
  ...RDB_BACKUP_FACTS,
  ...REGISTRY_FACTS,
  ...SECRET_MANAGER_FACTS,
];
