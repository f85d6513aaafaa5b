// Decides whether a (variable name, value) pair holds a hardcoded credential (CTR-6, SECU-1), and
// redacts values for reports (SEC-3). Structure first: a literal under a credential-like name, or a
// value in a known credential format. Entropy only ever counts together with a key-like name,
// because entropy alone flags digests, commit hashes and resource IDs.
//
// Pure and dependency-light on purpose: the contract validators and the CrossGuard policy pack both
// import it, so only node built-ins and thresholds.ts are allowed here.

import {
  CREDENTIAL_FORMATS,
  PEM_PRIVATE_KEY,
  isPasswordHashValue,
  isPlaceholderToken,
} from "./credential-formats";
import { SECRET_NAME_PATTERN } from "../thresholds";

export interface CredentialMatch {
  /** Machine-readable kind, e.g. `github-token`, `url-credentials`, `credential-name-literal`. */
  kind: string;
  /** One human sentence on why; never contains the value itself. */
  reason: string;
}

// --- Variable names ---------------------------------------------------------------------------

/** Words that on their own make a name credential-like (after splitting on `_`, `-`, `.` and camelCase). */
const CREDENTIAL_WORDS: ReadonlySet<string> = new Set([
  "PASSWORD",
  "PASSWORDS",
  "PASSWD",
  "PASS",
  "PWD",
  "PASSPHRASE",
  "PASSWORT",
  "PASSE",
  "SECRET",
  "SECRETS",
  "TOKEN",
  "APIKEY",
  "ACCESSKEY",
  "SECRETKEY",
  "PRIVATEKEY",
  "AUTHTOKEN",
  "CREDENTIAL",
  "CREDENTIALS",
  "CREDS",
  "HMAC",
  "PSK",
]);

/** Credential words glued to a prefix, as in `PGPASSWORD` or `DBPASSWD` (but not `SECRETARY`). */
const GLUED_CREDENTIAL_SUFFIX =
  /^[A-Z0-9]+(?:PASSWORD|PASSWD|SECRET|TOKEN|(?:API|ACCESS|SECRET|PRIVATE|PRIV|SIGNING|ENCRYPTION|MASTER|ACCOUNT|SHARED|CLIENT|SESSION)KEY)$/;

/** Abbreviations that name a credential only as the last word (`DB_PW`, but not `PW_TEST_DIR`). */
const TRAILING_CREDENTIAL_WORDS: ReadonlySet<string> = new Set(["PW", "MDP", "PASSCODE", "PRIVKEY"]);

/** A word that makes a following `KEY` a credential (`API_KEY`, `SIGNING_KEY`, `ACCOUNT_KEY`). */
const KEY_QUALIFYING_WORDS: ReadonlySet<string> = new Set([
  "API",
  "PRIVATE",
  "ACCESS",
  "SECRET",
  "SIGNING",
  "ENCRYPTION",
  "DECRYPTION",
  "MASTER",
  "ACCOUNT",
  "SHARED",
  "AUTH",
  "CLIENT",
  "SESSION",
  "COOKIE",
  "JWT",
  "HMAC",
  "SERVICE",
  "LICENSE",
  "ADMIN",
  "ROOT",
]);

/** Words that only suggest a credential; a value under them needs high entropy to count. */
const WEAK_KEY_WORDS: ReadonlySet<string> = new Set([
  "KEY",
  "KEYS",
  "AUTH",
  "SALT",
  "SIGNATURE",
  "PAT",
  "PEPPER",
]);

/**
 * Words that, after the credential word, turn the name into metadata about a credential rather than
 * the credential itself: `TOKEN_TTL`, `PASSWORD_MIN_LENGTH`, `SECRET_NAME`, `ACCESS_KEY_ID`, `*_FILE`.
 */
const METADATA_WORDS: ReadonlySet<string> = new Set([
  "TTL",
  "EXPIRY",
  "EXPIRE",
  "EXPIRES",
  "EXPIRATION",
  "LIFETIME",
  "AGE",
  "LENGTH",
  "LEN",
  "MIN",
  "MAX",
  "SIZE",
  "BITS",
  "COUNT",
  "LIMIT",
  "TIMEOUT",
  "INTERVAL",
  "DURATION",
  "SECONDS",
  "DAYS",
  "ENABLED",
  "ENABLE",
  "DISABLED",
  "DISABLE",
  "REQUIRED",
  "POLICY",
  "RULES",
  "COMPLEXITY",
  "FILE",
  "FILES",
  "PATH",
  "DIR",
  "DIRECTORY",
  "LOCATION",
  "NAME",
  "NAMES",
  "ID",
  "IDS",
  "REF",
  "REFERENCE",
  "ARN",
  "URL",
  "URI",
  "ENDPOINT",
  "HOST",
  "HEADER",
  "TYPE",
  "KIND",
  "ALGORITHM",
  "ALG",
  "ALGO",
  "HASH",
  "HASHED",
  "FORMAT",
  "ROTATION",
  "VERSION",
  "ISSUER",
  "AUDIENCE",
  "SCOPE",
  "SCOPES",
  "PREFIX",
  "SUFFIX",
  "FIELD",
  "PARAM",
  "PROVIDER",
  "STORE",
  "BACKEND",
  "MANAGER",
  "MODE",
  "METHOD",
  "STRATEGY",
  "USER",
  "USERNAME",
  "LOGIN",
  "HINT",
  "RESET",
  "LABEL",
  "HEADERS",
  "FINGERPRINT",
  "THUMBPRINT",
  "REGEX",
  "PATTERN",
  "HASHER",
  "HASHING",
  "GENERATOR",
  "VALIDATOR",
  "STRENGTH",
  "STDIN",
  "PROMPT",
  "ROUNDS",
  "ITERATIONS",
  "COST",
  "PORT",
  "ATTEMPTS",
  "RETRIES",
  "HISTORY",
  "LOCKOUT",
  "THRESHOLD",
  "DIGITS",
  "WARNING",
]);

/** Words before `KEY` that say the key is not a secret: `PUBLIC_KEY`, `CACHE_KEY`, `PARTITION_KEY`. */
const NON_SECRET_KEY_WORDS: ReadonlySet<string> = new Set([
  "PUBLIC",
  "PUBLISHABLE",
  "PUB",
  "CACHE",
  "PARTITION",
  "SORT",
  "PRIMARY",
  "FOREIGN",
  "ROUTING",
  "SHARD",
  "OBJECT",
  "S3",
  "IDEMPOTENCY",
  "DEDUP",
  "DEDUPLICATION",
  "LOOKUP",
  "HOTKEY",
  "SITE",
]);

