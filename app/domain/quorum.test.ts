import { describe, expect, it } from "vitest";
import { isQuorumRule, QUORUM_RULES, quorumRequired, quorumSentence, quorumStatus } from "./quorum";

describe("quorumRequired", () => {
  it("asks for the smallest number above half", () => {
    expect(quorumRequired("HALF_PLUS_ONE", 26)).toBe(14);
    expect(quorumRequired("HALF_PLUS_ONE", 25)).toBe(13);
    expect(quorumRequired("HALF_PLUS_ONE", 1)).toBe(1);
    expect(quorumRequired("HALF_PLUS_ONE", 2)).toBe(2);
  });

  it("rounds thirds up", () => {
    expect(quorumRequired("ONE_THIRD", 26)).toBe(9);
    expect(quorumRequired("ONE_THIRD", 27)).toBe(9);
    expect(quorumRequired("ONE_THIRD", 28)).toBe(10);
    expect(quorumRequired("TWO_THIRDS", 26)).toBe(18);
    expect(quorumRequired("TWO_THIRDS", 27)).toBe(18);
    expect(quorumRequired("TWO_THIRDS", 28)).toBe(19);
  });

  it("asks for nobody without a rule or without partners", () => {
    expect(quorumRequired("NONE", 26)).toBe(0);
    expect(quorumRequired("ONE_THIRD", 0)).toBe(0);
    expect(quorumRequired("TWO_THIRDS", 0)).toBe(0);
  });
});

describe("quorumStatus", () => {
  it("is met at the exact threshold and not one below", () => {
    expect(quorumStatus("HALF_PLUS_ONE", 26, 14)).toEqual({ required: 14, present: 14, met: true, label: QUORUM_RULES.HALF_PLUS_ONE });
    expect(quorumStatus("HALF_PLUS_ONE", 26, 13).met).toBe(false);
    expect(quorumStatus("TWO_THIRDS", 27, 18).met).toBe(true);
    expect(quorumStatus("TWO_THIRDS", 27, 17).met).toBe(false);
    expect(quorumStatus("ONE_THIRD", 3, 1).met).toBe(true);
  });

  it("is never met by a rule when there are no partners", () => {
    expect(quorumStatus("HALF_PLUS_ONE", 0, 0).met).toBe(false);
    expect(quorumStatus("ONE_THIRD", 0, 0).met).toBe(false);
  });

  it("is always met without a rule", () => {
    expect(quorumStatus("NONE", 26, 0)).toMatchObject({ required: 0, met: true, label: "nessun quorum" });
  });
});

describe("quorumSentence", () => {
  it("says what the coordinators read at the top of the attendance page", () => {
    expect(quorumSentence(quorumStatus("HALF_PLUS_ONE", 26, 15), 26)).toBe("Quorum raggiunto: 15 organizzazioni partner presenti su 26 (ne servono 14)");
    expect(quorumSentence(quorumStatus("HALF_PLUS_ONE", 1, 0), 1)).toBe("Quorum non raggiunto: 0 organizzazioni partner presenti su 1 (ne serve 1)");
    expect(quorumSentence(quorumStatus("ONE_THIRD", 3, 1), 3)).toBe("Quorum raggiunto: 1 organizzazione partner presente su 3 (ne serve 1)");
  });
});

it("recognises only the four rules", () => {
  expect(isQuorumRule("TWO_THIRDS")).toBe(true);
  expect(isQuorumRule("toString")).toBe(false);
});
