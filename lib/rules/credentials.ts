// Decides whether a (variable name, value) pair holds a hardcoded credential (CTR-6, SECU-1), and
// redacts values for reports (SEC-3). Structure first: a literal under a credential-like name, or a
// value in a known credential format. Entropy only ever counts together with a key-like name,
// because entropy alone flags digests, commit hashes and resource IDs.
//
// Pure and dependency-light on purpose: the contract validators and the CrossGuard policy pack both
// import it, so only node built-ins and thresholds.ts are allowed here.

import { SECRET_NAME_PATTERN } from "./thresholds";

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
]);

/** Credential words glued to a prefix, as in `PGPASSWORD` or `DBPASSWD` (but not `SECRETARY`). */
const GLUED_CREDENTIAL_SUFFIX =
  /^[A-Z0-9]+(?:PASSWORD|PASSWD|SECRET|APIKEY|ACCESSKEY|SECRETKEY|PRIVATEKEY|AUTHTOKEN)$/;

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
]);

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
  /^(?:secret|sm|vault|ref\+[a-z0-9]+|scw-secret|op|awssm|gcpsm):\/\/\S+$/i, // secret manager URIs
  /^arn:aws[a-z-]*:secretsmanager:/,
  /^projects\/[^/]+\/secrets\/[^/]+/, // GCP Secret Manager resource name
];
const BOOLEAN_OR_SENTINEL = /^(?:true|false|yes|no|on|off|enabled|disabled|none|null|nil|undefined|n\/a)$/i;
/** Integers up to 8 digits: ports, TTLs, lengths, counts. */
const SMALL_INTEGER = /^-?\d{1,8}$/;
const DURATION = /^\d+(?:\.\d+)?(?:ns|us|ms|s|m|h|d|w|y)$/;
/** Masked or placeholder values: `****`, `xxxx`, `<your-token>`, `[REDACTED]`. */
const MASK_OR_PLACEHOLDER = /^(?:[*xX•#.\-_]+|<[^<>]*>|\[(?:redacted|hidden|masked)\]|redacted)$/i;
const FILE_PATH = /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\|file:\/\/)\S*$/;

/** Why a value is not a literal credential even under a credential-like name, or undefined. */
function nonLiteralReason(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return "empty";
  if (REFERENCE_PATTERNS.some((pattern) => pattern.test(trimmed))) return "reference";
  if (SECRET_NAME_REGEX.test(trimmed)) return "secret-name";
  if (BOOLEAN_OR_SENTINEL.test(trimmed)) return "boolean";
  if (SMALL_INTEGER.test(trimmed) || DURATION.test(trimmed)) return "number";
  if (MASK_OR_PLACEHOLDER.test(trimmed)) return "placeholder";
  if (FILE_PATH.test(trimmed)) return "path";
  if (isUrlWithoutCredentials(trimmed)) return "url";
  return undefined;
}

const URL_CREDENTIAL_QUERY_PARAMS =
  /[?&;](?:password|passwd|pwd|pass|token|access_token|api[_-]?key|apikey|secret|client_secret|sig|signature|key|auth)=([^&#\s]+)/i;

function isUrlWithoutCredentials(value: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value)) return false;
  return urlPasswordMatch(value) === undefined && !URL_CREDENTIAL_QUERY_PARAMS.test(value);
}

/**
 * Values are analysed up to this length: far beyond any credential or configuration value, and it
 * keeps hostile input (a 10 MB value) cheap. A credential hidden after it goes unseen.
 */
export const MAX_ANALYSED_VALUE_LENGTH = 64 * 1024;

function analysedPart(value: string): string {
  return value.length > MAX_ANALYSED_VALUE_LENGTH ? value.slice(0, MAX_ANALYSED_VALUE_LENGTH) : value;
}

// --- Known credential formats -----------------------------------------------------------------

interface FormatRule {
  kind: string;
  description: string;
  pattern: RegExp;
}

const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

/** Formats recognisable from the value alone; each is distinctive enough to never be a coincidence. */
const CREDENTIAL_FORMATS: readonly FormatRule[] = [
  {
    kind: "pem-private-key",
    description: "a PEM private key block",
    pattern: PEM_PRIVATE_KEY,
  },
  {
    kind: "scaleway-access-key",
    description: "a Scaleway access key (SCW followed by 17 characters)",
    pattern: /(?<![A-Za-z0-9])SCW[A-Z0-9]{17}(?![A-Za-z0-9])/,
  },
  {
    kind: "aws-access-key",
    description: "an AWS access key ID (AKIA/ASIA...)",
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/,
  },
  {
    kind: "github-token",
    description: "a GitHub token (ghp_/gho_/ghu_/ghs_/ghr_ or github_pat_)",
    pattern:
      /(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{50,255})(?![A-Za-z0-9])/,
  },
  {
    kind: "gitlab-token",
    description: "a GitLab personal access token (glpat-)",
    pattern: /(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,255}/,
  },
  {
    kind: "slack-token",
    description: "a Slack token (xoxb-/xoxp-/xoxa-/xoxr-/xoxs-)",
    pattern: /(?<![A-Za-z0-9])xox[baprs]-[A-Za-z0-9-]{10,255}/,
  },
  {
    kind: "slack-webhook",
    description: "a Slack incoming webhook URL, whose path is the secret",
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]{16,}/,
  },
  {
    kind: "stripe-secret-key",
    description: "a Stripe secret or restricted key (sk_live_/rk_live_/sk_test_)",
    pattern: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,255}/,
  },
  {
    kind: "google-api-key",
    description: "a Google API key (AIza...)",
    pattern: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/,
  },
  {
    kind: "google-oauth-client-secret",
    description: "a Google OAuth client secret (GOCSPX-)",
    pattern: /(?<![A-Za-z0-9])GOCSPX-[A-Za-z0-9_-]{28}/,
  },
  {
    kind: "sendgrid-api-key",
    description: "a SendGrid API key (SG.xxx.yyy)",
    pattern: /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
  },
  {
    kind: "npm-token",
    description: "an npm access token (npm_)",
    pattern: /(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/,
  },
  {
    kind: "openai-api-key",
    description: "an OpenAI/Anthropic-style API key (sk-...)",
    pattern: /(?<![A-Za-z0-9_-])sk-(?:proj-|ant-[a-z0-9]+-)?[A-Za-z0-9_-]{32,255}/,
  },
  {
    kind: "age-secret-key",
    description: "an age encryption secret key (AGE-SECRET-KEY-1...)",
    pattern: /AGE-SECRET-KEY-1[0-9A-Z]{58}/,
  },
  {
    kind: "connection-string-password",
    description: "a connection string with an inline password or account key",
    pattern: /(?:^|[;\s])(?:password|pwd|accountkey|sharedaccesskey)\s*=\s*(?!\$\{)[^;\s'"]{1,512}/i,
  },
];

/**
 * Documentation placeholders in a credential's shape (`SCWXXXXXXXXXXXXXXXXX`, `ghp_xxxx...`): real
 * tokens are random, so a match made of a handful of distinct characters is not one.
 */
function isPlaceholderToken(matched: string): boolean {
  return new Set(matched).size < 8;
}

/**
 * A URL whose query carries a password or token (`?access_token=...`, `&password=...`). Here and in
 * the formats above, quantifiers are bounded so that scanning stays linear on hostile input.
 */
const URL_QUERY_CREDENTIAL =
  /[a-z][a-z0-9+.-]{0,31}:\/\/\S{0,1024}?[?&;](?:password|passwd|pwd|access_token|api_key|apikey|client_secret|token)=([^&#\s]{1,512})/i;
const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]{0,31}:\/\/[^/\s:@]{0,256}:([^/\s@]{1,256})@[^\s@]/i;

function isNonLiteralPassword(password: string): boolean {
  const decoded = decodeURIComponentSafe(password);
  return REFERENCE_PATTERNS.some((pattern) => pattern.test(decoded)) || MASK_OR_PLACEHOLDER.test(decoded);
}

/** The password part of `scheme://user:password@host`, when present and literal. */
function urlPasswordMatch(value: string): string | undefined {
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

/** A JWT: three base64url segments whose header decodes to a JSON object with `alg`. */
function looksLikeJwt(value: string): boolean {
  const match = JWT_CANDIDATE.exec(value);
  if (!match) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8"));
    return typeof header === "object" && header !== null && "alg" in header;
  } catch {
    return false;
  }
}

/** `Basic <base64 of user:password>`, the HTTP Authorization header value. */
function isBasicAuthHeader(value: string): boolean {
  const match = /(?:^|\s)Basic\s+([A-Za-z0-9+/]{8,}={0,2})(?:\s|$)/.exec(value);
  if (!match) return false;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  return /^[^:\s]+:\S+$/.test(decoded);
}

const BASE64_RUN = /[A-Za-z0-9+/]{40,}={0,2}/g;
const MAX_BASE64_DEPTH = 2;

/**
 * Base64 that decodes to a PEM private key, directly or one level further down (a kubeconfig or a
 * Kubernetes secret in base64 that holds `client-key-data: <base64 of a PEM key>`).
 */
function containsBase64PrivateKey(text: string, depth = MAX_BASE64_DEPTH): boolean {
  if (depth === 0) return false;
  for (const run of text.match(BASE64_RUN) ?? []) {
    const decoded = Buffer.from(run, "base64").toString("latin1");
    if (PEM_PRIVATE_KEY.test(decoded) || containsBase64PrivateKey(decoded, depth - 1)) return true;
  }
  return false;
}

const MAX_EMBEDDED_DOCUMENT_LENGTH = 64 * 1024;

/**
 * A JSON object value whose own keys hold credentials (`{"db": {"password": "..."}}`): each string
 * field is judged like a variable, by its key and its value.
 */
function embeddedCredential(value: string): { key: string; match: CredentialMatch } | undefined {
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
        const match = detectCredentialByName(key, field);
        if (match) return { key, match };
      } else {
        pending.push(field);
      }
    }
  }
  return undefined;
}

