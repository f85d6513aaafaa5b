// IAM permission set names the program and the pack use, as Scaleway lists them, and what each grants
// to a runtime service (SEC-5, SECU-3 are rules of the rule book; these are the names Scaleway accepts).
import { fact } from "./fact";
import { docsPage, READ_ON } from "./sources";

const PERMISSION_SETS = {
  ref: docsPage(
    "db796d29a58542506c583b304aaf5331f47d2665",
    "pages/iam/reference-content/permission-sets.mdx",
  ),
  read: READ_ON,
};

export const IAM_SECRET_MANAGER_PERMISSION_SETS = fact<readonly string[]>(
  "iam.secret-manager-permission-sets",
  "Secret Manager permission sets: SecretManagerReadOnly (metadata only, no version data), SecretManagerSecretAccess (read version data), SecretManagerSecretCreate, SecretManagerSecretWrite, SecretManagerSecretDelete, SecretManagerSecretRestore, SecretManagerFullAccess",
  [
    "SecretManagerReadOnly",
    "SecretManagerSecretAccess",
    "SecretManagerSecretCreate",
    "SecretManagerSecretWrite",
    "SecretManagerSecretDelete",
    "SecretManagerSecretRestore",
    "SecretManagerFullAccess",
  ],
  [PERMISSION_SETS],
);

/** The one set that lets a principal read a secret's value. */
export const IAM_SECRET_READ_PERMISSION_SET = fact(
  "iam.secret-read-permission-set",
  "reading a secret's value takes SecretManagerSecretAccess; SecretManagerReadOnly reads metadata only",
  "SecretManagerSecretAccess",
  [PERMISSION_SETS],
);

export const IAM_DEPLOYER_PERMISSION_SETS = fact<readonly string[]>(
  "iam.deployer-permission-sets",
  "deploying containers and pushing images takes ContainersFullAccess and ContainerRegistryFullAccess; calling a private container takes ContainersPrivateAccess",
  ["ContainersFullAccess", "ContainerRegistryFullAccess", "ContainersPrivateAccess"],
  [PERMISSION_SETS],
);

export function isKnownSecretManagerPermissionSet(name: string): boolean {
  return IAM_SECRET_MANAGER_PERMISSION_SETS.value.includes(name);
}

export const IAM_FACTS = [
  IAM_SECRET_MANAGER_PERMISSION_SETS,
  IAM_SECRET_READ_PERMISSION_SET,
  IAM_DEPLOYER_PERMISSION_SETS,
] as const;
