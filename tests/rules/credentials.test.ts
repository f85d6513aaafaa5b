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
    ["a small number", "3600"],
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
    ["a bcrypt hash", `$2b$12$${repeatAlphabet(`${ALNUM}./`, 53)}`],
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

  it.each([
    ["a mailto address", "mailto:ops@example.gov"],
    ["a .pgpass line whose password is a reference", "db:5432:app:app:${PGPASSWORD}"],
    ["a DSN without a password", "app@tcp(db.internal:3306)/app"],
  ])("accepts %s under a neutral name", (_label, value) => {
    expect(detectCredential("SOME_SETTING", value)).toBeUndefined();
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
