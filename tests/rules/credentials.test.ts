// Unit behaviour of the credential detector (CTR-6, SECU-1, SEC-3): one format or rule per test.
// Token-shaped values are assembled at run time so the source holds nothing that looks real.

import {
  detectCredential,
  detectCredentialFormat,
  isCredentialLikeName,
  isKeyLikeName,
  MAX_ANALYSED_VALUE_LENGTH,
  redactValue,
  shannonEntropy,
} from "@scaleway-infra/contracts/detectors/credentials";

const repeatAlphabet = (alphabet: string, length: number): string =>
  Array.from({ length }, (_, index) => alphabet[(index * 7 + 3) % alphabet.length]).join("");
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("credential-like names", () => {
  it.each([
    "DB_PASSWORD",
    "dbPassword",
    "API_KEY",
    "apiKey",
    "SCW_SECRET_KEY",
    "AUTH_TOKEN",
    "CREDENTIALS",
    "PGPASSWORD",
  ])("treats %s as naming a credential", (name) => expect(isCredentialLikeName(name)).toBe(true));

  it.each([
    "TOKEN_TTL",
    "PASSWORD_MIN_LENGTH",
    "SECRET_NAME",
    "DB_PASSWORD_SECRET_ID",
    "PASSWORD_FILE",
    "SECRETARY",
  ])("treats %s as metadata, not a credential", (name) => expect(isCredentialLikeName(name)).toBe(false));

  it("treats a bare KEY as key-like but not as naming a credential", () => {
    expect(isCredentialLikeName("KEY")).toBe(false);
    expect(isKeyLikeName("KEY")).toBe(true);
  });

  it("does not treat PUBLIC_KEY or CACHE_KEY as key-like", () => {
    expect(isKeyLikeName("PUBLIC_KEY")).toBe(false);
    expect(isKeyLikeName("CACHE_KEY")).toBe(false);
  });
});

describe("literals under credential-like names", () => {
  it("flags a literal password", () => {
    expect(detectCredential("DB_PASSWORD", "hunter2-Prod!")?.kind).toBe("credential-name-literal");
  });

  it.each([
    ["an empty value", ""],
    ["a ${...} reference", "${DB_PASSWORD}"],
    ["a boolean", "true"],
    ["a number of up to 3 digits (a flag or a count)", "12"],
    ["a path", "/run/secrets/db_password"],
    ["a declared secret name", "production-documentation-database_url"],
    ["a mask", "********"],
    ["a URL without credentials", "https://vault.example.com/v1"],
  ])("accepts %s under a credential-like name", (_label, value) => {
    expect(detectCredential("DB_PASSWORD", value)).toBeUndefined();
  });

  it("reports a UUID under SCW_SECRET_KEY as a Scaleway secret key", () => {
    expect(detectCredential("SCW_SECRET_KEY", "0f3c2b1a-9d8e-4f7a-b6c5-d4e3f2a1b0c9")?.kind).toBe(
      "scaleway-secret-key",
    );
  });

  it("accepts a UUID under a neutral name such as SCW_DEFAULT_PROJECT_ID", () => {
    expect(
      detectCredential("SCW_DEFAULT_PROJECT_ID", "0f3c2b1a-9d8e-4f7a-b6c5-d4e3f2a1b0c9"),
    ).toBeUndefined();
  });
});

describe("entropy counts only with a key-like name", () => {
  const randomLooking = "q8Zr3kW1pX7vN2mB5tY9cL4sD6fH0jG";

  it("flags a random-looking value under a key-like name", () => {
    expect(detectCredential("KEY", randomLooking)?.kind).toBe("credential-name-high-entropy");
  });

  it("accepts the same random-looking value under a neutral name", () => {
    expect(detectCredential("CACHE_BUSTER", randomLooking)).toBeUndefined();
  });

  it("accepts a low-entropy value under a key-like name", () => {
    expect(detectCredential("KEY", "user-profile-v2")).toBeUndefined();
  });

  it("measures more entropy in random text than in repeated text", () => {
    expect(shannonEntropy(randomLooking)).toBeGreaterThan(4);
    expect(shannonEntropy("aaaaaaaaaaaaaaaa")).toBe(0);
  });
});