/**
 * Words that make a credential-like name public by design: `STRIPE_PUBLISHABLE_KEY`,
 * `MAPBOX_PUBLIC_TOKEN`, `ALGOLIA_SEARCH_ONLY_API_KEY` (keys that vendors make for browsers).
 */
const PUBLIC_BY_DESIGN_WORDS: ReadonlySet<string> = new Set(["PUBLIC", "PUBLISHABLE", "SEARCHONLY"]);

function isPublicByDesignName(words: readonly string[]): boolean {
  return words.some(
    (word, index) => PUBLIC_BY_DESIGN_WORDS.has(word) || (word === "SEARCH" && words[index + 1] === "ONLY"),
  );
}

/** Splits `dbPassword`, `DB_PASSWORD`, `db-password`, `db.password` into upper-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toUpperCase());
}

type NameStrength = "credential" | "key-like" | "neutral";

/** Index of the last word that names a credential, or -1; `weak` words count only when asked. */
function lastCredentialWordIndex(words: readonly string[], includeWeak: boolean): number {
  for (let index = words.length - 1; index >= 0; index--) {
    const word = words[index];
    if (CREDENTIAL_WORDS.has(word) || GLUED_CREDENTIAL_SUFFIX.test(word)) return index;
    if (index === words.length - 1 && TRAILING_CREDENTIAL_WORDS.has(word)) return index;
    if ((word === "KEY" || word === "KEYS") && index > 0 && KEY_QUALIFYING_WORDS.has(words[index - 1]))
      return index;
    if (
      includeWeak &&
      WEAK_KEY_WORDS.has(word) &&
      !(index > 0 && NON_SECRET_KEY_WORDS.has(words[index - 1]))
    ) {
      return index;
    }
  }
  return -1;
}

function followedByMetadataWord(words: readonly string[], index: number): boolean {
  return words.slice(index + 1).some((word) => METADATA_WORDS.has(word));
}

function nameStrength(name: string): NameStrength {
  const words = nameWords(name);
  if (isPublicByDesignName(words)) return "neutral";
  const strong = lastCredentialWordIndex(words, false);
  if (strong >= 0) return followedByMetadataWord(words, strong) ? "neutral" : "credential";
  const weak = lastCredentialWordIndex(words, true);
  if (weak >= 0) return followedByMetadataWord(words, weak) ? "neutral" : "key-like";
  return "neutral";
}

/**
 * True when the name says the variable holds a credential itself (`DB_PASSWORD`, `apiKey`,
 * `SCW_SECRET_KEY`), false for metadata about one (`TOKEN_TTL`, `SECRET_NAME`, `PASSWORD_FILE`) and
 * for names that are only key-like (`CACHE_KEY`).
 */
export function isCredentialLikeName(name: string): boolean {
  return nameStrength(name) === "credential";
}

/**
 * True for names that say or merely suggest a key: every credential-like name, plus weaker ones such
 * as `KEY`, `SSH_KEY`, `AUTH`, `SALT` (whose values count only when they look random).
 */
export function isKeyLikeName(name: string): boolean {
  return nameStrength(name) !== "neutral";
}

// --- Values that are not literals worth flagging ----------------------------------------------

