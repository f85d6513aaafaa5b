// Measures the credential detector (CTR-6, SECU-1, SEC-3) on blind corpus 3: the measurement issue 11
// asks for. The corpus was written by an engineer who never saw the detector, its docs, its tests or
// the two earlier corpora (tests/rules/fixtures/secret-corpus-blind-3.ts, header), and was committed
// before any measurement, while corpus 2's classes were being taught to the detector by another
// engineer who never saw corpus 3.
//
// First (blind) run, 2026-12-03 16:16 UTC, main at 939d619 (the detector as tuned on corpus 2,
// merged before corpus 3): 276 positives, 275 negatives; 269 detected, 12 false alarms:
// precision 0.957, recall 0.975 (targets 0.95 and 0.95: met).
// Missed (7): MONGO_INITDB_ROOT_PASSWORD (compose example password), app:dbPassword (filler word, borderline),
// PAGERDUTY_ROUTING_KEY, MEMCACHED_SERVERS (SASL user:password@host), DATADOG_INTAKE (API key in
// query), ZAPIER_HOOK (catch-hook path, borderline), ENTRYPOINT_ARGS (password inline in a command).
// False alarms (12): OPENAI_API_KEY (truncated placeholder), JWT (jwt.io example, borderline), API_KEY
// (token-replace placeholder), PRIVATE_KEY (PEM skeleton), app:dbPassword and infra:apiToken (Pulumi
// ciphertext), password (Sealed Secrets ciphertext, borderline), ALGOLIA_SEARCH_API_KEY (borderline),
// AWS_ACCESS_KEY_ID (borderline; flagged on purpose: issue 11 refuses access keys in stack files),
// POSTHOG_KEY, DD_CLIENT_TOKEN (public client tokens), GRUB_PASSWORD (PBKDF2 hash, borderline).
// The detector has not been changed for any of these cases since; a later change that moves the
// figures shows here, and the first run above stays the blind figure.

import { detectCredential } from "@scaleway-infra/contracts/detectors/credentials";
import { measureDetector } from "./support/detector-measurement";
import { BLIND3_NEGATIVES, BLIND3_POSITIVES } from "./fixtures/secret-corpus-blind-3";

const MIN_PRECISION = 0.95;
const MIN_RECALL = 0.95;

describe("the credential detector on blind corpus 3", () => {
  const { truePositives, falseAlarms, precision, recall } = measureDetector(
    BLIND3_POSITIVES,
    BLIND3_NEGATIVES,
  );

  it("reaches a precision and a recall of at least 0.95, and prints them", () => {
    console.log(
      `blind secret corpus 3: ${BLIND3_POSITIVES.length} positives, ${BLIND3_NEGATIVES.length} negatives, ` +
        `${truePositives} detected, ${falseAlarms.length} false alarms; ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    );
    expect(precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(recall).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it("never repeats a value in the reason it gives (beyond the variable name the reason cites)", () => {
    for (const entry of BLIND3_POSITIVES) {
      const match = detectCredential(entry.name, entry.value);
      if (!match || entry.value.length < 6) continue;
      expect(match.reason.split(JSON.stringify(entry.name)).join("")).not.toContain(entry.value);
    }
  });
});