describe("known credential formats, under any name", () => {
  it.each([
    ["scaleway-access-key", `SCW${repeatAlphabet(UPPER, 17)}`],
    ["aws-access-key", `AKIA${repeatAlphabet(UPPER, 16)}`],
    ["github-token", `ghp_${repeatAlphabet(ALNUM, 36)}`],
    ["github-token", `github_pat_${repeatAlphabet(ALNUM, 22)}_${repeatAlphabet(ALNUM, 59)}`],
    ["gitlab-token", `glpat-${repeatAlphabet(ALNUM, 20)}`],
    ["slack-token", `xoxb-${repeatAlphabet(ALNUM, 30)}`],
    ["stripe-secret-key", `sk_live_${repeatAlphabet(ALNUM, 24)}`],
    ["google-api-key", `AIza${repeatAlphabet(ALNUM, 35)}`],
    ["sendgrid-api-key", `SG.${repeatAlphabet(ALNUM, 22)}.${repeatAlphabet(ALNUM, 43)}`],
    ["npm-token", `npm_${repeatAlphabet(ALNUM, 36)}`],
    [
      "pem-private-key",
      `-----BEGIN RSA PRIVATE KEY-----\n${repeatAlphabet(ALNUM, 64)}\n-----END RSA PRIVATE KEY-----`,
    ],
    [
      "pem-private-key",
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${repeatAlphabet(ALNUM, 64)}\n-----END OPENSSH PRIVATE KEY-----`,
    ],
    ["url-credentials", "postgres://app:pa55word@db.internal:5432/app"],
    ["url-query-credentials", "https://api.example.com/hook?access_token=abcdef123456"],
    ["connection-string-password", "Host=db;Username=app;Password=pa55word"],
    ["jwt", `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ sub: "x" })}.${repeatAlphabet(ALNUM, 43)}`],
    ["http-basic-credentials", `Basic ${Buffer.from("deploy:pa55word").toString("base64")}`],
  ])("recognises %s", (kind, value) => {
    expect(detectCredential("SOME_SETTING", value)?.kind).toBe(kind);
  });

  it("recognises base64 of a PEM private key", () => {
    const pem = `-----BEGIN PRIVATE KEY-----\n${repeatAlphabet(ALNUM, 64)}\n-----END PRIVATE KEY-----`;
    expect(detectCredentialFormat(Buffer.from(pem).toString("base64"))?.kind).toBe("base64-private-key");
  });

  it("does not take a certificate or a public key for a private key", () => {
    expect(
      detectCredentialFormat(
        `-----BEGIN CERTIFICATE-----\n${repeatAlphabet(ALNUM, 64)}\n-----END CERTIFICATE-----`,
      ),
    ).toBeUndefined();
    expect(
      detectCredentialFormat(
        `-----BEGIN PUBLIC KEY-----\n${repeatAlphabet(ALNUM, 64)}\n-----END PUBLIC KEY-----`,
      ),
    ).toBeUndefined();
  });

  it("does not take a three-segment base64url value without an alg header for a JWT", () => {
    expect(detectCredentialFormat(`${b64url({ typ: "ctx" })}.${b64url({ a: 1 })}.sig`)).toBeUndefined();
  });

  it("does not take a URL whose password is a reference for a credential", () => {
    expect(detectCredentialFormat("postgres://app:${DB_PASSWORD}@db:5432/app")).toBeUndefined();
  });

  it("does not take an image digest for a credential", () => {
    expect(detectCredential("IMAGE_DIGEST", `sha256:${"ab12".repeat(16)}`)).toBeUndefined();
  });

  it("does not take a documentation placeholder in a token's shape for a token", () => {
    expect(detectCredential("SCW_ACCESS_KEY", "SCWXXXXXXXXXXXXXXXXX")).toBeUndefined();
  });
});

describe("credentials inside structured values", () => {
  it("flags a JSON document whose field holds a password", () => {
    const match = detectCredential(
      "APP_CONFIG",
      JSON.stringify({ db: { host: "db", password: "pa55word" } }),
    );
    expect(match?.reason).toMatch(/field "password"/);
  });

  it("accepts a JSON document without credential fields", () => {
    expect(detectCredential("APP_CONFIG", JSON.stringify({ log: "info", port: 8080 }))).toBeUndefined();
  });

  it("finds a private key in base64 nested inside base64", () => {
    const pem = `-----BEGIN EC PRIVATE KEY-----\n${repeatAlphabet(ALNUM, 64)}\n-----END EC PRIVATE KEY-----`;
    const kubeconfig = `client-key-data: ${Buffer.from(pem).toString("base64")}`;
    expect(detectCredential("KUBECONFIG_DATA", Buffer.from(kubeconfig).toString("base64"))?.kind).toBe(
      "base64-private-key",
    );
  });
});

describe("what people write (issue 11, section 3)", () => {
  const random40 = repeatAlphabet(`${ALNUM}+/`, 40);
  const token32 = repeatAlphabet(ALNUM, 32);
  const b64 = (text: string): string => Buffer.from(text).toString("base64");

  it("flags a Bearer token under a neutral name", () => {
    expect(detectCredential("UPSTREAM_HEADER", `Bearer ${token32}`)?.kind).toBe("http-bearer-token");
    expect(detectCredential("HEADERS", `Authorization: Bearer ${token32}`)?.kind).toBe("http-bearer-token");
  });

  it("accepts a Bearer header whose token is a reference or a placeholder", () => {
    expect(detectCredential("UPSTREAM_HEADER", "Bearer ${API_TOKEN}")).toBeUndefined();
    expect(detectCredential("UPSTREAM_HEADER", "Bearer <token>")).toBeUndefined();
    expect(detectCredential("UPSTREAM_HEADER", "Bearer $TOKEN")).toBeUndefined();
  });

  it("flags a base64-wrapped key=value payload holding a password", () => {
    expect(detectCredential("BOOTSTRAP", b64("user=app\npassword=Pr0d-pa55!"))?.reason).toMatch(/base64/);
    expect(detectCredential("BOOTSTRAP", b64("password=Pr0d-pa55!"))).toBeDefined();
  });

  it("flags a base64-wrapped JSON payload holding a credential", () => {
    expect(detectCredential("BLOB", b64(JSON.stringify({ db: { password: "Pr0d-pa55!" } })))).toBeDefined();
  });

  it("accepts base64 of harmless key=value text", () => {
    expect(detectCredential("BLOB", b64("log_level=info\nregion=fr-par"))).toBeUndefined();
  });

  it("flags a 40-character random key under a key-like name", () => {
    for (const name of ["KEY", "SIGNING", "DEPLOY_KEY", "stripeKey", "service.key", "AUTH"]) {
      expect([name, detectCredential(name, random40)?.kind]).toEqual([name, expect.any(String)]);
    }
  });

  it("flags an AWS secret access key under a neutral name", () => {
    expect(detectCredential("SOME_SETTING", random40)?.kind).toBe("aws-secret-access-key");
  });

  it("accepts a 40-character commit hash or fingerprint under a neutral name", () => {
    expect(detectCredential("GIT_COMMIT", "0123456789abcdef".repeat(3).slice(0, 40))).toBeUndefined();
    expect(detectCredential("FINGERPRINT", "0123456789ABCDEF".repeat(3).slice(0, 40))).toBeUndefined();
  });
});

describe("development cases for the broadened detector", () => {
  const b64 = (text: string): string => Buffer.from(text).toString("base64");
  const hex = (length: number): string => repeatAlphabet("0123456789abcdef", length);
  const alnum = (length: number): string => repeatAlphabet(ALNUM, length);
  const letters = (length: number): string =>
    repeatAlphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", length);

  it.each([
    ["a token scheme header", `token ${alnum(40)}`],
    ["a header list with an API key", `Accept: application/json\nX-Api-Key: ${alnum(32)}`],
    ["an env file with a token", `LOG_LEVEL=info\nAPI_TOKEN=${alnum(24)}`],
    ["a base64 env file", b64(`REGION=fr-par\nDB_PASSWORD=${alnum(14)}`)],
    [
      "a Docker config auth",
      JSON.stringify({ auths: { "rg.fr-par.scw.cloud": { auth: b64(`ci:${alnum(20)}`) } } }),
    ],
    ["an .npmrc auth line", `//registry.npmjs.org/:_password=${b64(alnum(16))}`],
    ["a .netrc entry", `machine git.example.com login ci password ${alnum(20)}`],
    ["a command line with a password flag", `pg_dump --host db --password=${alnum(16)} app`],
    ["a command line with a token flag", `runner register --token ${alnum(24)} --url https://ci.example`],
    ["an Azure SAS URL", `https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sr=b&sig=${alnum(43)}%3D`],
    ["a DigitalOcean token", `dop_v1_${hex(64)}`],
    ["a Hugging Face token", `hf_${letters(34)}`],
    ["a Slack app token", `xapp-1-A${alnum(10)}-${"1234567890123"}-${hex(64)}`],
    ["an Azure AD client secret", `abc8Q~${repeatAlphabet(`${ALNUM}_~.-`, 34)}`],
    ["an AWS credentials file", `[default]\naws_access_key_id = AKIA${repeatAlphabet(UPPER, 16)}`],
    ["an AWS secret in an INI line", `secret = ${repeatAlphabet(`${ALNUM}+/`, 40)}`],
    ["a Telegram bot token", `123456789:A${repeatAlphabet(`${ALNUM}_-`, 34)}`],
    ["a Mailchimp key", `${hex(32)}-us14`],
    ["a New Relic key", `NRAK-${repeatAlphabet(UPPER, 27)}`],
    ["curl with a user and password", `curl -u deploy:${alnum(16)} https://ci.example/api`],
    ["a Redis configuration line", `requirepass ${alnum(20)}`],
    ["an XML password element", `<settings><password>${alnum(14)}</password></settings>`],
    ["a .NET config key", `<add key="ClearTextPassword" value="${alnum(14)}" />`],
    ["a YAML fragment with a password", `database:\n  user: app\n  password: "Pr0d pass phrase"`],
  ])("flags %s under a neutral name", (_label, value) => {
    expect(detectCredential("SOME_SETTING", value)).toBeDefined();
  });

  it.each([
    [
      "docker login reading the password from stdin",
      "docker login --password-stdin -u ci rg.fr-par.scw.cloud",
    ],
    ["prose that mentions a Bearer token", "Use a Bearer token from the identity provider"],
    ["a subresource integrity hash", `sha384-${repeatAlphabet(`${ALNUM}+/`, 64)}`],
    [
      "settings about credentials",
      JSON.stringify({ token_ttl: 3600, password_min_length: 12, passwordless: true }),
    ],
    ["base64 of a label pair", b64("team:platform")],
    ["base64 of harmless settings", b64("LOG_LEVEL=info\nREGION=fr-par\nTOKEN_TTL=3600")],
    ["a command line without secrets", "psql --host db --username app --dbname app"],
    ["a header whose token is a reference", "Authorization: Bearer ${TOKEN}"],
    ["YAML whose password is a reference", "password: ${DB_PASSWORD}\nuser: app"],
    ["a dashboard URL", "https://grafana.example/d/abc?orgId=1&refresh=30s"],
    ["a pod name", "documentation-7d9f8b6c5d-x2k4p"],
    ["an image reference", "rg.fr-par.scw.cloud/gov/app:1.2.3"],
    ["a git remote over SSH", "git@github.com:org/repo.git"],
    ["a commit hash", hex(40)],
    ["an upper-case fingerprint", hex(40).toUpperCase()],
    ["a UUID", "0f3c2b1a-9d8e-4f7a-b6c5-d4e3f2a1b0c9"],
    ["curl with a user only", "curl -u deploy https://ci.example/api"],
    ["an XML element that is no credential", "<region>fr-par</region>"],
    ["a time of day", "12:30:45"],
    ["base64 of binary data", Buffer.from(hex(64), "hex").toString("base64")],
  ])("accepts %s under a neutral name", (_label, value) => {
    expect(detectCredential("SOME_SETTING", value)).toBeUndefined();
  });

  it.each([
    ["Bearer headers", "Bearer ".repeat(150_000)],
    ["assignments", "a=b;".repeat(250_000)],
    ["flags", "--password ".repeat(100_000)],
    ["base64 runs", "QUFBQUFBQUFBQUFBQUFB ".repeat(50_000)],
    ["nested JSON", `${'{"a":'.repeat(100_000)}1`],
    ["XML elements", "<password>".repeat(100_000)],
    ["user flags", "-u a:".repeat(200_000)],
    ["spaced passwords", "password ".repeat(110_000)],
    ["40-character tokens", `${repeatAlphabet(`${ALNUM}+/`, 40)} `.repeat(25_000)],
  ])("judges a 1 MB value of %s quickly", (_label, value) => {
    const started = Date.now();
    detectCredential("SOME_SETTING", value);
    detectCredential("API_KEY", value);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe("classes revealed by the first blind measurement (tested on cases of our own)", () => {
  const alnum = (length: number): string => repeatAlphabet(ALNUM, length);

  it.each([
    ["a GitHub Actions expression", "${{ vars.DEPLOY_TOKEN }}"],
    ["an Azure DevOps or Octopus substitution", "#{Octopus.Action.DbPassword}"],
    ["a Symfony env processor", "%env(resolve:DB_PASS)%"],
    ["a Windows variable", "%DB_PASSWORD%"],
    ["a secret manager reference without //", "awssm:prod/db#password"],
    ["an AWS SSM parameter ARN", "arn:aws:ssm:eu-west-3:123456789012:parameter/db/password"],
    ["a SOPS value", `ENC[AES256_GCM,data:${alnum(24)}=,iv:${alnum(43)}=,tag:${alnum(22)}==,type:str]`],
    ["a Pulumi passphrase ciphertext", `v1:${alnum(16)}:${alnum(48)}==`],
    ["a Pulumi Cloud ciphertext", `AAABA${alnum(60)}=`],
    ["an Ansible Vault block", "$ANSIBLE_VAULT;1.1;AES256\n6331336435"],
    ["a TODO", "TODO"],
    ["an instruction to insert the value", "insert-your-token-here"],
    ["a value of one repeated digit", "11111111-1111-1111-1111-111111111111"],
  ])("accepts %s under a credential-like name", (_label, value) => {
    expect(detectCredential("DB_PASSWORD", value)).toBeUndefined();
  });

  it("still flags a weak real password such as changeme", () => {
    expect(detectCredential("DB_PASSWORD", "changeme")).toBeDefined();
  });

  it("does not take a vendor's documentation example for a key", () => {
    expect(detectCredential("SOME_SETTING", `ASIA${"EXAMPLE"}${repeatAlphabet(UPPER, 9)}`)).toBeUndefined();
  });

  it.each([
    ["a Go MySQL DSN over a socket", `root:${alnum(14)}@unix(/var/run/mysqld/mysqld.sock)/app`],
    ["a DSN without a scheme", `app:${alnum(14)}@db.internal:5432/app`],
    ["a .pgpass line with wildcards", `*:*:*:replicator:${alnum(16)}`],
  ])("flags %s under a neutral name", (_label, value) => {
    expect(detectCredential("SOME_SETTING", value)?.kind).toBe("dsn-password");
  });

  // A URL whose scheme was left out, as pasted into a domain list (attack 2, issue 11).
  it.each([
    ["a host with user:password@", `user:${alnum(11)}@docs.example.com`],
    ["a host with a port", `deploy:${alnum(14)}@registry.example.org:8443`],
    ["a host with a path", `deploy:${alnum(14)}@registry.example.org/v2/`],
    ["a percent-encoded password", `admin:p%40ss${alnum(6)}@db.example.net`],
  ])("flags %s without a scheme", (_label, value) => {
    expect(detectCredential("SOME_SETTING", value)?.kind).toBe("url-credentials");
    expect(detectCredential("0", value)?.kind).toBe("url-credentials");
  });

  it.each([
    ["a mailto address with digits", "mailto:ops2@example.gov"],
    ["a sip address", "sip:alice2@voip.example.com"],
    ["a notification channel", "email:platform-staging@example.gouv.fr"],
    ["a notification channel with digits", "email:ops2@example.gouv.fr"],
    ["a hyphenated word as password", "user:platform-staging@docs.example.com"],
    ["a git remote", "git@github.com:scaleway/docs-content.git"],
    ["an image pinned by digest", `nginx:1.25@sha256:${"a".repeat(64)}`],
    ["a word as password", "user:password@docs.example.com"],
    ["a placeholder password", "user:${PASSWORD}@docs.example.com"],
    ["a masked password", "user:****@docs.example.com"],
    ["a bare e-mail address", "ops@example.gov"],
    ["a host and port", "docs.example.com:443"],
  ])("accepts %s without a scheme", (_label, value) => {
    expect(detectCredential("SOME_SETTING", value)).toBeUndefined();
  });

  it.each([
    ["a mailto address", "mailto:ops@example.gov"],
    ["a .pgpass line whose password is a reference", "db:5432:app:app:${PGPASSWORD}"],
    ["a DSN without a password", "app@tcp(db.internal:3306)/app"],
  ])("accepts %s under a neutral name", (_label, value) => {
    expect(detectCredential("SOME_SETTING", value)).toBeUndefined();
  });
});

describe("classes revealed by the second blind measurement (tested on cases of our own)", () => {
  const alnum = (length: number): string => repeatAlphabet(ALNUM, length);
  const hex = (length: number): string => repeatAlphabet("0123456789abcdef", length);
  const crypt = (length: number): string => repeatAlphabet(`${ALNUM}./`, length);
  const uuid = (seed: number): string => {
    const digits = Array.from({ length: 32 }, (_, index) => "0123456789abcdef"[(index * 5 + seed) % 16]);
    const text = digits.join("");
    return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
  };

  describe("template placeholders of every templating system", () => {
    it.each([
      ["SMTP_PASSWORD", "%(smtp_pass)s", "Python %-formatting"],
      ["API_TOKEN", "{api_token}", "str.format or a URI template"],
      ["REGISTRY_PASSWORD", "#{RegistryPassword}#", "replace-tokens"],
      ["REDIS_PASSWORD", "__REDIS_PASSWORD__", "double-underscore substitution"],
      ["db.password", "@db.password@", "Maven filtering"],
      ["SMTP_PASS", "<%= ENV['SMTP_PASS'] %>", "ERB"],
      ["LDAP_BIND_PASSWORD", "[[ .Values.ldap.bind ]]", "custom-delimiter Go template"],
      ["DB_PASSWORD", "var.db_password", "a Terraform variable"],
      ["SMTP_PASSWORD", "process.env.SMTP_PASSWORD", "code reading the environment"],
      [
        "API_KEY",
        "@Microsoft.KeyVault(SecretUri=https://kv-prod.vault.azure.net/secrets/api-key/)",
        "an App Service Key Vault reference",
      ],
      ["ADMIN_PASSWORD", "<<REDACTED>>", "a redaction marker"],
      ["API_TOKEN", "REPLACE_WITH_YOUR_TOKEN", "an instruction to replace"],
      ["DB_PASSWORD", "${DB_PASSWORD:?must be set}", "a shell expansion with an error message"],
    ])("accepts %s = %s (%s)", (name, value) => {
      expect(detectCredential(name, value)).toBeUndefined();
    });

    it.each([
      ["GITHUB_TOKEN", `ghp_${"0".repeat(36)}`, "all-zero filler after a vendor prefix"],
      ["PAYMENT_KEY", `sk_test_${"x".repeat(28)}`, "all-x filler after a vendor prefix"],
      ["SLACK_BOT_TOKEN", `xoxb-${"X".repeat(12)}-${"X".repeat(24)}`, "upper-case X filler"],
      ["GITLAB_TOKEN", `glpat-${"*".repeat(16)}${alnum(4)}`, "a mask keeping the last characters"],
      ["SOME_SETTING", `ghp_${"0".repeat(36)}`, "filler under a neutral name"],
    ])("accepts %s holding %s (%s)", (name, value) => {
      expect(detectCredential(name, value)).toBeUndefined();
    });

    it("still flags a real-looking token after the same prefix", () => {
      expect(detectCredential("PAYMENT_KEY", `sk_test_${alnum(28)}`)?.kind).toBe("stripe-secret-key");
    });
  });

  describe("vendor documentation example keys", () => {
    it.each([
      ["AWS_SECRET_ACCESS_KEY", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvb" + "EXAMPLEKEY"],
      ["SOME_SETTING", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvb" + "EXAMPLEKEY"],
      ["STRIPE_API_KEY", "sk_" + "test_4eC39HqLyjWDarjtT1zdp7dc"],
    ])("accepts the documented example under %s", (name, value) => {
      expect(detectCredential(name, value)).toBeUndefined();
    });
  });

  describe("public-by-design keys", () => {
    it.each([
      ["STRIPE_KEY", `pk_live_${alnum(24)}`, "a Stripe publishable key under a generic name"],
      ["MAPBOX_ACCESS_TOKEN", `pk.eyJ${alnum(40)}.${alnum(22)}`, "a Mapbox public token"],
      ["TURNSTILE_SITE_KEY", `0x4AAAAAAA${alnum(12)}`, "a captcha site key"],
      ["RECAPTCHA_SITE_KEY", `6Lc${alnum(37)}`, "a reCAPTCHA site key (40 characters, not an AWS secret)"],
      ["MEILI_SEARCH_ONLY_KEY", hex(32), "a search-only key"],
      ["NEXT_PUBLIC_ANALYTICS_TOKEN", alnum(32), "a token the name declares public"],
    ])("accepts %s (%s)", (name, value) => {
      expect(detectCredential(name, value)).toBeUndefined();
    });

    it.each([
      ["RECAPTCHA_SECRET_KEY", `6Lc${alnum(37)}`],
      ["STRIPE_PUBLISHABLE_KEY", `sk_live_${alnum(24)}`],
      ["MEILI_MASTER_KEY", hex(32)],
    ])("still flags %s: a secret, whatever the name claims", (name, value) => {
      expect(detectCredential(name, value)).toBeDefined();
    });
  });

  it("accepts an anonymous (role anon) JWT, public by design, and flags a service-role one", () => {
    const jwt = (payload: object): string =>
      `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url(payload)}.${alnum(43)}`;
    expect(detectCredential("SUPABASE_ANON_KEY", jwt({ iss: "supabase", role: "anon" }))).toBeUndefined();
    expect(detectCredential("SUPABASE_KEY", jwt({ iss: "supabase", role: "service_role" }))?.kind).toBe(
      "jwt",
    );
  });

  describe("password hashes are not cleartext credentials", () => {
    it.each([
      ["DB_PASSWORD", `$2y$10$${crypt(53)}`, "bcrypt under a password name"],
      ["ROOT_PASSWORD_HASH", `$6$rounds=5000$${crypt(16)}$${crypt(86)}`, "sha512-crypt"],
      ["SHADOW_ENTRY", `$5$${crypt(16)}$${crypt(43)}`, "sha256-crypt"],
      ["USER_PASSWORD", `$y$j9T$${crypt(24)}$${crypt(43)}`, "yescrypt"],
      ["APP_PASSWORD", `$scrypt$ln=16,r=8,p=1$${alnum(22)}$${alnum(43)}`, "passlib scrypt"],
      ["ADMIN_PASSWORD", `pbkdf2_sha256$600000$${alnum(22)}$${alnum(43)}=`, "Django pbkdf2"],
      ["LDAP_USER_PASSWORD", `{SSHA}${alnum(32)}`, "LDAP salted SHA"],
      ["BASIC_AUTH_USERS", `ops:$apr1$${crypt(8)}$${crypt(22)}\nci:$2y$05$${crypt(53)}`, "an htpasswd file"],
    ])("accepts %s (%s)", (name, value) => {
      expect(detectCredential(name, value)).toBeUndefined();
    });

    it("still flags a cleartext htpasswd-like user:password pair", () => {
      expect(detectCredential("BASIC_AUTH", `ops:${alnum(14)}`)).toBeDefined();
    });
  });

  describe("ciphertext containers", () => {
    const sealed = (keyLength: number): string =>
      Buffer.concat([
        Buffer.from([keyLength >> 8, keyLength & 0xff]),
        Buffer.from(Array.from({ length: keyLength + 48 }, (_, index) => (index * 97 + 13) % 256)),
      ]).toString("base64");

    it.each([
      ["spec.encryptedData.api_token", sealed(512), "a SealedSecret value (4096-bit key)"],
      ["DB_PASSWORD", sealed(256), "a SealedSecret value (2048-bit key) under any name"],
      [
        "ENCRYPTED_DB_PASSWORD",
        Buffer.from(Array.from({ length: 96 }, (_, i) => (i * 53 + 7) % 256)).toString("base64"),
        "binary base64 under an encrypted name",
      ],
      ["DB_PASSWORD", `AQICAH${alnum(120)}==`, "an AWS KMS ciphertext blob"],
      ["SMTP_PASSWORD", "-----BEGIN PGP MESSAGE-----\n\nhQEMA\n-----END PGP MESSAGE-----", "a PGP message"],
      [
        "DB_PASSWORD",
        `ENC[AES256_GCM,data:${alnum(20)},iv:${alnum(43)}=,tag:${alnum(22)}==,type:str]`,
        "SOPS",
      ],
      ["DB_PASSWORD", `v1:${alnum(16)}:${alnum(40)}`, "Pulumi passphrase ciphertext"],
      ["DB_PASSWORD", `ENC(${alnum(44)}==)`, "Jasypt"],
      ["spring.datasource.password", `{cipher}${hex(64)}`, "Spring Cloud Config"],
      ["vault_db_password", "!vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6638", "an inline Ansible Vault value"],
    ])("accepts %s (%s)", (name, value) => {
      expect(detectCredential(name, value)).toBeUndefined();
    });

    it("still flags a base64 password in a Kubernetes Secret's data", () => {
      expect(
        detectCredential("data.password", Buffer.from("Winter2026-prod").toString("base64")),
      ).toBeDefined();
    });
  });

  describe("URL templates", () => {
    it.each([
      ["VERIFY_LINK", "https://id.example.org/verify?token={verification_token}"],
      ["CALLBACK", "https://api.example.org/v1/hook?api_key=:apiKey"],
      ["RESET_LINK", "https://app.example.org/reset?token=${RESET_TOKEN}"],
      ["LOGIN_URL", "https://legacy.example.org/login?user=ops&password=<password>"],
      ["NOTIFY_TOKEN", "https://id.example.org/confirm?token={{ token }}"],
    ])("accepts %s holding a URL whose credential is a placeholder", (name, value) => {
      expect(detectCredential(name, value)).toBeUndefined();
    });
  });

  describe("prose and JSON that reference a secret by name", () => {
    it.each([
      ["SETTINGS", JSON.stringify({ smtp: { host: "mail", passwordSecret: "smtp-credentials" } })],
      ["REDIS_EXISTING_SECRET", "redis-auth"],
      ["LABELS", "owner:platform,credentials:rotated,tier:gold"],
      ["VALUES", "auth:\n  existingSecret: mongo-root\n  existingSecretPasswordKey: root-password"],
    ])("accepts %s", (name, value) => {
      expect(detectCredential(name, value)).toBeUndefined();
    });

    it.each([
      ["SETTINGS", JSON.stringify({ smtp: { host: "mail", password: "smtp-credentials" } })],
      ["OAUTH", JSON.stringify({ clientSecret: "abc-def-ghi" })],
      ["DB_PASSWORD", "super-secret"],
    ])("still flags %s where the value is the credential", (name, value) => {
      expect(detectCredential(name, value)).toBeDefined();
    });
  });

  describe("webhook and hook URLs that carry a secret", () => {
    it.each([
      [
        "a Teams incoming webhook",
        `https://contoso.webhook.office.com/webhookb2/${uuid(1)}@${uuid(2)}/IncomingWebhook/${hex(32)}/${uuid(3)}`,
      ],
      ["a Telegram Bot API URL", `https://api.telegram.org/bot5550001234:A${alnum(34)}/getUpdates`],
      [
        "a deploy hook with a key parameter",
        `https://api.example-paas.com/deploy/srv-${alnum(12)}?key=${alnum(11)}`,
      ],
      ["a Netlify build hook", `https://api.netlify.com/build_hooks/${hex(24)}`],
      [
        "a Mattermost incoming webhook",
        `https://chat.example.org/hooks/${repeatAlphabet("abcdefghijklmnopqrstuvwxyz0123456789", 26)}`,
      ],
      ["an InfluxDB 1.x write URL", `https://tsdb.example.org/write?db=app&u=ingest&p=${alnum(14)}`],
      ["an Azure Functions key", `https://fn-app.azurewebsites.net/api/ingest?code=${alnum(40)}`],
      ["a generic password parameter", `https://nas.example.org/api/login?password=${alnum(10)}`],
      ["a generic key parameter", `https://maps.example.org/tiles?key=${alnum(24)}`],
    ])("flags %s under a neutral name", (_label, value) => {
      expect(detectCredential("NOTIFY_ENDPOINT", value)).toBeDefined();
    });

    it.each([
      ["a key parameter that is a word", "https://docs.example.org/search?key=home&lang=en"],
      ["a page number", "https://blog.example.org/posts?p=2"],
      ["a numeric hook ID", "https://github.com/acme/app/settings/hooks/412345678"],
      ["a webhook path that is words", "https://ci.example.org/webhooks/github/push-events"],
      ["an object key parameter", "https://files.example.org/download?key=reports/2026/q4-summary.pdf"],
      ["a commit hash after a hooks segment", `https://ci.example.org/hooks/build/${hex(40)}`],
    ])("accepts %s under a neutral name", (_label, value) => {
      expect(detectCredential("NOTIFY_ENDPOINT", value)).toBeUndefined();
    });
  });

  describe("numeric passwords", () => {
    it.each([
      ["ALARM_PIN", "739164"],
      ["REDIS_PASSWORD", "4815162342"],
      ["DOOR_PASSCODE", "2580"],
      ["KEYSTORE_PASSWD", "12345678"],
    ])("flags %s holding digits", (name, value) => {
      expect(detectCredential(name, value)).toBeDefined();
    });

    it("flags a numeric password in a JSON document", () => {
      expect(detectCredential("SETTINGS", JSON.stringify({ admin: { password: 90817263 } }))).toBeDefined();
    });

    it.each([
      ["PASSWORD_MIN_LENGTH", "16"],
      ["PASSWORD_MAX_AGE_DAYS", "3650"],
      ["API_TOKEN", "3600"],
      ["DB_PASSWORD", "1"],
      ["PASSWORD_HASH_ROUNDS", "600000"],
      ["LOGIN_PASSWORD_ATTEMPTS", "5"],
    ])("accepts %s = %s (metadata, a token name, or a flag)", (name, value) => {
      expect(detectCredential(name, value)).toBeUndefined();
    });
  });

  describe("prose and settings about passwords", () => {
    it.each([
      ["RUNBOOK_NOTE", "The admin password is in the team vault; rotate it every quarter"],
      ["PASSWORD_HASH_ALGO", "bcrypt"],
      ["LED_PIN", "13"],
    ])("accepts %s", (name, value) => {
      expect(detectCredential(name, value)).toBeUndefined();
    });

    it.each([
      ["WIFI_PSK", "correct horse battery staple"],
      ["NETRC", "machine git.example.org login deploy password Tr0ub4dor-3"],
    ])("still flags %s", (name, value) => {
      expect(detectCredential(name, value)).toBeDefined();
    });
  });

  describe("login:password under *_AUTH", () => {
    it.each([
      ["RELAY_AUTH", `mailer@example.net:${alnum(12)}`],
      ["PROXY_AUTH", "ops:W1nter-2026"],
      ["NGINX_BASIC_AUTH", "admin:admin"],
    ])("flags %s holding a user:password pair", (name, value) => {
      expect(detectCredential(name, value)?.kind).toBe("credential-name-user-password");
    });

    it.each([
      ["REGISTRY_AUTH", "ci:${REGISTRY_TOKEN}"],
      ["PROXY_AUTH", "basic"],
      ["SMTP_AUTH", "relay:plain"],
      ["CACHE_KEY", "user:profile42"],
      ["REDIS_KEY", "session:abc123"],
    ])("accepts %s = %s", (name, value) => {
      expect(detectCredential(name, value)).toBeUndefined();
    });
  });

  it("decides a 100 KB value of each shape in well under 100 ms", () => {
    const shapes = [
      "a".repeat(100_000),
      "https://x.example/hooks/".repeat(4_200),
      "?key=".repeat(20_000),
      "https://h/p?u=a&p=".repeat(5_600),
      "$2y$10$".repeat(14_300),
      "user:".repeat(20_000),
      "Ag" + "A".repeat(99_998),
      "%(".repeat(50_000),
      "{{".repeat(50_000),
      `${"0".repeat(99_990)}xxxxxxxxx`,
      `${"a:".repeat(50_000)}`,
    ];
    // The best of three runs, so that a garbage collection or a busy machine does not decide.
    const slowest = { elapsed: 0, shape: "" };
    for (const value of shapes) {
      for (const name of ["API_KEY", "SMTP_AUTH", "encryptedData.password", "NEUTRAL"]) {
        const runs = [0, 1, 2].map(() => {
          const started = performance.now();
          detectCredential(name, value);
          return performance.now() - started;
        });
        const elapsed = Math.min(...runs);
        if (elapsed > slowest.elapsed)
          Object.assign(slowest, { elapsed, shape: `${name} ${value.slice(0, 12)}` });
      }
    }
    console.log(`slowest 100 KB value: ${slowest.elapsed.toFixed(1)} ms (${slowest.shape})`);
    expect(slowest.elapsed).toBeLessThan(100);
  });
});

describe("invisible characters", () => {
  it("sees a token through zero-width characters and soft hyphens", () => {
    const token = `ghp_${repeatAlphabet(ALNUM, 36)}`;
    const hidden = `${token.slice(0, 10)}\u200b${token.slice(10, 20)}\u00ad${token.slice(20)}\ufeff`;
    expect(detectCredential("SOME_SETTING", hidden)?.kind).toBe("github-token");
  });
});

describe("hostile input", () => {
  it.each([
    ["letters", "a".repeat(10_000_000)],
    ["URL-like fragments", "a://b?".repeat(1_000_000)],
    ["token prefixes", "xoxb-".repeat(2_000_000)],
    ["JWT-like fragments", "eyJ".repeat(3_000_000)],
  ])("judges a 10 MB value of %s quickly (linear scanning)", (_label, value) => {
    const started = Date.now();
    detectCredential("API_KEY", value);
    detectCredential("NEUTRAL", value);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("only analyses the first MAX_ANALYSED_VALUE_LENGTH characters", () => {
    const hidden = `${" ".repeat(MAX_ANALYSED_VALUE_LENGTH)}postgres://app:pa55word@db/app`;
    expect(detectCredential("NEUTRAL", hidden)).toBeUndefined();
    expect(detectCredential("NEUTRAL", hidden.trimStart())).toBeDefined();
  });
});

describe("redaction", () => {
  it("keeps only the length of the value", () => {
    expect(redactValue("hunter2")).toBe("[redacted: 7 characters]");
  });

  it("names the kind when it is given", () => {
    expect(redactValue("x", "jwt")).toBe("[redacted jwt: 1 character]");
  });

  it("never contains the value", () => {
    expect(redactValue("hunter2-Prod!")).not.toContain("hunter2");
  });
});
