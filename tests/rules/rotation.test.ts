// SEC-6 on Scaleway: secrets are not rotated by Scaleway, so the plan warns when a declared value is
// older than its rotation period.
import type { SecretSpec } from "@scaleway-infra/contracts/documents/types";
import { rotationWarnings } from "@scaleway-infra/contracts/detectors/rotation";

function secret(rotation: SecretSpec["rotation"]): SecretSpec {
  return {
    name: "production-runners-api_key",
    type: "api_key",
    value: "c2VjcmV0",
    environment: "production",
    rotation,
    access_policy: { principals: ["application:runners"], permissions: ["SecretManagerSecretAccess"] },
  };
}

describe("rotation warnings (SEC-6)", () => {
  const today = new Date("2026-12-03T12:00:00Z");

  it("says nothing while the value is within its period", () => {
    expect(
      rotationWarnings([secret({ enabled: true, period_days: 90, last_rotated: "2026-11-20" })], today),
    ).toEqual([]);
  });

  it("warns once the period is over, with the day it was due, and never the value", () => {
    const [warning] = rotationWarnings(
      [secret({ enabled: true, period_days: 30, last_rotated: "2026-10-01" })],
      today,
    );
    expect(warning).toMatchObject({ secret: "production-runners-api_key", dueOn: "2026-10-31" });
    expect(warning.message).toContain("secret-manager.no-rotation");
    expect(warning.message).not.toContain("c2VjcmV0");
  });

  it("warns when rotation is enabled but no date says when the value was set", () => {
    expect(rotationWarnings([secret({ enabled: true, period_days: 90 })], today)[0].message).toContain(
      "last_rotated is not declared",
    );
  });

  it("warns about a last_rotated day that does not exist instead of rolling it over", () => {
    const [warning] = rotationWarnings(
      [secret({ enabled: true, period_days: 90, last_rotated: "2026-02-30" })],
      today,
    );
    expect(warning.message).toContain("not a day of the calendar");
  });

  it("warns about a last_rotated day in the future (second adversarial pass: 2099 hid a due rotation)", () => {
    const [warning] = rotationWarnings(
      [secret({ enabled: true, period_days: 90, last_rotated: "2099-11-20" })],
      today,
    );
    expect(warning.message).toMatch(/is in the future/);
    expect(
      rotationWarnings([secret({ enabled: true, period_days: 90, last_rotated: "2026-12-04" })], today),
    ).toEqual([]);
  });

  it("ignores secrets without rotation", () => {
    expect(rotationWarnings([secret({ enabled: false, last_rotated: "2000-01-01" })], today)).toEqual([]);
  });
});
