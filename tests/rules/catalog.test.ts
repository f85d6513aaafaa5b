import * as fs from "node:fs";
import * as path from "node:path";
import {
  CONTRACT_RULES,
  attestedRuleIds,
  isRuleId,
  previewRuleIds,
  ruleById,
  summaryRules,
} from "@scaleway-infra/contracts/rules/catalog";
import { enforcerMap } from "../../cli/traceability/traceability";

function rulesDocument(): string {
  const shared = path.resolve(__dirname, "../../../shared/CONTRACT-RULES.md");
  const copy = path.resolve(__dirname, "../../docs/contract-rules.md");
  return fs.readFileSync(fs.existsSync(shared) ? shared : copy, "utf8");
}

function documentedRules(): { id: string; preview: boolean; sentence: string }[] {
  return [...rulesDocument().matchAll(/^- ([A-Z]+-\d+) (.*)$/gm)].map((m) => ({
    id: m[1],
    preview: /\*\(preview[^)]*\)\*/.test(m[2]),
    sentence: m[2].replace(/\s*\*\(preview[^)]*\)\*\s*$/, ""),
  }));
}

describe("the rule catalog", () => {
  it("lists exactly the rule IDs of CONTRACT-RULES.md, in order", () => {
    expect(CONTRACT_RULES.map((r) => r.id)).toEqual(documentedRules().map((r) => r.id));
  });

  it("marks as preview exactly the rules the document marks *(preview)*", () => {
    expect(previewRuleIds()).toEqual(
      documentedRules()
        .filter((r) => r.preview)
        .map((r) => r.id),
    );
  });

  it("keeps the shipped copy docs/contract-rules.md identical to the shared document when both exist", () => {
    const shared = path.resolve(__dirname, "../../../shared/CONTRACT-RULES.md");
    if (!fs.existsSync(shared)) return;
    expect(fs.readFileSync(path.resolve(__dirname, "../../docs/contract-rules.md"), "utf8")).toBe(
      fs.readFileSync(shared, "utf8"),
    );
  });

  it("holds each rule's sentence exactly as CONTRACT-RULES.md states it", () => {
    const documented = new Map(documentedRules().map((r) => [r.id, r.sentence]));
    for (const rule of CONTRACT_RULES)
      expect([rule.id, rule.seed]).toEqual([rule.id, documented.get(rule.id)]);
  });

  it("declares for each rule what decides it, as the registries (schemas, checks, policies, modules) show", () => {
    const derived = enforcerMap();
    for (const rule of CONTRACT_RULES) {
      const kinds = [...new Set((derived.get(rule.id) ?? []).map((enforcer) => enforcer.kind))].sort();
      expect([rule.id, [...rule.decidedBy].sort()]).toEqual([rule.id, kinds]);
    }
  });

  it("gives every attested rule the stack-file declaration it rests on, and no enforced rule one", () => {
    for (const rule of CONTRACT_RULES) {
      expect([rule.id, rule.verification === "attested"]).toEqual([rule.id, rule.attestation !== undefined]);
    }
    expect(attestedRuleIds()).toEqual(["DB-6", "SEC-6", "ALR-3", "STA-3", "ENV-5"]);
  });

  it("has each summary rule stand for every rule the document names for it, and only for catalog rules", () => {
    const summaries = summaryRules();
    for (const { id, sentence } of documentedRules()) {
      const named = [...sentence.matchAll(/\b([A-Z]+-\d+)\b/g)].map((m) => m[1]);
      for (const base of named)
        expect([id, summaries[id] ?? []]).toEqual([id, expect.arrayContaining([base])]);
    }
    for (const bases of Object.values(summaries)) for (const base of bases) expect(isRuleId(base)).toBe(true);
  });

  it("finds rules by ID and refuses unknown IDs", () => {
    expect(ruleById("DB-2").preview).toBe(true);
    expect(isRuleId("DB-99")).toBe(false);
    expect(() => ruleById("DB-99")).toThrow(/Unknown contract rule ID/);
  });
});
