// The IAM permission sets `scw-infra audit` needs to read a project, and nothing more: every one is
// a read-only set of Scaleway's list. An API call refused with 401/403 names the set it lacked.
import { fact } from "./fact";

const PERMISSION_SETS_PAGE = {
  ref: "scaleway/docs-content@00ad14a:pages/iam/reference-content/permission-sets.mdx",
  read: "2026-12-03",
} as const;

/** The products the audit reads, each with the read-only permission set that covers it. */
export type AuditedProduct =
  | "project"
  | "containers"
  | "rdb"
  | "secret-manager"
  | "iam"
  | "vpc"
  | "registry"
  | "cockpit"
  | "audit-trail";

export const AUDIT_PERMISSION_SETS = fact<Readonly<Record<AuditedProduct, string>>>(
  "iam.audit-permission-sets",
  "Read-only IAM permission sets, one per product the audit reads. ProjectReadOnly, IAMReadOnly and AuditTrailReadOnly are scoped to the Organization; the others to the audited Project.",
  {
    project: "ProjectReadOnly",
    containers: "ContainersReadOnly",
    rdb: "RelationalDatabasesReadOnly",
    // Metadata only: "Does not include permissions for data (versions) accessing or editing".
    "secret-manager": "SecretManagerReadOnly",
    iam: "IAMReadOnly",
    vpc: "VPCReadOnly",
    registry: "ContainerRegistryReadOnly",
    cockpit: "ObservabilityReadOnly",
    "audit-trail": "AuditTrailReadOnly",
  },
  [PERMISSION_SETS_PAGE],
);

/** Scaleway's error `type` values and HTTP statuses the audit maps to INFRA codes. */
export const API_ERROR_TYPES = fact(
  "api.error-types",
  "Scaleway API errors carry a `type`: denied_authentication (401), permissions_denied (403), not_found (404), quotas_exceeded, too_many_requests (429), transient_state; the SDK raises one error class per type.",
  {
    deniedAuthentication: "denied_authentication",
    permissionsDenied: "permissions_denied",
    notFound: "not_found",
    quotasExceeded: "quotas_exceeded",
    tooManyRequests: "too_many_requests",
  },
  [
    {
      ref: "scaleway/scaleway-sdk-js@sdk-client-1.3.3:packages/client/src/scw/errors/error-parser.ts",
      read: "2026-12-03",
      note: "read in node_modules/@scaleway/sdk-client/dist/scw/errors/error-parser.js, the pinned 1.3.3",
    },
  ],
);

/** The EU regions the audit reads by default (every region Scaleway runs these products in the EU). */
export const AUDIT_DEFAULT_REGIONS = fact(
  "api.eu-regions",
  "Scaleway's EU regions are fr-par, nl-ams and pl-waw; the SDK's regional APIs list them as their regions.",
  ["fr-par", "nl-ams", "pl-waw"] as const,
  [
    {
      ref: "@scaleway/sdk-container@1.8.0:dist/v1beta1/api.gen.js (API.LOCALITY; Audit Trail lists only fr-par and nl-ams)",
      read: "2026-12-03",
    },
  ],
);
