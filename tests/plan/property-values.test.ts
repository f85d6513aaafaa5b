// Decoding Pulumi's wire encoding of properties.
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { UNKNOWN } from "../../cli/plan/model";
import {
  decodeProperties,
  OUTPUT_VALUE_SIGNATURE,
  RESOURCE_REFERENCE_SIGNATURE,
  SECRET_SIGNATURE,
  SIGNATURE_KEY,
  UNKNOWN_SENTINEL,
  valueAtPath,
} from "../../cli/plan/property-values";

describe("decodeProperties", () => {
  it("uses the same protocol signatures as the installed Pulumi SDK", () => {
    expect([
      SIGNATURE_KEY,
      SECRET_SIGNATURE,
      RESOURCE_REFERENCE_SIGNATURE,
      OUTPUT_VALUE_SIGNATURE,
      UNKNOWN_SENTINEL,
    ]).toEqual([
      rpc.specialSigKey,
      rpc.specialSecretSig,
      rpc.specialResourceSig,
      rpc.specialOutputValueSig,
      rpc.unknownValue,
    ]);
  });

  it("unwraps a nested secret and records its path", () => {
    const decoded = decodeProperties({
      env: { A: "1", TOKEN: { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: "t" } },
    });
    expect(decoded).toEqual({ props: { env: { A: "1", TOKEN: "t" } }, secretPaths: ["env.TOKEN"] });
  });

  it("records secrets inside arrays with their index", () => {
    const decoded = decodeProperties({
      rules: [{ ip: "10.0.0.0/8" }, { ip: { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: "1.2.3.4/32" } }],
    });
    expect(decoded.secretPaths).toEqual(["rules[1].ip"]);
  });

  it("turns the unknown sentinel into the UNKNOWN marker", () => {
    expect(decodeProperties({ id: UNKNOWN_SENTINEL }).props.id).toBe(UNKNOWN);
  });

  it("turns a resource reference into its ID, else its URN", () => {
    const ref = { [SIGNATURE_KEY]: RESOURCE_REFERENCE_SIGNATURE, urn: "urn:x", id: "fr-par/1" };
    expect(decodeProperties({ a: ref, b: { ...ref, id: "" } }).props).toEqual({ a: "fr-par/1", b: "urn:x" });
  });

  it("quotes keys that are not identifiers in secret paths", () => {
    const decoded = decodeProperties({
      labels: { "app.kubernetes.io/name": { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: "x" } },
    });
    expect(decoded.secretPaths).toEqual(['labels["app.kubernetes.io/name"]']);
    expect(valueAtPath(decoded.props, decoded.secretPaths[0])).toBe("x");
  });
});