const SECRET_NAME_REGEX = new RegExp(SECRET_NAME_PATTERN);
const REFERENCE_PATTERNS: readonly RegExp[] = [
  /^\$\{[^}]+\}$/, // ${VAR}, ${secret:name}
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\$\([^)]+\)$/, // $(VAR), k8s style
  /^\{\{.*\}\}$/s, // {{ template }}
  /^\$\{\{[^\n]{1,256}\}\}$/, // ${{ secrets.NAME }}, GitHub Actions
  /^#\{[^}\n]{1,256}\}#?$/, // #{Variable}, #{Variable}#: Azure DevOps, Octopus, replace-tokens
  /^%\([A-Za-z_][A-Za-z0-9_.-]{0,127}\)[sdrifx]$/, // %(name)s, Python %-formatting
  /^\{[A-Za-z_][A-Za-z0-9_.:-]{0,127}\}$/, // {name}, Python str.format and URI templates
  /^__[A-Za-z][A-Za-z0-9_.-]{0,126}__$/, // __NAME__, replace-tokens and sed-style substitutions
  /^@[A-Za-z_][A-Za-z0-9_.-]{0,127}@$/, // @name@, Maven and Ant filtering
  /^<%=?-?\s{0,8}[^%\n]{1,256}%>$/, // <%= name %>, ERB and EJS
  /^\[\[\s{0,8}[^\]\n]{1,256}\]\]$/, // [[ .Name ]], custom-delimiter Go templates
  /^%env\([^)\n]{1,256}\)%$/, // %env(NAME)%, Symfony
  /^%[A-Za-z_][A-Za-z0-9_]{0,127}%$/, // %NAME%, Windows
  /^(?:secret|sm|vault|ref\+[a-z0-9]+|scw-secret|op|awssm|gcpsm):\/\/\S+$/i, // secret manager URIs
  // The same without `//`: `vault:secret/data/app#key`, `awssm:name`, `sops:...`.
  /^(?:vault|awssm|gcpsm|azkv|keyvault|ssm|secretsmanager|sops|doppler|infisical|scw-secret):[A-Za-z0-9_./#:@-]{1,512}$/i,
  /^arn:aws[a-z-]*:(?:secretsmanager|ssm):/,
  /^projects\/[^/]+\/secrets\/[^/]+/, // GCP Secret Manager resource name
  /^@Microsoft\.KeyVault\([^)\n]{1,1024}\)$/, // Azure App Service Key Vault reference
  /^(?:var|local|module|data)\.[A-Za-z_][A-Za-z0-9_.[\]"-]{0,255}$/, // Terraform expressions
  // Code reading the environment: process.env.X, os.environ["X"], os.getenv("X"), ENV["X"].
  /^(?:process\.env\.|os\.environ|os\.getenv\(|ENV\[|ENV\.fetch\(|System\.getenv\(|Environment\.GetEnvironmentVariable\()[^\n]{1,256}$/,
];

/**
 * Ciphertext is no plaintext secret: a SOPS value (`ENC[AES256_GCM,data:...,type:str]`), a Pulumi
 * passphrase ciphertext (`v1:<nonce>:<ciphertext>`), or a Pulumi Cloud ciphertext (base64 that starts
 * with `AAABA`, as `pulumi config set --secret` writes it under `secure:`), an Ansible Vault block.
 */
const CIPHERTEXT_PATTERNS: readonly RegExp[] = [
  /^ENC\[[A-Z0-9_]{1,32},data:[A-Za-z0-9+/=]{0,65536},iv:[A-Za-z0-9+/=]{1,128},tag:[A-Za-z0-9+/=]{1,128},type:[a-z]{1,16}\]$/,
  /^v1:[A-Za-z0-9+/]{8,64}={0,2}:[A-Za-z0-9+/]{8,65536}={0,2}$/,
  /^AAABA[A-Za-z0-9+/]{20,65536}={0,2}$/,
  /^(?:!vault\s{0,8}\|?\s{0,8})?\$ANSIBLE_VAULT;\d\.\d;AES256/,
  /^ENC\([A-Za-z0-9+/=]{8,65536}\)$/, // Jasypt (Spring)
  /^\{cipher\}[A-Za-z0-9+/=]{8,65536}$/, // Spring Cloud Config
  /^AQICAH[A-Za-z0-9+/]{40,65536}={0,2}$/, // an AWS KMS ciphertext blob
  /^-----BEGIN (?:PGP MESSAGE|AGE ENCRYPTED FILE)-----/,
];

/**
 * A Bitnami SealedSecret ciphertext (what `kubeseal` writes under `encryptedData`): base64 of a
 * two-byte big-endian length, an RSA-encrypted session key of that length, and the AES-GCM
 * ciphertext. Only the cluster's controller can decrypt it.
 */
function isSealedSecretCiphertext(value: string): boolean {
  if (!/^A[A-Za-z0-9+/]{200,65536}={0,2}$/.test(value)) return false;
  const bytes = Buffer.from(value, "base64");
  const sessionKeyLength = bytes.readUInt16BE(0);
  return [128, 256, 384, 512].includes(sessionKeyLength) && bytes.length >= 2 + sessionKeyLength + 16;
}

function isCiphertext(value: string): boolean {
  return CIPHERTEXT_PATTERNS.some((pattern) => pattern.test(value)) || isSealedSecretCiphertext(value);
}

/** Words in a name that say its value is encrypted: `encryptedData.password`, `SEALED_TOKEN`. */
const CIPHERTEXT_NAME_WORDS: ReadonlySet<string> = new Set(["ENCRYPTED", "SEALED", "CIPHERTEXT", "ENC"]);

/** Long base64 that decodes to binary, under a name that says it is encrypted. */
function isNamedCiphertext(words: readonly string[], value: string): boolean {
  if (!words.some((word) => CIPHERTEXT_NAME_WORDS.has(word))) return false;
  if (!/^[A-Za-z0-9+/]{64,65536}={0,2}$/.test(value)) return false;
  return decodedText(value) === undefined;
}

/**
 * Public-by-design values, never secret whatever the name: Stripe publishable keys (`pk_live_`,
 * `pk_test_`), Mapbox public tokens (`pk.eyJ...`), age recipients (public keys).
 */
const PUBLIC_BY_DESIGN_VALUES: readonly RegExp[] = [
  /^pk_(?:live|test)_[A-Za-z0-9]{16,255}$/,
  /^pk\.eyJ[A-Za-z0-9_-]{10,2048}\.[A-Za-z0-9_-]{10,512}$/,
  /^age1[02-9ac-hj-np-z]{58}$/,
];

/**
 * Placeholders people write where a value will go: `REPLACE_ME`, `your-api-key-here`, `TODO`,
 * `<...>` (MASK_OR_PLACEHOLDER), and values of one or two distinct characters (`0000...`, a nil
 * UUID). A weak real password such as `changeme` is still a password, so it is not among them.
 */
const PLACEHOLDER_WORDS =
  /^(?:replace[_-]?me|todo|tbd|fixme|placeholder|dummy|fake|example|sample|none[_-]?yet|to[_-]?be[_-]?(?:set|defined|replaced|filled)|(?:insert|enter|put)[_-](?:your|the)[_-].{1,64}|(?:replace|fill|set|change)[_-]?(?:with|by|in)[_-].{1,64}|(?:fill|set)[_-]?me|your[_-].{1,64}|.{1,64}[_-]here)$/i;

function isDegenerate(value: string): boolean {
  if (value.length < 8) return false;
  // One pass that stops at the third distinct character: a long value costs almost nothing.
  let first: string | undefined;
  let second: string | undefined;
  for (const character of value) {
    if (/[-_.:\s]/.test(character) || character === first || character === second) continue;
    if (first === undefined) first = character;
    else if (second === undefined) second = character;
    else return false;
  }
  return true;
}

/**
 * Fillers and masks inside a value: a run of 8 `x`, `X` or `0` (`sk_live_xxxxxxxx...`), of 4 `*`
 * or `•` (`ghp_****abcd`), or a vendor's documentation marker (`...EXAMPLEKEY`).
 */
function hasFillerOrMask(value: string): boolean {
  return /([xX0])\1{7}|[*•]{4}|EXAMPLE/.test(value);
}
const BOOLEAN_OR_SENTINEL = /^(?:true|false|yes|no|on|off|enabled|disabled|none|null|nil|undefined|n\/a)$/i;
/** Integers up to 8 digits: ports, TTLs, lengths, counts. */
const SMALL_INTEGER = /^-?\d{1,8}$/;
const DURATION = /^\d+(?:\.\d+)?(?:ns|us|ms|s|m|h|d|w|y)$/;
/** Masked or placeholder values: `****`, `xxxx`, `<your-token>`, `[REDACTED]`. */
const MASK_OR_PLACEHOLDER =
  /^(?:[*xX•#.\-_]+|<{1,2}[^<>]*>{1,2}|[\W_]{0,8}(?:redacted|hidden|masked|removed|omitted)[\W_]{0,8})$/i;
const FILE_PATH = /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\|file:\/\/)\S*$/;

/** Why a value is not a literal credential even under a credential-like name, or undefined. */
function nonLiteralReason(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return "empty";
  if (REFERENCE_PATTERNS.some((pattern) => pattern.test(trimmed))) return "reference";
  if (SECRET_NAME_REGEX.test(trimmed)) return "secret-name";
  if (BOOLEAN_OR_SENTINEL.test(trimmed)) return "boolean";
  if (SMALL_INTEGER.test(trimmed) || DURATION.test(trimmed)) return "number";
  if (
    MASK_OR_PLACEHOLDER.test(trimmed) ||
    PLACEHOLDER_WORDS.test(trimmed) ||
    isDegenerate(trimmed) ||
    hasFillerOrMask(trimmed)
  )
    return "placeholder";
  if (isCiphertext(trimmed)) return "ciphertext";
  if (isPasswordHashValue(trimmed)) return "hash";
  if (PUBLIC_BY_DESIGN_VALUES.some((pattern) => pattern.test(trimmed)) || isAnonJwtValue(trimmed))
    return "public";
  if (FILE_PATH.test(trimmed)) return "path";
  if (isUrlWithoutCredentials(trimmed)) return "url";
  return undefined;
}

function isUrlWithoutCredentials(value: string): boolean {
  if (!/^[a-z][a-z0-9+.-]{0,31}:\/\/\S+$/i.test(withCompactTemplates(value))) return false;
  return (
    urlPasswordMatch(value) === undefined && !hasUrlQueryCredential(value) && !hasWebhookPathSecret(value)
  );
}

/**
 * Values are analysed up to this length: far beyond any credential or configuration value, and it
 * keeps hostile input (a 10 MB value) cheap. A credential hidden after it goes unseen.
 */
export const MAX_ANALYSED_VALUE_LENGTH = 64 * 1024;

/** Zero-width characters, word joiners, the BOM and soft hyphens: invisible, able to split a token. */
const INVISIBLE_CHARACTERS = /[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;

function analysedPart(value: string): string {
  const bounded =
    value.length > MAX_ANALYSED_VALUE_LENGTH ? value.slice(0, MAX_ANALYSED_VALUE_LENGTH) : value;
  return bounded.replace(INVISIBLE_CHARACTERS, "");
}

// --- Known credential formats -----------------------------------------------------------------

/**
 * URLs inside a value, and their query. Here and in the formats above, quantifiers are bounded so
 * that scanning stays linear on hostile input.
 */
const URL_IN_TEXT = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}:\/\/[^\s"'<>`]{1,4096}/gi;
const MAX_URLS_PER_VALUE = 64;

/** Query parameters whose value is a credential whenever it is a literal. */
const STRONG_QUERY_PARAMS: ReadonlySet<string> = new Set([
  "password",
  "passwd",
  "pwd",
  "pass",
  "access_token",
  "auth_token",
  "api_key",
  "api-key",
  "apikey",
  "x-api-key",
  "client_secret",
  "secret",
  "secret_key",
  "private_key",
  "token",
  "private_token",
  "sig",
  "x-amz-signature",
  "x-goog-signature",
]);
/** Query parameters that hold a credential when the value looks generated (`?key=`, `?auth=`). */
const WEAK_QUERY_PARAMS: ReadonlySet<string> = new Set([
  "key",
  "auth",
  "access_key",
  "hook_key",
  "trigger_token",
]);
/** `p=` is a password next to a `u=` (InfluxDB 1.x, some RTSP and camera APIs). */
const USER_QUERY_PARAMS: ReadonlySet<string> = new Set(["u", "user", "username", "login"]);
const SHORT_PASSWORD_QUERY_PARAMS: ReadonlySet<string> = new Set(["p", "pw"]);

function queryParams(url: string): [string, string][] {
  const start = url.indexOf("?");
  if (start < 0) return [];
  const end = url.indexOf("#", start);
  const query = url.slice(start + 1, end < 0 ? undefined : end);
  return query
    .split(/[&;]/)
    .slice(0, 128)
    .map((pair): [string, string] => {
      const equals = pair.indexOf("=");
      if (equals < 0) return [pair.toLowerCase(), ""];
      return [pair.slice(0, equals).toLowerCase(), decodeURIComponentSafe(pair.slice(equals + 1))];
    });
}

/**
 * A generated-looking value: 10+ characters of a token alphabet (no `/` or `.`, so an object key
 * such as `reports/q1.pdf` is none), mixing digits and letters or both cases, near-random.
 */
function looksGenerated(value: string): boolean {
  return (
    value.length >= 10 &&
    /^[A-Za-z0-9_-]+$/.test(value) &&
    mixesCharacterClasses(value) &&
    shannonEntropy(value) >= 3
  );
}

/** A URL whose query carries a literal password, token, key or signature. */
function urlQueryCredential(url: string): boolean {
  const params = queryParams(url);
  const hasUser = params.some(([name, value]) => USER_QUERY_PARAMS.has(name) && value !== "");
  const azureFunction = /^https?:\/\/[^/?#]{1,253}\.azurewebsites\.net\//i.test(url);
  return params.some(([name, value]) => {
    if (value === "" || isNonLiteralPassword(value)) return false;
    if (STRONG_QUERY_PARAMS.has(name)) return true;
    if (SHORT_PASSWORD_QUERY_PARAMS.has(name)) return hasUser;
    if (WEAK_QUERY_PARAMS.has(name) || (azureFunction && name === "code")) return looksGenerated(value);
    return false;
  });
}

/** Template expressions may hold spaces (`{{ token }}`): made space-free before URLs are cut out. */
function withCompactTemplates(value: string): string {
  return value.replace(/\{\{[^{}\n]{0,256}\}\}|\$\{[^{}\n]{0,256}\}|<%[^%\n]{0,256}%>/g, "{{t}}");
}

function hasUrlQueryCredential(value: string): boolean {
  if (!value.includes("://")) return false;
  let count = 0;
  for (const match of withCompactTemplates(value).matchAll(URL_IN_TEXT)) {
    if (++count > MAX_URLS_PER_VALUE) break;
    if (urlQueryCredential(match[0])) return true;
  }
  return false;
}

/**
 * A webhook or deploy-hook URL whose path holds the secret: a segment of 20+ generated-looking
 * characters after a `hooks`, `webhook(s)`, `webhookb2`, `build_hooks` or `deploy` segment
 * (Mattermost, Rocket.Chat, Netlify, Vercel, generic incoming webhooks).
 */
const HOOK_SEGMENT = /^(?:hooks?|webhooks?|webhookb2|build_hooks|deploy_hooks|incomingwebhook)$/i;
/** A commit hash or a digest in a path identifies a version, it is no secret. */
const HEX_DIGEST = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

function hasWebhookPathSecret(value: string): boolean {
  if (!value.includes("://")) return false;
  let count = 0;
  for (const match of withCompactTemplates(value).matchAll(URL_IN_TEXT)) {
    if (++count > MAX_URLS_PER_VALUE) break;
    const path = match[0].replace(/^[^:]+:\/\/[^/?#]*/, "").split(/[?#]/)[0];
    const segments = path.split("/").slice(0, 64);
    const hookAt = segments.findIndex((segment) => HOOK_SEGMENT.test(segment));
    if (hookAt < 0) continue;
    for (const segment of segments.slice(hookAt + 1)) {
      if (segment.length < 20 || !/^[A-Za-z0-9_-]+$/.test(segment)) continue;
      if (isPlaceholderToken(segment) || !mixesCharacterClasses(segment) || HEX_DIGEST.test(segment))
        continue;
      if (shannonEntropy(segment) >= 3.5) return true;
    }
  }
  return false;
}
/** `user:password@tcp(host:3306)/db` (Go's MySQL driver) and `user:password@host:5432/db` without a scheme. */
const SCHEMELESS_DSN =
  /(?:^|[\s"'=])[A-Za-z0-9._-]{1,64}:([^\s@/:]{1,256})@(?:(?:tcp|udp|unix)\(|[A-Za-z0-9.-]{1,253}:\d{1,5}\/)/;
/**
 * `user:password@host.example.com` without a scheme (a URL whose `https://` was left out, a domain
 * pasted with its credentials): a whole word whose host is a dotted DNS name, optionally with a port
 * and a path. The user part cannot be a URI scheme written with a colon (`mailto:ops2@example.org`,
 * `sip:`, `xmpp:`, a notification channel's `email:`), and the password must hold more than letters,
 * dots, hyphens and underscores (`email:platform-staging@example.org` is an address, not a login).
 */
const SCHEMELESS_USERINFO =
  /(?:^|[\s"'=,;(<])([A-Za-z0-9._%+-]{1,64}):([^\s@/:"'<>]{1,256})@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?){1,126}(?::\d{1,5})?(?=$|[\s"'/?#,;)>])/;
const URI_SCHEMES_WITH_ADDRESS =
  /^(?:mailto|email|e-mail|sips?|xmpp|tel|im|pres|acct|urn|news|nntp|cid|mid|geo|fax|callto|skype)$/i;

function schemelessUserinfoPassword(value: string): string | undefined {
  if (!value.includes("@")) return undefined;
  const match = SCHEMELESS_USERINFO.exec(value);
  if (!match || URI_SCHEMES_WITH_ADDRESS.test(match[1])) return undefined;
  const password = match[2];
  if (isNonLiteralPassword(password) || isDegenerate(password) || !/[^A-Za-z._-]/.test(password))
    return undefined;
  return password;
}

/** A `.pgpass` line: `host:port:database:user:password`. */
const PGPASS_LINE = /(?:^|\n)[^:\s]{1,253}:(?:\d{1,5}|\*):[^:\s]{1,256}:[^:\s]{1,256}:(\S{1,256})(?:\n|$)/;
// The lookbehind starts a scheme only at a word's start: without it, a long run of letters costs 32
// steps per character.
const URL_WITH_PASSWORD =
  /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}:\/\/[^/\s:@]{0,256}:([^/\s@]{1,256})@[^\s@]/i;

/** A reference, template placeholder, mask or filler where a password or token would go. */
function isNonLiteralPassword(password: string): boolean {
  const decoded = decodeURIComponentSafe(password);
  return (
    REFERENCE_PATTERNS.some((pattern) => pattern.test(decoded)) ||
    MASK_OR_PLACEHOLDER.test(decoded) ||
    PLACEHOLDER_WORDS.test(decoded) ||
    /^:[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(decoded) || // :token, a route parameter
    isDegenerate(decoded) ||
    hasFillerOrMask(decoded)
  );
}

/** The password part of `scheme://user:password@host`, when present and literal. */
function urlPasswordMatch(value: string): string | undefined {
  if (!value.includes("://")) return undefined;
  const match = URL_WITH_PASSWORD.exec(value);
  if (!match || isNonLiteralPassword(match[1])) return undefined;
  return decodeURIComponentSafe(match[1]);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const JWT_CANDIDATE =
  /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{5,4096})\.([A-Za-z0-9_-]{2,65536})\.([A-Za-z0-9_-]{0,4096})/;

/** A Supabase-style anonymous key: a JWT whose payload says `"role": "anon"`, public by design. */
function isPublicAnonJwt(payloadSegment: string): boolean {
  try {
    const payload: unknown = JSON.parse(Buffer.from(payloadSegment, "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null && (payload as { role?: unknown }).role === "anon";
  } catch {
    return false;
  }
}

/** The whole value is an anonymous JWT. */
function isAnonJwtValue(value: string): boolean {
  const match = JWT_CANDIDATE.exec(value);
  return match !== null && match[0] === value && isPublicAnonJwt(match[2]);
}

/** A JWT: three base64url segments whose header decodes to a JSON object with `alg`. */
function looksLikeJwt(value: string): boolean {
  const match = JWT_CANDIDATE.exec(value);
  if (!match) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8"));
    if (typeof header !== "object" || header === null || !("alg" in header)) return false;
    return !isPublicAnonJwt(match[2]);
  } catch {
    return false;
  }
}

// --- Authorization headers ----------------------------------------------------------------------

/** `Basic <base64 of user:password>`, the HTTP Authorization header value. */
function isBasicAuthHeader(value: string): boolean {
  const match = /(?:^|\s)Basic\s+([A-Za-z0-9+/]{8,4096}={0,2})(?:\s|$)/.exec(value);
  if (!match) return false;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  return /^[^:\s]+:\S+$/.test(decoded);
}

/**
 * `Bearer <token>` (RFC 6750), or the `token`/`Token`/`ApiKey` schemes some APIs use, with a literal
 * token: `Bearer ${TOKEN}`, `Bearer <token>` and `Bearer $TOKEN` are references or placeholders.
 */
const AUTHORIZATION_SCHEME =
  /(?:^|[\s"'=:])(?:Bearer|bearer|BEARER|Token|token|ApiKey|Api-Key|apikey|SSWS|Splunk|GenieKey)\s+([^\s"',;]{1,4096})/g;

function hasLiteralAuthorizationToken(value: string): boolean {
  for (const match of value.matchAll(AUTHORIZATION_SCHEME)) {
    const credential = match[1];
    if (credential.length < 12 || !/^[A-Za-z0-9._~+/=:-]+$/.test(credential)) continue;
    if (isNonLiteralPassword(credential) || isPlaceholderToken(credential)) continue;
    // A word after "token" in prose ("token expired") is no credential: it needs a digit or mixed case.
    if (/\d/.test(credential) || (/[a-z]/.test(credential) && /[A-Z]/.test(credential))) return true;
  }
  return false;
}

// --- Unprefixed formats that need their exact shape ---------------------------------------------

/**
 * An AWS secret access key: exactly 40 characters of base64 (`[A-Za-z0-9+/]`), standing alone, with
 * upper case, lower case and digits, and near-random. A commit hash (lower-case hex) or a fingerprint
 * (upper-case hex) has one case only; prose has spaces.
 */
/** Maximal runs of base64 and base64url characters; a candidate is a run of exactly 40 base64 ones. */
const BASE64ISH_RUN = /[A-Za-z0-9+/=_-]{40,}/g;
const MIN_AWS_SECRET_ENTROPY = 4.2;

function hasAwsSecretShape(value: string): boolean {
  // One linear pass over maximal runs (the same as lookarounds on both sides of `{40}`, without
  // trying 40 characters at every position).
  for (const match of value.matchAll(BASE64ISH_RUN)) {
    const candidate = match[0];
    if (candidate.length !== 40 || !/^[A-Za-z0-9+/]{40}$/.test(candidate)) continue;
    if (!/[a-z]/.test(candidate) || !/[A-Z]/.test(candidate) || !/\d/.test(candidate)) continue;
    // A reCAPTCHA key (site or secret) is 40 characters from `6L`: judged by its name, not as AWS's.
    if (isPlaceholderToken(candidate) || candidate.startsWith("6L")) continue;
    if (shannonEntropy(candidate) >= MIN_AWS_SECRET_ENTROPY) return true;
  }
  return false;
}

// --- Credentials inside structured text ---------------------------------------------------------

const MAX_EMBEDDED_DOCUMENT_LENGTH = 64 * 1024;

/**
 * A JSON object value whose own keys hold credentials (`{"db": {"password": "..."}}`): each string
 * field is judged like a variable, by its key and its value.
 */
function embeddedJsonCredential(value: string, depth: number): EmbeddedMatch | undefined {
  const trimmed = value.trim();
  if (!trimmed.startsWith("{") || trimmed.length > MAX_EMBEDDED_DOCUMENT_LENGTH) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  const pending: unknown[] = [document];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== "object" || node === null) continue;
    for (const [key, field] of Object.entries(node)) {
      if (typeof field === "string") {
        const match = detectInValue(field, depth) ?? detectCredentialByName(key, field);
        if (match) return { key, match };
      } else if (typeof field === "number" && Number.isFinite(field)) {
        const match = detectCredentialByName(key, String(field));
        if (match) return { key, match };
      } else {
        pending.push(field);
      }
    }
  }
  return undefined;
}

/**
 * `name=value`, `name: value`, `"name": "value"` and `--name value` pairs inside a value: an env
 * file, header lines, a query string, a command line, a YAML or INI fragment. Each pair is judged by
 * its own name, as a variable would be. Names and values are bounded, so the scan stays linear.
 */
const ASSIGNMENT =
  /(?:^|[\s;&,?{(\[:])["']?(-{0,2}[A-Za-z_][A-Za-z0-9_.-]{0,63})["']?[ \t]*(?:[:=]|(?<=--[A-Za-z0-9_.-]{1,64}["']?)[ \t])[ \t]*(?:"([^"\n]{1,512})"|'([^'\n]{1,512})'|(\$\{[^}\n]{1,256}\}|\{\{[^}\n]{1,256}\}\}|[^\s;&,"'}\])]{1,512}))/g;
/** `.netrc` lines (`machine host login user password secret`), Redis `requirepass secret`. */
const SPACED_PASSWORD = /(?:^|\s)(?:password|passwd|requirepass|masterauth)[ \t]+(?![:=])(\S{1,512})/g;
/** `curl -u user:password`, `--user user:password`. */
const USER_FLAG = /(?:^|\s)(?:-u|--user)[ \t=]+["']?[^\s:"']{1,256}:([^\s"']{1,256})/g;
/** `<password>secret</password>`, and `<add key="Password" value="secret"/>` (NuGet, .NET config). */
const XML_ELEMENT = /<([A-Za-z_][A-Za-z0-9_.-]{0,63})>([^<\n]{1,512})<\/\1>/g;
const XML_KEY_VALUE = /<add\s+key="([^"\n]{1,64})"\s+value="([^"\n]{1,512})"/gi;

function embeddedAssignmentCredential(text: string): EmbeddedMatch | undefined {
  for (const match of text.matchAll(ASSIGNMENT)) {
    const key = match[1].replace(/^-+/, "");
    const field = match[2] ?? match[3] ?? match[4] ?? "";
    // `https://host` is a scheme, not an assignment; `--flag -x` is a flag followed by another.
    if (field.startsWith("//") || (match[1].startsWith("-") && field.startsWith("-"))) continue;
    const found = detectCredentialByName(key, field);
    if (found) return { key, match: found };
  }
  const pairs: [string, string][] = [];
  // `password <value>` only in a .netrc (next to machine/login/default) or as Redis directives: in
  // prose ("the password is in 1Password") the next word is no password.
  const netrc = /(?:^|\s)(?:machine|login|default)\s/.test(text);
  for (const match of text.matchAll(SPACED_PASSWORD)) {
    if (netrc || !/^(?:password|passwd)$/i.test(match[0].trim().split(/[ \t]/)[0]))
      pairs.push(["password", match[1]]);
  }
  for (const match of text.matchAll(USER_FLAG)) pairs.push(["password", match[1]]);
  for (const match of text.matchAll(XML_ELEMENT)) pairs.push([match[1], match[2]]);
  for (const match of text.matchAll(XML_KEY_VALUE)) pairs.push([match[1], match[2]]);
  for (const [key, field] of pairs) {
    const found = detectCredentialByName(key, field);
    if (found) return { key, match: found };
  }
  return undefined;
}

interface EmbeddedMatch {
  key: string;
  match: CredentialMatch;
}

/** Base64 (standard or URL-safe) runs long enough to wrap a payload worth hiding. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
const MAX_BASE64_DEPTH = 2;
const MAX_BASE64_RUNS = 64;

/** Decoded base64 that reads as text (a payload someone wrapped), or undefined for binary data. */
function decodedText(run: string): string | undefined {
  if (run.length % 4 === 1) return undefined;
  const decoded = Buffer.from(run, /[-_]/.test(run) ? "base64url" : "base64").toString("utf8");
  if (decoded.length < 8) return undefined;
  let printable = 0;
  for (let index = 0; index < decoded.length; index++) {
    const code = decoded.charCodeAt(index);
    if ((code >= 0x20 && code < 0x7f) || code === 0x0a || code === 0x0d || code === 0x09) printable++;
  }
  return printable / decoded.length >= 0.95 ? decoded : undefined;
}

/** `user:password` as a whole (npm `_auth`, a Docker `auth`), with a password that is not a word. */
const USER_PASSWORD_PAIR = /^[A-Za-z0-9._@+-]{1,256}:([^\s:]{6,256})$/;

function isUserPasswordPair(text: string, allowWords = false): boolean {
  const match = (allowWords ? AUTH_USER_PASSWORD_PAIR : USER_PASSWORD_PAIR).exec(text);
  if (!match || isNonLiteralPassword(match[1])) return false;
  if (allowWords) return !AUTH_MECHANISM_WORDS.test(match[1]);
  return /[^A-Za-z]/.test(match[1]);
}

/** Under an auth name (`BASIC_AUTH=admin:admin`) a word is a weak password, unless it names a mechanism. */
const AUTH_USER_PASSWORD_PAIR = /^[A-Za-z0-9._@+-]{1,256}:([^\s:]{5,256})$/;
const AUTH_MECHANISM_WORDS =
  /^(?:plain|login|basic|digest|bearer|oauth2?|oidc|saml|ldap|ntlm|kerberos|negotiate|cram-md5|none|disabled|enabled|required|optional)$/i;

/**
 * A credential wrapped in base64, once or twice: a private key (a kubeconfig's `client-key-data`),
 * a `key=value` or JSON payload, a `user:password` pair, or a known token format.
 */
function base64WrappedCredential(text: string, depth: number): CredentialMatch | undefined {
  if (depth === 0) return undefined;
  let runs = 0;
  for (const found of text.matchAll(BASE64_RUN)) {
    if (++runs > MAX_BASE64_RUNS) break;
    const run = found[0];
    const binary = Buffer.from(run, "base64").toString("latin1");
    if (PEM_PRIVATE_KEY.test(binary)) {
      return { kind: "base64-private-key", reason: "the value holds a PEM private key in base64" };
    }
    const decoded = decodedText(run);
    if (decoded === undefined) {
      const nested = containsNestedPrivateKey(binary, depth - 1);
      if (nested) return nested;
      continue;
    }
    if (isUserPasswordPair(decoded.trim())) {
      return {
        kind: "base64-user-password",
        reason: "the value holds a user:password pair in base64",
      };
    }
    const inner = detectInValue(decoded, depth - 1);
    if (inner) {
      return {
        kind: inner.kind,
        reason: `the value is base64 of a payload in which ${inner.reason.replace(/^the value /, "the payload ")}`,
      };
    }
  }
  return undefined;
}

function containsNestedPrivateKey(binary: string, depth: number): CredentialMatch | undefined {
  if (depth === 0) return undefined;
  for (const run of binary.match(/[A-Za-z0-9+/]{40,}={0,2}/g) ?? []) {
    if (PEM_PRIVATE_KEY.test(Buffer.from(run, "base64").toString("latin1"))) {
      return { kind: "base64-private-key", reason: "the value holds a PEM private key in base64" };
    }
  }
  return undefined;
}

/** Known formats of the value itself, without looking inside structures or encodings. */
function detectDirectFormat(value: string): CredentialMatch | undefined {
  for (const format of CREDENTIAL_FORMATS) {
    if (format.literal !== undefined && !value.includes(format.literal)) continue;
    const match = format.pattern.exec(value);
    if (match && !isPlaceholderToken(match[0])) {
      return { kind: format.kind, reason: `the value has the format of ${format.description}` };
    }
  }
  if (urlPasswordMatch(value) !== undefined) {
    return { kind: "url-credentials", reason: "the value is a URL with an inline user:password@" };
  }
  const dsnPassword = SCHEMELESS_DSN.exec(value)?.[1] ?? PGPASS_LINE.exec(value)?.[1];
  if (dsnPassword !== undefined && !isNonLiteralPassword(dsnPassword) && !isDegenerate(dsnPassword)) {
    return {
      kind: "dsn-password",
      reason: "the value is a connection line with an inline password (a Go DSN, a .pgpass line)",
    };
  }
  if (schemelessUserinfoPassword(value) !== undefined) {
    return {
      kind: "url-credentials",
      reason: "the value is a host name with an inline user:password@ (a URL without its scheme)",
    };
  }
  if (hasUrlQueryCredential(value)) {
    return {
      kind: "url-query-credentials",
      reason: "the value is a URL carrying a password, token, key or signature in its query",
    };
  }
  if (hasWebhookPathSecret(value)) {
    return {
      kind: "webhook-url",
      reason: "the value is a webhook or deploy-hook URL whose path holds a random secret",
    };
  }
  if (looksLikeJwt(value)) {
    return {
      kind: "jwt",
      reason: "the value is a JSON Web Token (three base64url segments, header with alg)",
    };
  }
  if (isBasicAuthHeader(value)) {
    return {
      kind: "http-basic-credentials",
      reason: "the value is an HTTP Basic authorization (base64 of user:password)",
    };
  }
  if (hasLiteralAuthorizationToken(value)) {
    return {
      kind: "http-bearer-token",
      reason: "the value is an HTTP authorization with a literal token (Bearer or a similar scheme)",
    };
  }
  if (hasAwsSecretShape(value)) {
    return {
      kind: "aws-secret-access-key",
      reason: "the value has the shape of an AWS secret access key (40 random base64 characters)",
    };
  }
  return undefined;
}

/** Everything the value alone says, looking `depth` levels into base64 wrapping. */
function detectInValue(value: string, depth: number): CredentialMatch | undefined {
  const whole = value.trim();
  if (isPasswordHashValue(value) || isCiphertext(whole)) return undefined;
  // A whole-value reference holds no literal, even when it reads like `${NAME:?message}`.
  if (REFERENCE_PATTERNS.some((pattern) => pattern.test(whole))) return undefined;
  const direct = detectDirectFormat(value);
  if (direct) return direct;
  const wrapped = base64WrappedCredential(value, depth);
  if (wrapped) return wrapped;
  const embedded = embeddedJsonCredential(value, depth) ?? embeddedAssignmentCredential(value);
  if (!embedded) return undefined;
  return {
    kind: embedded.match.kind,
    reason: `the value holds a field "${embedded.key}" with a credential`,
  };
}

/**
 * Recognises a credential from the value alone: known token formats, private keys, password hashes,
 * URLs with a password, JWTs, authorization headers, `name=value` pairs and JSON fields that hold a
 * credential, and all of these wrapped in base64. Used by `detectCredential`, and usable on any
 * string (outputs, state values).
 */
export function detectCredentialFormat(fullValue: string): CredentialMatch | undefined {
  return detectInValue(analysedPart(fullValue), MAX_BASE64_DEPTH);
}

/** A value in a credential's shape but filled with placeholder characters (`SCWXXXXXXXXXXXXXXXXX`). */
function isFormatPlaceholder(value: string): boolean {
  return CREDENTIAL_FORMATS.some((format) => {
    if (format.literal !== undefined && !value.includes(format.literal)) return false;
    const match = format.pattern.exec(value);
    return match !== null && isPlaceholderToken(match[0]);
  });
}

// --- Entropy, for key-like names only ---------------------------------------------------------

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const character of text) counts.set(character, (counts.get(character) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const probability = count / text.length;
    entropy -= probability * Math.log2(probability);
  }
  return entropy;
}

const UUID_ANY_CASE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Random-looking token: no spaces, at least 16 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9+/=_.~:-]{16,}$/;
const MIN_KEY_ENTROPY_BITS_PER_CHAR = 3.2;

/** Digits mixed with letters, or both letter cases: what generated keys look like, unlike words. */
function mixesCharacterClasses(value: string): boolean {
  const letters = /[A-Za-z]/.test(value);
  return (letters && /\d/.test(value)) || (/[a-z]/.test(value) && /[A-Z]/.test(value));
}

function looksRandom(value: string): boolean {
  if (UUID_ANY_CASE.test(value)) return true;
  if (!TOKEN_SHAPE.test(value) || !mixesCharacterClasses(value)) return false;
  return shannonEntropy(value) >= MIN_KEY_ENTROPY_BITS_PER_CHAR;
}

// --- The decision -----------------------------------------------------------------------------

/**
 * Returns why `value`, held by a variable called `name`, is a hardcoded credential, or undefined.
 * (a) a literal under a credential-like name; (b) a known credential format under any name, inside
 * a structure (JSON, `name=value` pairs, headers) or wrapped in base64; (c) a random-looking value
 * (high entropy, or a UUID) under a merely key-like name.
 */
export function detectCredential(name: string, fullValue: string): CredentialMatch | undefined {
  const value = analysedPart(fullValue);
  return detectInValue(value, MAX_BASE64_DEPTH) ?? detectCredentialByName(name, value);
}

/** Words that make a `login:password` value a credential (`SMTP_AUTH`, `PROXY_USERPASS`), unlike `REDIS_KEY`. */
const AUTH_PAIR_WORDS: ReadonlySet<string> = new Set(["AUTH", "BASICAUTH", "USERPASS", "USERINFO", "LOGIN"]);

/** Names that hold a password (not a key or token): a numeric value under them is a numeric password. */
function isPasswordName(words: readonly string[]): boolean {
  return words.some((word) =>
    /^(?:[A-Z0-9]*(?:PASSWORD|PASSWD)|PASS|PWD|PW|PASSPHRASE|PASSWORT|PASSE|MDP|PASSCODE)$/.test(word),
  );
}
/** 4 to 64 digits: a PIN or numeric password (`0`, `1` and `12` under a password name read as flags). */
const NUMERIC_PASSWORD = /^\d{4,64}$/;

/**
 * A field that names a secret object rather than holding one: Helm's `existingSecret`, or a
 * credential word followed by `SECRET` (`passwordSecret`, `TOKEN_SECRET_NAME` is metadata anyway),
 * holding a Kubernetes-style object name (`db-password`, `app.credentials`).
 */
const OBJECT_NAME = /^[a-z0-9](?:[a-z0-9]{0,62}[-.]){1,8}[a-z0-9]{1,63}$/;

function namesASecretObject(words: readonly string[], value: string): boolean {
  if (!OBJECT_NAME.test(value)) return false;
  if (words.includes("EXISTING")) return true;
  const last = words.length - 1;
  return (
    last > 0 &&
    (words[last] === "SECRET" || words[last] === "SECRETS") &&
    /^(?:PASSWORD|PASSWD|PWD|CREDENTIALS|CREDS|TOKEN|KEY|TLS|AUTH)$/.test(words[last - 1]) &&
    !/^(?:CLIENT|SHARED|APP|API|WEBHOOK|SIGNING|JWT|SESSION|COOKIE|CONSUMER|ACCESS)$/.test(
      words[last - 2] ?? "",
    )
  );
}

/**
 * A plural name (`SECRETS`, `CREDENTIALS`, `PASSWORDS`, `TOKENS`) holding one plain lower-case word
 * describes the set (`secrets:managed` in a tag list, `CREDENTIALS=vault`); it is not one of them.
 */
const PLURAL_CREDENTIAL_WORDS: ReadonlySet<string> = new Set([
  "SECRETS",
  "CREDENTIALS",
  "CREDS",
  "PASSWORDS",
  "TOKENS",
  "KEYS",
]);

function describesCredentials(words: readonly string[], value: string): boolean {
  return (
    words.length > 0 && PLURAL_CREDENTIAL_WORDS.has(words[words.length - 1]) && /^[a-z]{3,24}$/.test(value)
  );
}

/** Rules (a) and (c): what the name says, and whether the value is a literal or looks random. */
function detectCredentialByName(name: string, value: string): CredentialMatch | undefined {
  const trimmed = value.trim();
  const words = nameWords(name);
  const pinName = words.length > 0 && /^(?:PIN|PINCODE)$/.test(words[words.length - 1]);
  if (pinName && /^\d{4,12}$/.test(trimmed)) {
    return {
      kind: "credential-name-numeric-password",
      reason: `the variable name "${name}" says it holds a PIN, and its value is a literal number`,
    };
  }
  const strength = nameStrength(name);
  if (strength === "neutral") return undefined;
  const notLiteral = nonLiteralReason(trimmed);
  if (notLiteral === "number" && isPasswordName(words) && NUMERIC_PASSWORD.test(trimmed)) {
    return {
      kind: "credential-name-numeric-password",
      reason: `the variable name "${name}" says it holds a password, and its value is a literal number`,
    };
  }
  if (notLiteral !== undefined || isFormatPlaceholder(trimmed)) return undefined;
  if (isNamedCiphertext(words, trimmed) || namesASecretObject(words, trimmed)) return undefined;
  if (describesCredentials(words, trimmed)) return undefined;

  if (strength === "credential") {
    const secretKeyName = /SECRET_?KEY$/.test(nameWords(name).join("_"));
    if (secretKeyName && UUID_ANY_CASE.test(trimmed)) {
      return {
        kind: "scaleway-secret-key",
        reason: `the variable "${name}" holds a UUID secret key (the Scaleway secret key format)`,
      };
    }
    return {
      kind: "credential-name-literal",
      reason: `the variable name "${name}" says it holds a credential, and its value is a literal`,
    };
  }
  if (words.some((word) => AUTH_PAIR_WORDS.has(word)) && isUserPasswordPair(trimmed, true)) {
    return {
      kind: "credential-name-user-password",
      reason: `the variable name "${name}" suggests a credential, and its value is a user:password pair`,
    };
  }
  if (looksRandom(trimmed)) {
    return {
      kind: "credential-name-high-entropy",
      reason: `the variable name "${name}" suggests a key, and its value looks random (high entropy)`,
    };
  }
  return undefined;
}

/**
 * Replaces a value by a description that keeps nothing of it but its length (and kind, when known),
 * e.g. `[redacted: 40 characters]` or `[redacted github-token: 40 characters]`.
 */
export function redactValue(value: string, kind?: string): string {
  const length = [...value].length;
  const unit = length === 1 ? "character" : "characters";
  return kind ? `[redacted ${kind}: ${length} ${unit}]` : `[redacted: ${length} ${unit}]`;
}
