// Strings a user controls (resource names and URNs, waiver owners and reasons, file names, config
// keys) reach every report for people escaped, never raw (gate review §4): a control character could
// rewrite the terminal a CI log is read in, a bidi override or a zero-width space could disguise a
// name, and a pipe or a line break in a name could break a Markdown table row or close a code fence.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../plan/cli-harness";

const FIXTURE = "tests/fixtures/scan/production-violations.stack.json";

/** Clears the screen, retitles the terminal, injects a Markdown row, reverses the text, hides a space. */
const HOSTILE_NAME =
  "doc\u001b[2J\u001b]0;pwned\u0007|x\n| injected | row |\n```\n\u202eevil\u200bname\u0000";
const HOSTILE_OWNER = "ops\u001b[31m|team\r\nreason: forged";
const HOSTILE_REASON = "load test\u2066 hidden\u2069\n\n## Approved by security";

/** Raw characters that must never reach a report for people (a real line break aside, in text). */
const RAW_INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;

function hostileWorld(): { dir: string; scanned: string; waivers: string; config: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-"));
  const escaped = JSON.stringify(HOSTILE_NAME).slice(1, -1);
  const text = fs.readFileSync(FIXTURE, "utf8").split('::documentation"').join(`::${escaped}"`);
  const scanned = path.join(dir, "export.json");
  fs.writeFileSync(scanned, text);
  const urn = `urn:pulumi:production::scaleway-infra::scaleway:containers/container:Container::${HOSTILE_NAME}`;
  const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const waivers = path.join(dir, "waivers.yaml");
  fs.writeFileSync(
    waivers,
    `- rule: CTR-4\n  urn: ${JSON.stringify(urn)}\n  reason: ${JSON.stringify(HOSTILE_REASON)}\n` +
      `  owner: ${JSON.stringify(HOSTILE_OWNER)}\n  expires: ${expires}\n`,
  );
  const configDir = path.join(dir, "cfg\u001b[31m\u202e");
  fs.mkdirSync(configDir);
  const config = path.join(configDir, "policy|config.json");
  fs.writeFileSync(config, JSON.stringify({ "alert-names-unique": "disabled" }));
  return { dir, scanned, waivers, config };
}

async function scanHostile(format: string): Promise<string> {
  const world = hostileWorld();
  const run = await runCli(
    [
      "scan",
      world.scanned,
      "--waivers",
      world.waivers,
      "--policy-pack-config",
      world.config,
      "--format",
      format,
    ],
    { cwd: world.dir },
  );
  expect(run.code).toBe(1);
  return run.stdout;
}

describe("user-controlled strings in the reports for people", () => {
  it.each(["text", "markdown", "junit", "html"])("are escaped in the %s report", async (format) => {
    const output = await scanHostile(format);
    expect(output).not.toMatch(RAW_INVISIBLE);
    // Markdown writes a backslash as `\\` outside code spans; compare what it renders.
    const shown = format === "markdown" ? output.replace(/\\\\/g, "\\") : output;
    // The name, the waiver and the config file are there, escaped.
    expect(shown).toContain("doc\\u001b[2J");
    expect(shown).toContain("\\u202eevil\\u200bname");
    expect(shown).toMatch(/ops\\u001b\[31m/);
    expect(shown).toMatch(/cfg\\u001b\[31m\\u202e/);
  });

  it("keep every Markdown table row one row of the table's width", async () => {
    const markdown = await scanHostile("markdown");
    const lines = markdown.split("\n");
    let columns: number | undefined;
    for (const line of lines) {
      if (!line.startsWith("|")) {
        columns = undefined;
        continue;
      }
      const cells = line.split(/(?<!\\)\|/).length;
      columns ??= cells;
      expect([line, cells]).toEqual([line, columns]);
    }
    expect(lines.some((line) => line.startsWith("| injected"))).toBe(false);
    expect(lines.some((line) => line.startsWith("## Approved"))).toBe(false);
    // The plan tree's code fence is closed only by its own closing line.
    const fences = lines.filter((line) => line.startsWith("```"));
    expect(fences.length % 2).toBe(0);
  });

  it("keep JSON and SARIF exact for a parser, with nothing raw in their text", async () => {
    const text = await scanHostile("json");
    expect(text).not.toMatch(RAW_INVISIBLE);
    const json = JSON.parse(text) as { resources: Array<{ name: string }> };
    expect(json.resources.map((r) => r.name)).toContain(HOSTILE_NAME);
    const sarif = await scanHostile("sarif");
    expect(sarif).not.toMatch(RAW_INVISIBLE);
    expect(JSON.stringify(JSON.parse(sarif))).toContain(JSON.stringify(HOSTILE_NAME).slice(1, -1));
  });
});

describe("user-controlled strings in errors", () => {
  it("escape an unknown command in the text error and its JSON", async () => {
    const run = await runCli(["\u001b[2J\u202eplan\u009b"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("\\u001b[2J\\u202eplan\\u009b");
    expect(run.stderr).not.toMatch(RAW_INVISIBLE);
    const json = await runCli(["\u001b[2J\u202eplan\u009b", "--format", "json"]);
    expect(json.stdout).not.toMatch(RAW_INVISIBLE);
    expect((JSON.parse(json.stdout) as { message: string }).message).toContain("\u202eplan\u009b");
  });

  it.each(["text", "markdown", "junit"])(
    "withhold a hostile config key of an invalid stack in the %s form",
    async (format) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-key-"));
      fs.copyFileSync("Pulumi.yaml", path.join(dir, "Pulumi.yaml"));
      const stack = fs
        .readFileSync("Pulumi.production.yaml", "utf8")
        .replace("config:\n", 'config:\n  "scaleway-infra:data\\u001b]0;pwned\\u0007|x\\nbase": 1\n');
      fs.writeFileSync(path.join(dir, "Pulumi.production.yaml"), stack);
      const run = await runCli(["plan", "--stack", "production", "--format", format], { cwd: dir });
      expect(run.code).toBe(2);
      // A key that does not look like a name is not printed at all (issue 11 "no value echoed").
      expect(run.stdout + run.stderr).toContain("Unknown config key (a field whose name is not shown)");
      expect(run.stdout + run.stderr).not.toContain("pwned");
      expect(run.stdout + run.stderr).not.toMatch(RAW_INVISIBLE);
    },
  );
});

describe("user-controlled strings in the validate summary", () => {
  it("escape the file name in the OK line", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-file-"));
    const file = path.join(dir, "container\u001b]0;pwned\u0007.yaml");
    fs.copyFileSync("examples/contracts/container.yaml", file);
    const run = await runCli(["validate", "container", file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("container\\u001b]0;pwned\\u0007.yaml");
    expect(run.stdout).not.toMatch(RAW_INVISIBLE);
  });
});
