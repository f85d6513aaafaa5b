// SEC-3 on the whole stack file (issue 11 §2): a plaintext credential under any config key, not only
// the scaleway-infra:* contract keys, is refused with INFRA_001 at its file, line and key path, and
// its value never appears in the error. Each case adds lines to the valid production fixture.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { runCli } from "../plan/cli-harness";
import { readStackFile } from "@scaleway-infra/contracts/config/stack-file";
import { stackProblems, validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import { stackInputFromConfig } from "../../components/program/config-from-pulumi";
import { plaintextCredentialsInConfigValue } from "@scaleway-infra/contracts/config/plaintext-config-secrets";
import { FIXTURE_TEXT, edited, lineOf, writeStack } from "./support";

const MARK = "# <-";
const PROVIDER_ANCHOR = "  scaleway:projectId: 6a0c2ca8-917a-418a-90a3-05949b55a7ae\n";

// Credential-shaped values assembled at run time, so the source holds nothing that looks real.
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const spread = (alphabet: string, length: number): string =>
  Array.from({ length }, (_, index) => alphabet[(index * 11 + 5) % alphabet.length]).join("");
const SCW_SECRET = "3f9a1c2e-8b7d-4e6f-a5c4-b3d2e1f0a9b8";
const SCW_ACCESS = `SCW${spread("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 17)}`;
const AWS_SECRET = spread(`${ALNUM}+/`, 40);
const APP_PASSWORD = "Pr0duction-pa55!";

function withLines(lines: string): string {
  return edited([[PROVIDER_ANCHOR, `${PROVIDER_ANCHOR}${lines}`]], FIXTURE_TEXT);
}

function refusal(text: string): InfraError {
  const input = readStackFile(writeStack(text));
  try {
    validateStack(input);
  } catch (error) {
    if (error instanceof InfraError) return error;
    throw error;
  }
  throw new Error("the stack was accepted");
}

describe("plaintext credentials under any config key of a stack file", () => {
  it.each([
    ["scaleway:secret_key", `  scaleway:secret_key: ${SCW_SECRET} ${MARK}\n`, "scaleway:secret_key", ""],
    ["scaleway:access_key", `  scaleway:access_key: ${SCW_ACCESS} ${MARK}\n`, "scaleway:access_key", ""],
    ["aws:secretKey", `  aws:secretKey: "${AWS_SECRET}" ${MARK}\n`, "aws:secretKey", ""],
    ["an application key", `  docs:adminPassword: "${APP_PASSWORD}" ${MARK}\n`, "docs:adminPassword", ""],
    [
      "a nested object",
      `  docs:settings:\n    database:\n      password: "${APP_PASSWORD}" ${MARK}\n`,
      "docs:settings",
      "/database/password",
    ],
    [
      "a list",
      `  docs:tokens:\n    - name: ci\n      token: "${spread(ALNUM, 32)}" ${MARK}\n`,
      "docs:tokens",
      "/0/token",
    ],
    [
      "a neutral name with a known format",
      `  docs:upstream: "Bearer ${spread(ALNUM, 32)}" ${MARK}\n`,
      "docs:upstream",
      "",
    ],
  ])("refuses %s in clear, at its line and key path, without its value", (_label, lines, configKey, path) => {
    const text = withLines(lines);
    const error = refusal(text);
    expect(error.code).toBe("INFRA_001");
    const problem = error.problems.find((p) => p.rule === "SEC-3" && p.configKey === configKey);
    expect(problem).toMatchObject({ path, line: lineOf(text, MARK), redacted: true });
    const everything = JSON.stringify(error.toErrorResponse()) + error.message;
    for (const secret of [SCW_SECRET, SCW_ACCESS, AWS_SECRET, APP_PASSWORD])
      expect(everything).not.toContain(secret);
  });

  it("accepts the same keys as Pulumi secrets (secure:)", () => {
    const text = withLines(
      [
        "  scaleway:secret_key:\n    secure: v1:AAAAAAAAAAAAAAAA:BBBBBBBBBBBBBBBBBBBBBBBB\n",
        "  docs:settings:\n    database:\n      password:\n        secure: v1:CCCCCCCCCCCCCCCC:DDDDDDDDDDDDDDDDDDDDDDDD\n",
      ].join(""),
    );
    expect(stackProblems(readStackFile(writeStack(text)))).toEqual([]);
  });

  it("accepts plain settings that are no credentials", () => {
    const text = withLines(
      "  docs:settings:\n    log_level: info\n    token_ttl: 3600\n    public_url: https://docs.example.gov\n",
    );
    expect(stackProblems(readStackFile(writeStack(text)))).toEqual([]);
  });

  it("refuses a plaintext credential inside a contract document's free field", () => {
    const text = edited([
      [
        "  scaleway-infra:database:\n",
        `  scaleway-infra:database:\n    admin_password: "${APP_PASSWORD}" ${MARK}\n`,
      ],
    ]);
    const error = refusal(text);
    expect(JSON.stringify(error.toErrorResponse())).not.toContain(APP_PASSWORD);
    expect(error.problems.some((p) => p.line === lineOf(text, MARK))).toBe(true);
  });
});

describe("plaintext credentials in the running program's config", () => {
  it("refuses a plain scaleway:secret_key, and accepts it when Pulumi marks it secret", () => {
    const base = readStackFile(writeStack(FIXTURE_TEXT));
    const source = (secret: boolean) => ({
      stack: "production",
      getObject: (namespace: string, key: string) =>
        namespace === "scaleway-infra" ? base.values[key as keyof typeof base.values] : undefined,
      get: (namespace: string, key: string) =>
        namespace === "scaleway" ? base.provider[key as keyof typeof base.provider] : undefined,
      isSecret: (fullKey: string) =>
        (secret && fullKey === "scaleway:secret_key") ||
        (fullKey === "scaleway-infra:secrets" && base.secretPointers.size > 0),
      all: () => ({ "scaleway:region": "fr-par", "scaleway:secret_key": SCW_SECRET }),
    });
    const plain = stackProblems(stackInputFromConfig(source(false)));
    expect(plain.filter((p) => p.rule === "SEC-3" && p.configKey === "scaleway:secret_key")).toHaveLength(1);
    expect(JSON.stringify(plain)).not.toContain(SCW_SECRET);
    expect(
      stackProblems(stackInputFromConfig(source(true))).filter((p) => p.configKey === "scaleway:secret_key"),
    ).toEqual([]);
  });
});

describe("the config walk", () => {
  it("names the nearest key and skips secure leaves", () => {
    const found = plaintextCredentialsInConfigValue(
      "app:settings",
      { db: { password: APP_PASSWORD, token: "x" }, list: [{ apiKey: spread(ALNUM, 32) }] },
      { securePointers: new Set(["/db/token"]) },
    );
    expect(found.map((f) => f.pointer)).toEqual(["/db/password", "/list/0/apiKey"]);
  });

  it("judges map keys by their format too: a token used as a key is still in clear", () => {
    const token = `ghp_${spread(ALNUM, 36)}`;
    const found = plaintextCredentialsInConfigValue("app:allow", { list: { [token]: true } });
    // Reported at the map that holds the key: a pointer to the key would spell the token out.
    expect(found.map((f) => [f.pointer, f.kind])).toEqual([["/list", "github-token"]]);
    expect(JSON.stringify(found)).not.toContain(token);
  });

  it("walks a 1 MB value quickly", () => {
    const started = Date.now();
    plaintextCredentialsInConfigValue("app:blob", "a=b;".repeat(250_000));
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe("the commands refuse a plaintext credential anywhere in the stack file", () => {
  const ROOT = join(__dirname, "..", "..");
  const file = (): string => writeStack(withLines(`  aws:secretKey: "${AWS_SECRET}"\n`));

  it.each([
    ["validate stack", (path: string) => ["validate", "stack", path]],
    ["plan", (path: string) => ["plan", "--stack", "production", "--config-file", path]],
    [
      "plan --format json",
      (path: string) => ["plan", "--stack", "production", "--config-file", path, "--format", "json"],
    ],
  ])("%s exits 2 with INFRA_001 and never prints the value", async (_label, argv) => {
    const run = await runCli(argv(file()), { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain("INFRA_001");
    expect(run.stdout + run.stderr).toContain("aws:secretKey");
    expect(run.stdout + run.stderr).not.toContain(AWS_SECRET);
  });
});

// Gate review §2a: Pulumi reads only `config:` (and secretsprovider, encryptedkey, encryptionsalt,
// environment) from a stack file, but whatever else is written there is committed in clear all the
// same: a credential anywhere in the file is refused, at its line and key path from the file's root.
describe("plaintext credentials outside the config section", () => {
  it.each([
    ["an unknown top-level key", `extra:\n  password: hunter2-real-one ${MARK}\n`, "/extra/password"],
    ["a top-level scalar", `password: hunter2-real-one ${MARK}\n`, "/password"],
    [
      "a nested place under an unknown key",
      `extra:\n  databases:\n    - name: main\n      credentials:\n        token: "${spread(ALNUM, 32)}" ${MARK}\n`,
      "/extra/databases/0/credentials/token",
    ],
    [
      "an inline environment definition",
      `environment:\n  values:\n    dbPassword: hunter2-real-one ${MARK}\n`,
      "/environment/values/dbPassword",
    ],
    [
      "a name/value list under an unknown key",
      `extra:\n  - name: password\n    value: "S3cr3t-Pa55word!" ${MARK}\n`,
      "/extra/0/value",
    ],
  ])("refuses %s, at its line and key path, without its value", (_label, lines, path) => {
    for (const text of [FIXTURE_TEXT + lines, lines + FIXTURE_TEXT]) {
      const error = refusal(text);
      expect(error.code).toBe("INFRA_001");
      const problem = error.problems.find((p) => p.rule === "SEC-3" && p.path === path);
      expect(problem).toMatchObject({ line: lineOf(text, MARK), redacted: true });
      expect(problem?.configKey).toBeUndefined();
      expect(problem?.message).toContain("outside config:");
      const everything = JSON.stringify(error.toErrorResponse()) + error.message;
      for (const secret of ["hunter2-real-one", "S3cr3t-Pa55word!", spread(ALNUM, 32)])
        expect(everything).not.toContain(secret);
    }
  });

  it("accepts Pulumi's own keys beside config: (secretsprovider, encryptionsalt, encryptedkey, environment)", () => {
    const text =
      "secretsprovider: awskms://alias/pulumi?region=eu-west-3\n" +
      `encryptedkey: ${spread(`${ALNUM}+/`, 64)}\n` +
      "environment:\n  - production-shared\n" +
      FIXTURE_TEXT;
    expect(stackProblems(readStackFile(writeStack(text)))).toEqual([]);
  });
});

// Gate review §2b: in `{name: password, value: ...}` the credential's name is the sibling field, not
// `value`, as in ECS/Kubernetes env lists, CloudFormation parameters, SSM parameters, Helm `set`.
describe("name/value pairs: the value is judged by its sibling's name", () => {
  it.each([
    [
      "a {name, value} list",
      `  aws:cfg:\n    - name: password\n      value: "S3cr3t-Pa55word!" ${MARK}\n`,
      "aws:cfg",
      "/0/value",
    ],
    [
      "a {key, value} map",
      `  app:cfg:\n    key: api_token\n    value: "abcdefgh" ${MARK}\n`,
      "app:cfg",
      "/value",
    ],
    [
      "an env list",
      `  app:container:\n    env:\n      - name: LOG_LEVEL\n        value: info\n      - name: DB_PASSWORD\n        value: "hunter2-real-one" ${MARK}\n`,
      "app:container",
      "/env/1/value",
    ],
    [
      "{Name, Value}",
      `  app:ssm:\n    - Name: /app/db/password\n      Value: "hunter2-real-one" ${MARK}\n`,
      "app:ssm",
      "/0/Value",
    ],
    [
      "CloudFormation parameters",
      `  app:stack:\n    - ParameterKey: DbPassword\n      ParameterValue: "hunter2-real-one" ${MARK}\n`,
      "app:stack",
      "/0/ParameterValue",
    ],
    [
      "a value object under a credential name",
      `  app:db:\n    password:\n      value: "hunter2-real-one" ${MARK}\n`,
      "app:db",
      "/password/value",
    ],
    [
      "a KEY=VALUE string in a list",
      `  app:env:\n    - "DB_PASSWORD=hunter2-real-one" ${MARK}\n`,
      "app:env",
      "/0",
    ],
    [
      "a KEY: VALUE string in a list",
      `  app:env:\n    - "API_TOKEN: ${spread(ALNUM, 24)}" ${MARK}\n`,
      "app:env",
      "/0",
    ],
  ])("refuses %s at the value's line, without the value", (_label, lines, configKey, path) => {
    const text = withLines(lines);
    const error = refusal(text);
    const problem = error.problems.find((p) => p.rule === "SEC-3" && p.configKey === configKey);
    expect(problem).toMatchObject({ path, line: lineOf(text, MARK), redacted: true });
    const everything = JSON.stringify(error.toErrorResponse()) + error.message;
    for (const secret of ["S3cr3t-Pa55word!", "hunter2-real-one", "abcdefgh", spread(ALNUM, 24)])
      expect(everything).not.toContain(secret);
  });

  it("accepts pairs whose name is no credential, and references", () => {
    const text = withLines(
      "  app:container:\n    env:\n      - name: LOG_LEVEL\n        value: info\n" +
        "      - name: DB_PASSWORD\n        valueFrom:\n          secretKeyRef:\n            name: db\n            key: password\n" +
        "      - name: API_TOKEN\n        value: ${API_TOKEN}\n",
    );
    expect(stackProblems(readStackFile(writeStack(text)))).toEqual([]);
  });

  it("walks a contract document's pairs too", () => {
    const found = plaintextCredentialsInConfigValue("scaleway-infra:database", {
      extra: [{ name: "password", value: "S3cr3t-Pa55word!" }],
    });
    expect(found.map((f) => f.pointer)).toEqual(["/extra/0/value"]);
  });
});

describe("scw-infra validate stack on a credential outside config:", () => {
  it("exits 2 with INFRA_001 naming the file, line and key path, never the value", async () => {
    const text = `${FIXTURE_TEXT}extra:\n  password: hunter2-real-one\n`;
    const path = writeStack(text);
    const run = await runCli(["validate", "stack", path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("INFRA_001");
    expect(run.stderr).toContain(`${path}:${lineOf(text, "hunter2")}`);
    expect(run.stderr).toContain("/extra/password");
    expect(run.stdout + run.stderr).not.toContain("hunter2-real-one");
  });
});

// The project file's config (Pulumi.yaml: `config:` values and defaults, which every stack inherits)
// is committed in clear too: validate stack and plan judge it with the stack file beside it.
describe("plaintext credentials in the project file beside the stack file", () => {
  function project(projectText: string): string {
    const stack = writeStack(FIXTURE_TEXT);
    writeFileSync(join(dirname(stack), "Pulumi.yaml"), projectText);
    return stack;
  }
  const HEAD =
    "name: scaleway-infra\nruntime: nodejs\nconfig:\n  pulumi:tags:\n    value:\n      project: x\n";

  it.each([
    ["a short-form value", `${HEAD}  app:dbPassword: hunter2-real-one ${MARK}\n`, "/config/app:dbPassword"],
    [
      "a value",
      `${HEAD}  app:db:\n    value:\n      password: hunter2-real-one ${MARK}\n`,
      "/config/app:db/value/password",
    ],
    [
      "a default",
      `${HEAD}  app:apiToken:\n    type: string\n    default: "hunter2-real-one" ${MARK}\n`,
      "/config/app:apiToken/default",
    ],
  ])("refuses %s at its line in Pulumi.yaml, without the value", (_label, text, path) => {
    const problems = stackProblems(readStackFile(project(text)));
    const problem = problems.find((p) => p.rule === "SEC-3" && p.path === path);
    expect(problem).toMatchObject({ line: lineOf(text, MARK), redacted: true });
    expect(problem?.file).toMatch(/Pulumi\.yaml$/);
    expect(JSON.stringify(problems)).not.toContain("hunter2-real-one");
  });

  it("accepts the shipped project file", () => {
    const stack = project(readFileSync(join(__dirname, "..", "..", "Pulumi.yaml"), "utf8"));
    expect(stackProblems(readStackFile(stack))).toEqual([]);
  });

  it("makes validate stack exit 2, naming Pulumi.yaml and the line", async () => {
    const run = await runCli(["validate", "stack", project(`${HEAD}  app:dbPassword: hunter2-real-one\n`)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Pulumi\.yaml:7/);
    expect(run.stdout + run.stderr).not.toContain("hunter2-real-one");
  });
});
