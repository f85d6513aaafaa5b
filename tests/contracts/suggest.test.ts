// The "did you mean" helper behind misspelt fields and secret references.
import { closestName, editDistance } from "@scaleway-infra/contracts/documents/suggest";

describe("closestName", () => {
  it("counts one insertion, deletion or substitution as one edit", () => {
    expect(editDistance("intervall", "interval")).toBe(1);
    expect(editDistance("timout", "timeout")).toBe(1);
    expect(editDistance("apikey", "api_key")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("offers the known name a typo is closest to", () => {
    expect(closestName("intervall", ["path", "interval", "timeout"])).toBe("interval");
    expect(
      closestName("production-runners-apikey", [
        "production-runners-database_url",
        "production-runners-api_key",
      ]),
    ).toBe("production-runners-api_key");
  });

  it("offers nothing when no known name is close enough to be a typo", () => {
    expect(closestName("replicas", ["path", "interval", "timeout"])).toBeUndefined();
  });
});
