// Measures the credential detector (CTR-6, SECU-1, SEC-3) on the second blind corpus of issue 11
// (tests/rules/fixtures/secret-corpus-blind-2.ts): written by another hand that never saw the
// detector, and committed unchanged before any measurement. It prints precision and recall on their
// own line and asserts both reach 0.95.
//
// First (blind) run, 2026-12-03 15:47 UTC, detector as merged into `layout` (5a4e157), before any
// tuning: 205 positives, 215 negatives; 199 detected, 17 false alarms: precision 0.921, recall 0.971.
// MISSED: TEAMS_WEBHOOK_URL (Microsoft Teams incoming webhook URL); ALERT_WEBHOOK (Telegram bot
// token inside an API URL); DEPLOY_HOOK (deploy hook whose key parameter triggers deployments);
// METRICS_ENDPOINT (InfluxDB write URL with password query parameter); VNC_PASSWORD (numeric
// password); SMTP_AUTH (login:password under *_AUTH).
// FALSE ALARMS: STRIPE_SECRET_KEY (all-x filler after a vendor prefix); PGPASSWORD (Python format
// placeholder); DOCKER_PASSWORD (Octopus/replace-tokens placeholder `#{...}`); AWS_SECRET_ACCESS_KEY
// (AWS documentation example secret); encryptedData.password (SealedSecret ciphertext, borderline);
// SCW_ACCESS_KEY, scaleway:access_key, AWS_ACCESS_KEY_ID (access key ID alone, borderline);
// MAPBOX_PUBLIC_TOKEN (pk. token); ALGOLIA_SEARCH_ONLY_API_KEY (borderline); RECAPTCHA_SITE_KEY;
// ADMIN_PASSWORD_HASH (bcrypt), TRAEFIK_USERS (htpasswd apr1), PASSWORD_HASH (argon2) (borderline);
// PASSWORD_RESET_URL (URL template with a token placeholder); TAGS (tags mentioning secrets); CONFIG
// (JSON config referencing a secret by name).
//
// From then on this corpus is a TUNING SET, not a blind one: the detector learned the classes behind
// these cases (each tested on cases of its own in tests/rules/credentials.test.ts), so the figures
// printed below are re-measurements. The blind figure of record comes from a third corpus.
//
// A deliberate labelling disagreement, counted as it is: issue 11 requires a plaintext
// `scaleway:access_key` in a stack file to be refused ("That includes scaleway:secret_key,
// scaleway:access_key"), so the detector keeps flagging a Scaleway or AWS access key ID under an
// access-key name (SCW_ACCESS_KEY, scaleway:access_key, AWS_ACCESS_KEY_ID), which this corpus labels
// negative (borderline). Those three stay false alarms here; the labels are not changed to suit the
// detector, and the figures below include them.

import { detectCredential } from "@scaleway-infra/contracts/detectors/credentials";
import { describeEntry, measureDetector } from "./support/detector-measurement";
import { BLIND2_NEGATIVES, BLIND2_POSITIVES } from "./fixtures/secret-corpus-blind-2";

const MIN_PRECISION = 0.95;
const MIN_RECALL = 0.95;

/** The access key IDs this project flags on purpose (issue 11), against the corpus's label. */
const DELIBERATE_DISAGREEMENTS: readonly string[] = [
  "SCW_ACCESS_KEY",
  "scaleway:access_key",
  "AWS_ACCESS_KEY_ID",
];

describe("the credential detector on blind corpus 2 (a tuning set since its first run)", () => {
  it("holds at least 150 positives and 150 negatives, each labelled on the right side", () => {
    expect(BLIND2_POSITIVES.length).toBeGreaterThanOrEqual(150);
    expect(BLIND2_NEGATIVES.length).toBeGreaterThanOrEqual(150);
    expect(BLIND2_POSITIVES.every((entry) => entry.secret)).toBe(true);
    expect(BLIND2_NEGATIVES.every((entry) => !entry.secret)).toBe(true);
  });

  it("reaches a precision and a recall of at least 0.95 with the corpus's own labels, and prints them", () => {
    const result = measureDetector(BLIND2_POSITIVES, BLIND2_NEGATIVES);
    console.log(
      `blind secret corpus 2: ${BLIND2_POSITIVES.length} positives, ${BLIND2_NEGATIVES.length} negatives, ` +
        `${result.truePositives} detected, ${result.falseAlarms.length} false alarms; ` +
        `precision ${result.precision.toFixed(3)}, recall ${result.recall.toFixed(3)}; ` +
        `missed: ${result.missed.map(describeEntry).join(", ") || "none"}; ` +
        `false alarms: ${result.falseAlarms.map(describeEntry).join(", ") || "none"}`,
    );
    expect(result.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(result.recall).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it("still flags the access key IDs under access-key names that issue 11 requires refused", () => {
    const entries = BLIND2_NEGATIVES.filter(
      (entry) => DELIBERATE_DISAGREEMENTS.includes(entry.name) && /borderline/.test(entry.note),
    );
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(detectCredential(entry.name, entry.value)).toBeDefined();
  });

  it("never repeats a value in the reason it gives", () => {
    for (const entry of [...BLIND2_POSITIVES, ...BLIND2_NEGATIVES]) {
      const match = detectCredential(entry.name, entry.value);
      if (match && entry.value.length >= 6) expect(match.reason).not.toContain(entry.value);
    }
  });
});
