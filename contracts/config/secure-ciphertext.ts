// Whether a `secure:` value of a stack file is Pulumi ciphertext, or a value someone typed in clear
// under `secure:` (SEC-3: a secret is never in clear in config). Pulumi's passphrase and cloud-KMS
// secrets managers write `v1:<base64 nonce>:<base64 ciphertext>` (AES-256-GCM: a 12-byte nonce, and a
// ciphertext at least as long as its 16-byte tag; pulumi/pulumi sdk/go/common/resource/config
// crypt.go, symmetricCrypter.EncryptValue, read 2026-12-03); the Pulumi Cloud secrets manager writes
// the service's ciphertext as plain base64 (pkg/secrets/service/manager.go). Nothing is decrypted.
import { pointerOf } from "../documents/json-pointer";
import { BASE64_PATTERN } from "../thresholds";

const BASE64 = new RegExp(BASE64_PATTERN);
const GCM_NONCE_BYTES = 12;
const GCM_TAG_BYTES = 16;

function decodedLength(text: string): number | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes.length : undefined;
}

/**
 * True when `value` has the shape of ciphertext: `v1:nonce:ciphertext` always; plain base64 of at
 * least a tag's length only when the stack file uses the Pulumi Cloud secrets manager (no
 * `encryptionsalt` nor `encryptedkey` in the file).
 */
export function isPulumiCiphertext(value: string, serviceManaged: boolean): boolean {
  const parts = value.split(":");
  if (parts.length === 3 && parts[0] === "v1") {
    return decodedLength(parts[1]) === GCM_NONCE_BYTES && (decodedLength(parts[2]) ?? 0) >= GCM_TAG_BYTES;
  }
  return serviceManaged && (decodedLength(value) ?? 0) >= GCM_TAG_BYTES;
}

/** The pointers (from the document root) of the `secure:` leaves under `value` that are not ciphertext. */
export function clearSecureLeaves(value: unknown, pointer: string, serviceManaged: boolean): string[] {
  if (typeof value !== "object" || value === null) return [];
  if (!Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === "secure" && typeof record.secure === "string") {
      return isPulumiCiphertext(record.secure, serviceManaged) ? [] : [pointer];
    }
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
    clearSecureLeaves(item, `${pointer}${pointerOf([key])}`, serviceManaged),
  );
}
