// docs/rule-book.md's tables are generated from the rule objects; this fails when the page is stale.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  RULE_BOOK_END,
  RULE_BOOK_START,
  renderRuleBook,
  withCurrentRuleBook,
} from "@scaleway-infra/contracts/rules/rule-book-table";
import { CONTRACT_RULES } from "@scaleway-infra/contracts/rules/catalog";

const PAGE = path.resolve(__dirname, "../../docs/rule-book.md");

describe("docs/rule-book.md", () => {
  it("is current (regenerate with node cli/run-ts.js scripts/generate-rule-book.ts)", () => {
    const page = fs.readFileSync(PAGE, "utf8");
    expect(withCurrentRuleBook(page)).toBe(page);
  });

  it("has one row per rule, naming its rule file", () => {
    const table = renderRuleBook();
    for (const rule of CONTRACT_RULES) {
      expect(table).toContain(`| ${rule.id} | `);
      expect(table).toContain(`contracts/rules/${rule.group}.ts`);
    }
  });

  it("refuses a page without its markers instead of writing the tables nowhere", () => {
    expect(() => withCurrentRuleBook("# no markers")).toThrow(/no rule-book markers/);
    expect(withCurrentRuleBook(`a\n${RULE_BOOK_START}\nold\n${RULE_BOOK_END}\nb`)).toContain("| CTR-1 |");
  });
});
