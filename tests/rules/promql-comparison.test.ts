// The outermost comparison of an alert condition: what the rule generator, the ALR-5 check and the
// promtool cases all read.
import { topLevelComparisonOf } from "@scaleway-infra/contracts/detectors/promql-comparison";

describe("topLevelComparisonOf", () => {
  it("reads the operator and the decimal number an expression ends in, through outer parentheses", () => {
    expect(topLevelComparisonOf("a / b > 0.9")).toEqual({
      operator: ">",
      bool: false,
      right: "0.9",
      value: 0.9,
    });
    expect(topLevelComparisonOf("((a <= -5))")).toMatchObject({ operator: "<=", value: -5 });
    expect(topLevelComparisonOf("a >= 1e-7")).toMatchObject({ value: 1e-7 });
    expect(topLevelComparisonOf("a == .5")).toMatchObject({ operator: "==", value: 0.5 });
  });

  it("marks a bool comparison", () => {
    expect(topLevelComparisonOf("a > bool 1")).toMatchObject({ bool: true, value: 1 });
  });

  it("gives no value for a right operand that is not a plain decimal number", () => {
    for (const right of ["b", "(1)", "0x10", "5m", "Inf", "NaN", "2 * b"]) {
      const comparison = topLevelComparisonOf(`a > ${right}`);
      expect(comparison).toBeDefined();
      expect(comparison?.value).toBeUndefined();
    }
    expect(topLevelComparisonOf("1 < a")?.value).toBeUndefined();
  });

  it("finds none when the outermost operation is not a comparison", () => {
    expect(topLevelComparisonOf("rate(a[5m])")).toBeUndefined();
    expect(topLevelComparisonOf("a > 1 unless b > 2")).toBeUndefined();
    expect(topLevelComparisonOf("max(a > 1)")).toBeUndefined();
  });
});
