import * as fs from "node:fs";
import * as path from "node:path";
import { CONTRACT_RULES, previewRuleIds, ruleById, isRuleId } from "@scaleway-infra/contracts/rules/catalog";

function rulesDocument(): string {
  const shared = path.resolve(__dirname, "../../../shared/CONTRACT-RULES.md");
  const copy = path.resolve(__dirname, "../../docs/contract-rules.md");
  return fs.readFileSync(fs.existsSync(shared) ? shared : copy, "utf8");
}

function documentedRules(): { id: string; preview: boolean }[] {
  return [...rulesDocument().matchAll(/^- ([A-Z]+-\d+) (.*)$/gm)].map((m) => ({
    id: m[1],
    preview: /\*\(preview[^)]*\)\*/.test(m[2]),
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

  it("finds rules by ID and refuses unknown IDs", () => {
    expect(ruleById("DB-2").preview).toBe(true);
    expect(isRuleId("DB-99")).toBe(false);
    expect(() => ruleById("DB-99")).toThrow(/Unknown contract rule ID/);
  });
});
