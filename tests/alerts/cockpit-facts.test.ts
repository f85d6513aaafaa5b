// Every Cockpit fact cites where it was read, and every metric a shipped alert queries is one of them.
import * as cockpit from "@scaleway-infra/contracts/scaleway/facts/cockpit";
import type { ScalewayFact } from "@scaleway-infra/contracts/scaleway/facts/fact";

function isFact(value: unknown): value is ScalewayFact<unknown> {
  return typeof value === "object" && value !== null && "sources" in value && "id" in value;
}

const facts: ScalewayFact<unknown>[] = (Object.values(cockpit) as unknown[]).filter(isFact);

describe("Cockpit facts", () => {
  it("are many, each with a unique cockpit.* ID", () => {
    expect(facts.length).toBeGreaterThanOrEqual(15);
    const ids = facts.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^cockpit\.[a-z0-9.-]+$/);
  });

  it.each(facts.map((f) => [f.id, f] as const))("%s cites a pinned source read on 2026-12-03", (_id, f) => {
    expect(f.sources.length).toBeGreaterThan(0);
    for (const source of f.sources) {
      expect(source.ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}:\S+$/);
      expect(source.read).toBe("2026-12-03");
    }
  });

  it("records the preconfigured PostgreSQL alerts with their rule IDs and the metrics they read", () => {
    for (const alert of cockpit.PRECONFIGURED_POSTGRESQL_ALERTS.value) {
      expect(alert.preconfiguredRuleId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
      for (const name of alert.rule.match(/rdb_instance_postgresql_\w+/g) ?? []) {
        expect(cockpit.PUBLISHED_METRICS.has(name)).toBe(true);
      }
    }
  });
});