/**
 * Recognises a credential from the value alone (known token formats, private keys, URLs with a
 * password, JWTs). Used by `detectCredential`, and usable on any string (outputs, state values).
 */
export function detectCredentialFormat(fullValue: string): CredentialMatch | undefined {
  const value = analysedPart(fullValue);
  for (const format of CREDENTIAL_FORMATS) {
    const match = format.pattern.exec(value);
    if (match && !isPlaceholderToken(match[0])) {
      return { kind: format.kind, reason: `the value has the format of ${format.description}` };
    }
  }
  if (urlPasswordMatch(value) !== undefined) {
    return { kind: "url-credentials", reason: "the value is a URL with an inline user:password@" };
  }
  const queryCredential = URL_QUERY_CREDENTIAL.exec(value);
  if (queryCredential && !isNonLiteralPassword(queryCredential[1])) {
    return {
      kind: "url-query-credentials",
      reason: "the value is a URL carrying a password or token in its query",
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
  if (containsBase64PrivateKey(value)) {
    return { kind: "base64-private-key", reason: "the value holds a PEM private key in base64" };
  }
  return undefined;
}

/** A value in a credential's shape but filled with placeholder characters (`SCWXXXXXXXXXXXXXXXXX`). */
function isFormatPlaceholder(value: string): boolean {
  return CREDENTIAL_FORMATS.some((format) => {
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
/** Random-looking token: no spaces, at least 16 characters, digits mixed with letters. */
const TOKEN_SHAPE = /^[A-Za-z0-9+/=_.~:-]{16,}$/;
const MIN_KEY_ENTROPY_BITS_PER_CHAR = 3.2;

function looksRandom(value: string): boolean {
  if (UUID_ANY_CASE.test(value)) return true;
  if (!TOKEN_SHAPE.test(value) || !/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  return shannonEntropy(value) >= MIN_KEY_ENTROPY_BITS_PER_CHAR;
}

// --- The decision -----------------------------------------------------------------------------

/**
 * Returns why `value`, held by a variable called `name`, is a hardcoded credential, or undefined.
 * (a) a literal under a credential-like name; (b) a known credential format under any name, or a
 * JSON document whose fields hold one; (c) a random-looking value (high entropy, or a UUID) under a
 * merely key-like name.
 */
export function detectCredential(name: string, fullValue: string): CredentialMatch | undefined {
  const value = analysedPart(fullValue);
  const byFormat = detectCredentialFormat(value);
  if (byFormat) return byFormat;
  const embedded = embeddedCredential(value);
  if (embedded) {
    return {
      kind: embedded.match.kind,
      reason: `the value is a JSON document whose field "${embedded.key}" holds a credential`,
    };
  }
  return detectCredentialByName(name, value);
}

/** Rules (a) and (c): what the name says, and whether the value is a literal or looks random. */
function detectCredentialByName(name: string, value: string): CredentialMatch | undefined {
  const strength = nameStrength(name);
  if (strength === "neutral") return undefined;
  const trimmed = value.trim();
  if (nonLiteralReason(trimmed) !== undefined || isFormatPlaceholder(trimmed)) return undefined;

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
