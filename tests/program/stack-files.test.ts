import { execFileSync } from "node:child_process";
import { createDecipheriv, pbkdf2Sync } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { parse } from "yaml";
import { ruleFileYaml, ruleGroupsOf } from "../../components/alerting/rule-groups";
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import { readShippedStack, REPO_ROOT, SHIPPED_STACKS, stackFilePath } from "./support/shipped-stacks";

/** The example passphrase of the shipped stack files (docs/program.md); never a real one. */
const EXAMPLE_PASSPHRASE = "scaleway-infra-example";

/** Pulumi's passphrase crypter: PBKDF2-HMAC-SHA256, 1,000,000 rounds, AES-256-GCM, `v1:<nonce>:<ciphertext+tag>`. */
function decrypt(key: Buffer, value: string): string {
  const [version, nonce, sealed] = value.split(":");
  expect(version).toBe("v1");
  const bytes = Buffer.from(sealed, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64"));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString(
    "utf8",
  );
}

function secureValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(secureValues);
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.secure === "string") return [record.secure];
    return Object.values(record).flatMap(secureValues);
  }
  return [];
}

describe.each(SHIPPED_STACKS)("Pulumi.%s.yaml", (stack) => {
  const file = parse(readFileSync(stackFilePath(stack), "utf8")) as {
    encryptionsalt: string;
    config: Record<string, unknown>;
  };

  it("is valid against every contract rule", () => {
    expect(() => validateStack(readShippedStack(stack))).not.toThrow();
  });

  it("holds its secrets as passphrase-encrypted values that decrypt to base64", () => {
    const [, salt, ...check] = file.encryptionsalt.split(":");
    const key = pbkdf2Sync(EXAMPLE_PASSPHRASE, Buffer.from(salt, "base64"), 1_000_000, 32, "sha256");
    expect(decrypt(key, check.join(":"))).toBe("pulumi");
    const values = secureValues(file.config);
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) {
      const plaintext = decrypt(key, value);
      expect(plaintext).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      expect(Buffer.from(plaintext, "base64").toString("utf8")).toMatch(/^example-only-/);
    }
  });

  it("declares a database_url for each service that uses the database and at least one api_key", () => {
    const secrets = file.config["scaleway-infra:secrets"] as Array<{
      name: string;
      type: string;
      value?: unknown;
    }>;
    expect(secrets.filter((s) => s.type === "database_url").map((s) => s.name)).toEqual([
      `${stack}-documentation-database_url`,
      `${stack}-runners-database_url`,
      `${stack}-streamlit-database_url`,
    ]);
    const apiKeys = secrets.filter((s) => s.type === "api_key");
    expect(apiKeys.length).toBeGreaterThan(0);
    for (const secret of secrets.filter((s) => s.value !== undefined))
      expect(secret.value).toHaveProperty("secure");
  });

  it("generates alert rule groups that pass promtool check rules", () => {
    const promtool = (process.env.PATH ?? "")
      .split(delimiter)
      .map((d) => join(d, "promtool"))
      .find((p) => existsSync(p));
    if (promtool === undefined) {
      if (process.env.CI)
        throw new Error("promtool is required in CI (Debian package prometheus; .ci/run installs it)");
      console.warn(
        "\n\n*** promtool NOT FOUND: the stack's rule groups were NOT checked (apt-get install prometheus) ***\n\n",
      );
      return;
    }
    const contracts = validateStack(readShippedStack(stack));
    const dir = mkdtempSync(join(tmpdir(), "stack-rules-"));
    try {
      const rules = join(dir, "rules.yml");
      writeFileSync(rules, ruleFileYaml(ruleGroupsOf(contracts.alerts, contracts.environment.name)));
      expect(execFileSync(promtool, ["check", "rules", rules], { encoding: "utf8" })).toMatch(
        /SUCCESS: 8 rules found/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Pulumi.yaml", () => {
  it("names the project scaleway-infra with the nodejs runtime and a description", () => {
    const project = parse(readFileSync(join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as {
      name: string;
      runtime: { name: string };
      description: string;
    };
    expect(project.name).toBe("scaleway-infra");
    expect(project.runtime.name).toBe("nodejs");
    expect(project.description.length).toBeGreaterThan(20);
  });
});
