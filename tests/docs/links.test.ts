// The README is the front door and docs/ holds one page per topic: every relative link and every
// #anchor in them resolves (as GitHub renders headings), external links are well-formed (never
// fetched), and the README stays short and shows the quick start.
import * as fs from "node:fs";
import * as path from "node:path";
import { anchorsOf, checkLinks, findLinks, githubSlug } from "./markdown-links";

const ROOT = path.resolve(__dirname, "..", "..");
const README = path.join(ROOT, "README.md");
const DOCS = path.join(ROOT, "docs");
const documents = [
  README,
  ...fs
    .readdirSync(DOCS)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => path.join(DOCS, name)),
];

describe("the links of README.md and docs/*.md", () => {
  it.each(documents.map((file) => [path.relative(ROOT, file), file]))("all resolve in %s", (_name, file) => {
    const problems = checkLinks(file).map(
      (p) => `${path.relative(ROOT, p.file)}:${p.line} ${p.target}: ${p.problem}`,
    );
    expect(problems).toEqual([]);
  });

  it("link every docs page from the README", () => {
    const linked = new Set(
      findLinks(fs.readFileSync(README, "utf8"))
        .map((link) => link.target.split("#")[0])
        .filter((target) => target.startsWith("docs/")),
    );
    const pages = documents.filter((file) => file !== README).map((file) => path.relative(ROOT, file));
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });
});

describe("README.md", () => {
  const readme = fs.readFileSync(README, "utf8");

  it("has at most 400 lines", () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(400);
  });

  it("shows the install, the offline plan of a shipped stack and the test command", () => {
    const shell = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((block) => block[1]).join("\n");
    expect(shell).toMatch(/^npm ci\b/m);
    expect(shell).toMatch(/^npm run plan -- --stack staging\b/m);
    expect(shell).toMatch(/^npm test\b/m);
  });
});

describe("the link checker", () => {
  const files: Record<string, string> = {
    "/repo/README.md": [
      "# Title",
      "See [the plan](docs/plan.md#where-a-finding-is-located), [home](#title) and [site](https://example.org/a).",
      "```sh",
      "[not a link](nowhere.md)",
      "```",
      "Inline code `[not a link](nowhere.md)` is text.",
    ].join("\n"),
    "/repo/docs/plan.md": "# The offline plan\n\n## Where a finding is located\n",
  };
  const read = (file: string) => files[file] ?? "";
  const exists = (file: string) => file in files;

  it("accepts links to files and headings that exist, and ignores links inside code", () => {
    expect(checkLinks("/repo/README.md", read, exists)).toEqual([]);
  });

  it("reports a link to a missing file, a missing anchor and a malformed URL, with their lines", () => {
    files["/repo/docs/broken.md"] = [
      "# Broken",
      "[gone](missing.md) and [wrong anchor](plan.md#where-a-finding-is)",
      "[bad url](https://) and [self](#nope)",
    ].join("\n");
    const problems = checkLinks("/repo/docs/broken.md", read, exists);
    expect(problems.map((p) => [p.line, p.target])).toEqual([
      [2, "missing.md"],
      [2, "plan.md#where-a-finding-is"],
      [3, "https://"],
      [3, "#nope"],
    ]);
  });

  it("slugs headings as GitHub does", () => {
    expect(githubSlug("The real Pulumi engine: toolchain and `npm run e2e`")).toBe(
      "the-real-pulumi-engine-toolchain-and-npm-run-e2e",
    );
    expect(githubSlug("The program contract (for `index.ts` and the components)")).toBe(
      "the-program-contract-for-indexts-and-the-components",
    );
    expect(githubSlug("Deployment copies (`scaleway-infra:deployment`)")).toBe(
      "deployment-copies-scaleway-infradeployment",
    );
    expect(githubSlug("Strategies, and what they can and cannot guarantee")).toBe(
      "strategies-and-what-they-can-and-cannot-guarantee",
    );
    expect(githubSlug("`database_url` and **bold** [link](x.md)")).toBe("database_url-and-bold-link");
  });

  it("numbers repeated headings and skips headings inside code blocks", () => {
    const anchors = anchorsOf("## Tests\n```\n# Not a heading\n```\n## Tests\n");
    expect([...anchors]).toEqual(["tests", "tests-1"]);
  });
});
