// The credential formats recognisable from a value alone: vendor tokens with a documented prefix,
// length and alphabet, private keys and password hashes. Each pattern is written from the vendor's
// documented format, as summarised in gitleaks' public rule descriptions
// (github.com/gitleaks/gitleaks, cmd/generate/config/rules/*.go, read 2026-12-03), and is distinctive
// enough never to be a coincidence. Every quantifier is bounded, so that scanning stays linear on
// hostile input.
//
// Pure, node-free data: contracts/detectors/credentials.ts and (through it) the policy pack use it.

export interface CredentialFormat {
  kind: string;
  description: string;
  pattern: RegExp;
  /** A literal every match contains: a value without it is skipped without running the pattern. */
  literal?: string;
}

/** No letter or digit right before a token: `xghp_...` is not a GitHub token. */
const START = "(?<![A-Za-z0-9])";
/** No letter or digit right after a fixed-length token. */
const END = "(?![A-Za-z0-9])";

function token(body: string, end = END): RegExp {
  return new RegExp(`${START}${body}${end}`);
}

export const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

export const CREDENTIAL_FORMATS: readonly CredentialFormat[] = [
  { kind: "pem-private-key", description: "a PEM private key block", pattern: PEM_PRIVATE_KEY },
  {
    kind: "putty-private-key",
    description: "a PuTTY private key file",
    pattern: /PuTTY-User-Key-File-\d: /,
  },
  {
    kind: "scaleway-access-key",
    description: "a Scaleway access key (SCW followed by 17 characters)",
    pattern: token("SCW[A-Z0-9]{17}"),
  },
  {
    kind: "aws-access-key",
    description: "an AWS access key ID (AKIA/ASIA...)",
    pattern: token("(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}"),
  },
  {
    kind: "github-token",
    description: "a GitHub token (ghp_/gho_/ghu_/ghs_/ghr_ or github_pat_)",
    pattern: token("(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{50,255})"),
  },
  {
    kind: "gitlab-token",
    description: "a GitLab token (glpat-, gldt-, glrt-, glcbt-, glft-, gloas-, glagent-, glptt-)",
    pattern: token("gl(?:pat|dt|rt|ft|ptt|imt|ffct|oas|agent|cbt)-[A-Za-z0-9_-]{20,255}", ""),
  },
  {
    kind: "slack-token",
    description: "a Slack token (xoxb-/xoxp-/xoxa-/xoxr-/xoxs-/xoxe-, xapp-)",
    pattern: token("(?:xox[baprse]|xapp)-[A-Za-z0-9-]{10,255}", ""),
  },
  {
    kind: "slack-webhook",
    description: "a Slack incoming webhook URL, whose path is the secret",
    pattern:
      /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]{1,32}\/B[A-Za-z0-9]{1,32}\/[A-Za-z0-9]{16,}/,
  },
  {
    kind: "discord-webhook",
    description: "a Discord webhook URL, whose path is the secret",
    pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/[A-Za-z0-9_-]{30,}/,
  },
  {
    kind: "microsoft-teams-webhook",
    description: "a Microsoft Teams incoming webhook URL, whose path is the secret",
    pattern:
      /https:\/\/[A-Za-z0-9-]{1,64}\.(?:webhook\.office|outlook\.office(?:365)?)\.com\/webhook(?:b2)?\/[0-9a-f-]{36}@[0-9a-f-]{36}\/IncomingWebhook\/[0-9a-f]{32}\/[0-9a-f-]{36}/i,
  },
  {
    kind: "deploy-hook-url",
    description: "a deploy or build hook URL (Netlify, Vercel), whose path triggers deployments",
    pattern:
      /https:\/\/api\.(?:netlify\.com\/build_hooks\/[a-f0-9]{24}|vercel\.com\/v1\/integrations\/deploy\/prj_[A-Za-z0-9]{10,64}\/[A-Za-z0-9]{8,64})/,
  },
  {
    kind: "stripe-secret-key",
    description: "a Stripe secret or restricted key (sk_live_/rk_live_/sk_test_)",
    pattern: token("(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,255}", ""),
  },
  {
    kind: "google-api-key",
    description: "a Google API key (AIza...)",
    pattern: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/,
  },
  {
    kind: "google-oauth-client-secret",
    description: "a Google OAuth client secret (GOCSPX-)",
    pattern: token("GOCSPX-[A-Za-z0-9_-]{28}", ""),
  },
  {
    kind: "google-oauth-token",
    description: "a Google OAuth access token (ya29.) or refresh token (1//0)",
    pattern: token("(?:ya29\\.[A-Za-z0-9_-]{30,2048}|1//0[A-Za-z0-9_-]{30,512})", ""),
  },
  {
    kind: "sendgrid-api-key",
    description: "a SendGrid API key (SG.xxx.yyy)",
    pattern: /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
  },
  {
    kind: "npm-token",
    description: "an npm access token (npm_)",
    pattern: token("npm_[A-Za-z0-9]{36}"),
  },
  {
    kind: "pypi-token",
    description: "a PyPI upload token (pypi- followed by a macaroon for pypi.org)",
    pattern: /pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}/,
  },
  {
    kind: "openai-api-key",
    description: "an OpenAI/Anthropic-style API key (sk-...)",
    pattern: /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-|ant-[a-z0-9]+-)?[A-Za-z0-9_-]{32,255}/,
  },
  {
    kind: "huggingface-token",
    description: "a Hugging Face access token (hf_ and 34 letters)",
    pattern: token("(?:hf_|api_org_)[A-Za-z]{34}"),
  },
  {
    kind: "digitalocean-token",
    description: "a DigitalOcean token (dop_v1_/doo_v1_/dor_v1_ and 64 hex digits)",
    pattern: token("do[opr]_v1_[a-f0-9]{64}"),
  },
  {
    kind: "shopify-token",
    description: "a Shopify token or shared secret (shpat_/shpss_/shpca_/shppa_ and 32 hex digits)",
    pattern: token("shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}"),
  },
  {
    kind: "twilio-api-key",
    description: "a Twilio API key (SK and 32 hex digits)",
    pattern: token("SK[0-9a-fA-F]{32}"),
  },
  {
    kind: "mailgun-api-key",
    description: "a Mailgun private API key (key- and 32 hex digits)",
    pattern: token("key-[a-f0-9]{32}"),
  },
  {
    kind: "linear-api-key",
    description: "a Linear API key (lin_api_ and 40 characters)",
    pattern: token("lin_api_[A-Za-z0-9]{40}"),
  },
  {
    kind: "doppler-token",
    description: "a Doppler token (dp.pt./dp.st./dp.ct./dp.sa. and 40+ characters)",
    pattern: token("dp\\.(?:pt|st|ct|sa|scim|audit)\\.[A-Za-z0-9_-]{40,64}", ""),
  },
  {
    kind: "terraform-cloud-token",
    description: "a Terraform Cloud / HashiCorp API token (<14>.atlasv1.<60+>)",
    pattern: /(?<![A-Za-z0-9])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}/,
    literal: ".atlasv1.",
  },
  {
    kind: "vault-token",
    description: "a HashiCorp Vault service or batch token (hvs./hvb.)",
    pattern: token("hv[sb]\\.[A-Za-z0-9_-]{24,300}", ""),
  },
  {
    kind: "pulumi-access-token",
    description: "a Pulumi access token (pul- and 40 hex digits)",
    pattern: token("pul-[a-f0-9]{40}"),
  },
  {
    kind: "postman-api-key",
    description: "a Postman API key (PMAK-)",
    pattern: token("PMAK-[a-f0-9]{24}-[a-f0-9]{34}"),
  },
  {
    kind: "databricks-token",
    description: "a Databricks token (dapi and 32 hex digits)",
    pattern: token("dapi[a-f0-9]{32}(?:-\\d)?"),
  },
  {
    kind: "grafana-token",
    description: "a Grafana Cloud or service account token (glc_/glsa_)",
    pattern: token("(?:glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})", ""),
  },
  {
    kind: "sentry-token",
    description: "a Sentry auth token (sntrys_/sntryu_)",
    pattern: token("sntry[su]_[A-Za-z0-9+/=_]{40,600}", ""),
  },
  {
    kind: "docker-hub-token",
    description: "a Docker Hub personal access token (dckr_pat_)",
    pattern: token("dckr_pat_[A-Za-z0-9_-]{27,64}", ""),
  },
  {
    kind: "alibaba-access-key",
    description: "an Alibaba Cloud AccessKey ID (LTAI and 20 characters)",
    pattern: token("LTAI[A-Za-z0-9]{20}"),
  },
  {
    kind: "atlassian-api-token",
    description: "an Atlassian API token (ATATT3)",
    pattern: token("ATATT3[A-Za-z0-9_=-]{150,250}", ""),
  },
  {
    kind: "heroku-api-key",
    description: "a Heroku API key (HRKU-AA)",
    pattern: token("HRKU-AA[0-9A-Za-z_-]{58}"),
  },
  {
    kind: "square-token",
    description: "a Square access token or secret (sq0atp-/sq0csp-)",
    pattern: token("sq0(?:atp|csp)-[A-Za-z0-9_-]{22,60}", ""),
  },
  {
    kind: "planetscale-token",
    description: "a PlanetScale password or token (pscale_pw_/pscale_tkn_/pscale_oauth_)",
    pattern: token("pscale_(?:pw|tkn|oauth)_[A-Za-z0-9_=.-]{32,64}", ""),
  },
  {
    kind: "rubygems-api-key",
    description: "a RubyGems API key (rubygems_ and 48 hex digits)",
    pattern: token("rubygems_[a-f0-9]{48}"),
  },
  {
    kind: "telegram-bot-token",
    description: "a Telegram bot token (the bot's numeric ID, a colon, A and 34 characters)",
    // Alone, or in a Bot API URL (`https://api.telegram.org/bot<token>/sendMessage`).
    pattern: /(?:(?<![A-Za-z0-9:])|(?<=\/bot))\d{5,16}:A[A-Za-z0-9_-]{34}(?![A-Za-z0-9_-])/,
    literal: ":A",
  },
  {
    kind: "mailchimp-api-key",
    description: "a Mailchimp API key (32 hex digits, -us and the data centre number)",
    pattern: token("[0-9a-f]{32}-us\\d{1,2}"),
    literal: "-us",
  },
  {
    kind: "new-relic-api-key",
    description: "a New Relic user API key (NRAK- and 27 characters)",
    pattern: token("NRAK-[A-Za-z0-9]{27}"),
  },
  {
    kind: "facebook-access-token",
    description: "a Facebook (Meta) access token (EAAC/EAAM/EAAG and 100+ characters)",
    pattern: token("EAA[CMG][A-Za-z0-9]{100,1024}", ""),
  },
  {
    kind: "azure-ad-client-secret",
    description: "an Azure AD (Entra ID) client secret (three characters, a digit, Q~, then 31 to 34)",
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/,
  },
  {
    kind: "age-secret-key",
    description: "an age encryption secret key (AGE-SECRET-KEY-1...)",
    pattern: /AGE-SECRET-KEY-1[0-9A-Z]{58}/,
  },
  {
    kind: "connection-string-password",
    description: "a connection string with an inline password or account key",
    pattern:
      /(?:^|[;\s])(?:password|pwd|accountkey|sharedaccesskey|sharedaccesssignature)\s*=\s*(?!\$\{)[^;\s'"]{1,512}/i,
  },
];

/**
 * Keys printed in vendors' public documentation, which therefore authenticate nothing: Stripe's
 * published test keys. (AWS's documented keys spell EXAMPLE and are caught by that.) Split so that
 * this source holds no token-shaped literal.
 */
export const DOCUMENTED_EXAMPLE_VALUES: ReadonlySet<string> = new Set([
  "sk_" + "test_4eC39HqLyjWDarjtT1zdp7dc",
  "sk_" + "test_BQokikJOvBiI2HlWgH4olfQ2",
  "pk_" + "test_TYooMQauvdEDq54NiTphI7jx",
]);

/**
 * A password hash as a whole value (bcrypt, argon2, scrypt, yescrypt, sha-crypt, md5-crypt, Apache
 * apr1, Django pbkdf2, LDAP `{SSHA}`), optionally as an htpasswd `user:hash` line. A hash is not a
 * cleartext credential: it does not authenticate, so it is not flagged (docs/secret-detection.md).
 */
const HASH_BODY =
  "(?:\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}" +
  "|\\$argon2(?:id|i|d)\\$(?:v=\\d{1,3}\\$)?m=\\d{1,10},t=\\d{1,4},p=\\d{1,4}\\$[A-Za-z0-9+/]{8,128}\\$[A-Za-z0-9+/]{16,256}" +
  "|\\$(?:1|5|6)\\$(?:rounds=\\d{1,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{22,86}" +
  "|\\$apr1\\$[./A-Za-z0-9]{1,8}\\$[./A-Za-z0-9]{22}" +
  "|\\$y\\$[./A-Za-z0-9]{1,64}\\$[./A-Za-z0-9]{1,64}\\$[./A-Za-z0-9]{43}" +
  "|\\$7\\$[./A-Za-z0-9]{11,64}\\$[./A-Za-z0-9]{43}" +
  "|\\$scrypt\\$ln=\\d{1,3},r=\\d{1,3},p=\\d{1,3}\\$[A-Za-z0-9+/.]{1,128}\\$[A-Za-z0-9+/.]{16,256}" +
  "|pbkdf2_sha(?:1|256|512)\\$\\d{1,7}\\$[A-Za-z0-9./+]{1,128}\\$[A-Za-z0-9+/=]{16,256}" +
  "|\\{(?:SSHA|SSHA256|SSHA512|SHA|SHA256|SHA512|CRYPT|PBKDF2[-A-Z0-9]{0,16})\\}[A-Za-z0-9+/=.$]{8,512})";
const PASSWORD_HASH_LINE = new RegExp(`^(?:[^:\\s]{1,256}:)?${HASH_BODY}$`);

/** True when every non-empty line of the value is a password hash (or an htpasswd `user:hash`). */
export function isPasswordHashValue(value: string): boolean {
  const lines = value
    .trim()
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return lines.length > 0 && lines.length <= 1024 && lines.every((line) => PASSWORD_HASH_LINE.test(line));
}

/**
 * Documentation placeholders in a credential's shape (`SCWXXXXXXXXXXXXXXXXX`, `ghp_xxxx...`): real
 * tokens are random, so a match made of a handful of distinct characters is not one, nor is one
 * that spells out EXAMPLE.
 */
export function isPlaceholderToken(matched: string): boolean {
  // Vendors' documentation examples say so (AWS: `AKIA...EXAMPLE`, `...EXAMPLEKEY`); fillers after
  // a vendor prefix (`sk_live_xxxxxxxx...`, `ghp_000000...`) are runs no random token has.
  return (
    new Set(matched).size < 8 ||
    /EXAMPLE|NOT[-_]?A[-_]?REAL|PLACEHOLDER|REDACTED/i.test(matched) ||
    /([A-Za-z0-9])\1{7}/.test(matched) ||
    DOCUMENTED_EXAMPLE_VALUES.has(matched)
  );
}
