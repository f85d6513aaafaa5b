// What a person sees when a document is invalid: the rule ID, a message in plain words (never ajv's
// text), the field, the offending value unless it is a secret, a one-line fix, file and line.
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { contractProblems, validateContract } from "@scaleway-infra/contracts/documents/validate";
import { readYamlFile } from "@scaleway-infra/contracts/config/yaml-source";
import { example, examplePath, set } from "./support";

const AJV_PHRASES = [
  /must NOT/,
  /must have required property/,
  /must match pattern/,
  /must be equal to one of the allowed values/,
  /must match "then" schema/,
];

describe("validation problems", () => {
  it("name the rule, the field, the offending value and a fix", () => {
    const doc = example("container");
    set(doc, "/scaling/min_instances", 1);
    const [problem] = contractProblems("container", doc);
    expect(problem).toEqual({
      path: "/scaling/min_instances",
      rule: "CTR-4",
      message: "scaling.min_instances must be at least 2 (got 1).",
      value: 1,
      fix: "In production, run at least 2 instance(s): raise scaling.min_instances.",
    });
  });

  it("never use ajv's own wording", () => {
    const doc = {
      name: "web",
      image: 3,
      scaling: { min_instances: "x" },
      extra: true,
      health: {},
      networking: { privacy: "x" },
    };
    const problems = contractProblems("container", doc);
    expect(problems.length).toBeGreaterThan(5);
    for (const problem of problems) {
      for (const phrase of AJV_PHRASES) expect(problem.message).not.toMatch(phrase);
      expect(problem.fix.length).toBeGreaterThan(10);
    }
  });

  it("give one problem, the environment's own list, when a value is outside both the environment's and the general list", () => {
    const doc = example("database");
    set(doc, "/backup/retention_days", 14);
    expect(contractProblems("database", doc)).toEqual([
      {
        path: "/backup/retention_days",
        rule: "DB-3",
        message: "backup.retention_days must be one of: 30, 90, 365 (got 14).",
        value: 14,
        fix: "In production, keep backups 30, 90, 365 days.",
      },
    ]);
  });

  it("give a plaintext secret value one base64 problem, not a second saying the same", () => {
    const doc = example("secret");
    set(doc, "/value", "hunter2 is my password");
    expect(contractProblems("secret", doc).map((p) => [p.rule, p.message])).toEqual([
      ["SEC-3", "value must be base64 encoded."],
    ]);
  });

  it("fix a misspelt deployment strategy by naming the strategies, not the request's required fields", () => {
    const doc = example("deployment-request");
    set(doc, "/strategy", "bluegreen");
    expect(contractProblems("deployment-request", doc)).toEqual([
      expect.objectContaining({
        rule: "DEP-1",
        fix: "Use one of the strategies: rolling, blue_green, canary.",
      }),
    ]);
  });

  it("report every problem of a document at once, not the first only", () => {
    const doc = example("database");
    set(doc, "/high_availability", false);
    set(doc, "/backup/retention_days", 7);
    set(doc, "/network/allowed_ips", ["0.0.0.0/0"]);
    expect(
      contractProblems("database", doc)
        .map((p) => p.rule)
        .sort(),
    ).toEqual(["DB-2", "DB-3", "DB-4"]);
  });

  it("report a missing field at the field's own path, citing the field's rule", () => {
    const doc = example("container");
    delete (doc.health as Record<string, unknown>).path;
    expect(contractProblems("container", doc)).toEqual([
      expect.objectContaining({
        path: "/health/path",
        rule: "CTR-5",
        message: "health.path is required but missing.",
      }),
    ]);
  });

  it("offer the known field a misspelt one is closest to", () => {
    const doc = example("container") as { health: Record<string, unknown> };
    doc.health.intervall = doc.health.interval;
    delete doc.health.interval;
    const unknown = contractProblems("container", doc).find((p) => p.path === "/health/intervall");
    expect(unknown?.fix).toMatch(/^Did you mean interval\? /);
  });

  it("report an unknown field as a shape problem listing the known fields", () => {
    const doc = example("state");
    set(doc, "/locking/ttl", 5);
    expect(contractProblems("state", doc)).toEqual([
      expect.objectContaining({
        path: "/locking/ttl",
        rule: "SCHEMA",
        fix: expect.stringContaining("enabled, timeout"),
      }),
    ]);
  });

  it("never show a secret's value", () => {
    const doc = example("secret");
    set(doc, "/value", "my plaintext password!");
    const problems = contractProblems("secret", doc);
    expect(problems.map((p) => p.rule)).toContain("SEC-3");
    expect(JSON.stringify(problems)).not.toContain("plaintext password");
    expect(problems.find((p) => p.rule === "SEC-3")).toMatchObject({ redacted: true });
  });

  it("never show a value that looks like a credential, wherever it is", () => {
    const doc = example("container");
    const token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    set(doc, "/environment_variables/0", { name: "GITHUB_TOKEN", value: token });
    const text = JSON.stringify(contractProblems("container", doc));
    expect(text).toContain("CTR-6");
    expect(text).not.toContain(token);
  });

  it("never show values at the pointers the caller marks as secret", () => {
    const doc = example("container");
    set(doc, "/health/path", "not-a-path-but-secret");
    const problems = contractProblems("container", doc, { secretPointers: new Set(["/health/path"]) });
    expect(problems).toEqual([expect.objectContaining({ rule: "CTR-5", redacted: true })]);
    expect(JSON.stringify(problems)).not.toContain("not-a-path-but-secret");
  });

  it("place each problem at its file and line when the document came from a file", () => {
    const dir = mkdtempSync(join(tmpdir(), "contracts-"));
    const file = join(dir, "container.yaml");
    writeFileSync(
      file,
      readFileSync(examplePath("container"), "utf8").replace("min_instances: 2", "min_instances: 1"),
    );
    const source = readYamlFile(file, "container.yaml");
    const [problem] = contractProblems("container", source.value, {
      file: "container.yaml",
      locate: source.locate,
    });
    expect(problem).toMatchObject({ rule: "CTR-4", file: "container.yaml", line: 6, column: 18 });
  });

  it("place a missing field at its parent's line", () => {
    const dir = mkdtempSync(join(tmpdir(), "contracts-"));
    const file = join(dir, "container.yaml");
    writeFileSync(file, readFileSync(examplePath("container"), "utf8").replace("  timeout: 5\n", ""));
    const source = readYamlFile(file, "container.yaml");
    const [problem] = contractProblems("container", source.value, {
      file: "container.yaml",
      locate: source.locate,
    });
    // health: is line 11; its mapping starts on line 12 with `path:`.
    expect(problem).toMatchObject({ path: "/health/timeout", rule: "CTR-9", line: 12 });
  });

  it("throw one INFRA_001 carrying every problem, typed when valid", () => {
    expect(validateContract("image", example("image")).tag).toBe("1.4.2");
    const doc = example("image");
    set(doc, "/tag", "bad tag");
    set(doc, "/digest", "nope");
    try {
      validateContract("image", doc, { file: "image.yaml" });
      throw new Error("expected an InfraError");
    } catch (error) {
      expect(error).toBeInstanceOf(InfraError);
      expect((error as InfraError).message).toBe(
        "The image_spec document in image.yaml is invalid: 2 problems.",
      );
      expect((error as InfraError).problems).toHaveLength(2);
    }
  });

  it("accept anything as input without throwing anything but INFRA_001", () => {
    for (const input of [undefined, null, 0, "text", [], [1, 2], { a: { b: { c: [] } } }, Number.NaN]) {
      expect(() => validateContract("container", input)).toThrow(InfraError);
    }
  });
});
