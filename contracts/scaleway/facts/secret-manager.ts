// What Scaleway Secret Manager accepts and does: paths, types, and expiry instead of rotation. SEC-6
// (`rotation`) rests on these: Scaleway expires versions, it never rotates a value itself.
import { fact } from "./fact";
import { providerFile, READ_ON, sdkGoFile } from "./sources";

const SECRET_SDK = { ref: sdkGoFile("api/secret/v1beta1/secret_sdk.go"), read: READ_ON };
const SECRET_PROVIDER = { ref: providerFile("internal/services/secret/secret.go"), read: READ_ON };

export const SECRET_NO_ROTATION = fact(
  "secret-manager.no-rotation",
  "Secret Manager does not rotate values: it has no rotation setting, only an ephemeral policy that expires versions; a new value is a new version someone creates",
  { rotates: false },
  [
    {
      ...SECRET_SDK,
      note: "CreateSecretRequest: name, tags, path, ephemeral_policy, type, protected; no rotation field",
    },
    { ...SECRET_PROVIDER, note: "scaleway_secret: ephemeral_policy { ttl, expires_once_accessed, action }" },
  ],
);

export const SECRET_EPHEMERAL_TTL = fact(
  "secret-manager.ephemeral-ttl",
  "an ephemeral policy TTL is a Go duration from one second up to one year",
  { maxHours: 365 * 24 },
  [{ ...SECRET_PROVIDER, note: "ttl: 'from one second and up to one year', Go Duration format" }],
);

export const SECRET_EPHEMERAL_ACTIONS = fact<readonly string[]>(
  "secret-manager.ephemeral-actions",
  "an expired version is either disabled or deleted",
  ["disable", "delete"],
  [{ ...SECRET_SDK, note: "EphemeralPolicyAction: delete, disable" }],
);

export const SECRET_TYPES = fact<readonly string[]>(
  "secret-manager.types",
  "a secret is opaque, certificate, key_value, basic_credentials, database_credentials or ssh_key",
  ["opaque", "certificate", "key_value", "basic_credentials", "database_credentials", "ssh_key"],
  [{ ...SECRET_SDK, note: "SecretType enum" }],
);

export const SECRET_PATH = fact(
  "secret-manager.path",
  "a secret sits at a path in a directory structure, `/` unless set; paths compare as cleaned file paths",
  { default: "/" },
  [
    { ...SECRET_SDK, note: "Path: 'If not specified, the path is /'" },
    { ...SECRET_PROVIDER, note: "path DiffSuppressFunc: filepath.Clean" },
  ],
);

export const SECRET_MANAGER_FACTS = [
  SECRET_NO_ROTATION,
  SECRET_EPHEMERAL_TTL,
  SECRET_EPHEMERAL_ACTIONS,
  SECRET_TYPES,
  SECRET_PATH,
] as const;
