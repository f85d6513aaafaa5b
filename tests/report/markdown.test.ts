// The Markdown report, for pull-request comments.
import { renderMarkdown } from "../../cli/report/markdown";
import { CONTRACT_RULES } from "@scaleway-infra/contracts/rules/catalog";
import { sampleReport } from "./sample-report";

describe("renderMarkdown", () => {
  it("starts with a heading that gives the verdict", () => {
    expect(renderMarkdown(sampleReport()).split("\n")[0]).toBe(
      "## scw-infra plan: `production` — ❌ 2 mandatory violations",
    );
  });

  it("lists rules that need attention before the full rule list, failures first", () => {
    const md = renderMarkdown(sampleReport());
    const attention = md.indexOf("### Rules that need attention");
    const all = md.indexOf(`<summary>All ${CONTRACT_RULES.length} rules</summary>`);
    expect(attention).toBeGreaterThan(0);
    expect(all).toBeGreaterThan(attention);
    const firstRow = md
      .slice(attention)
      .split("\n")
      .find((l) => l.startsWith("| ❌"));
    expect(firstRow).toContain("| CTR-4 |");
  });

  it("escapes pipes inside table cells", () => {
    expect(renderMarkdown(sampleReport())).toContain("any alert \\| pipe.");
  });

  it("folds the fixes, the rule list and the resource tree into details blocks", () => {
    const md = renderMarkdown(sampleReport());
    expect(md.match(/<details>/g)).toHaveLength(3);
    expect(md.match(/<\/details>/g)).toHaveLength(3);
  });

  it("names the waiver, its owner and expiry next to a waived finding", () => {
    expect(renderMarkdown(sampleReport())).toMatch(
      /waiver `legacy-runner-token`, owner platform@example.eu, expires 2099-01-01/,
    );
  });
});
