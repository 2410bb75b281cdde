import { describe, expect, it } from "vitest";
import { euroInputValue, formatEuro, normaliseCup, parseEuro, percentOf, sumCents } from "./money";

describe("parseEuro", () => {
  it.each([
    ["1.230.620,00", 123_062_000],
    ["1230620,5", 123_062_050],
    ["€ 350.000", 35_000_000],
    ["5.657.142,86 €", 565_714_286],
    ["211500", 21_150_000],
    ["669120.00", 66_912_000],
    ["0,10", 10],
    ["0,01", 1],
    ["  12,3 ", 1_230],
    ["1.000", 100_000],
  ])("reads %s as %i cents", (input, cents) => {
    expect(parseEuro(input)).toBe(cents);
  });

  it.each(["", "abc", "1,2,3", "12,345", "-5", "1.23.456", "1.2345,00", "12.345.6"])("refuses %j", (input) => {
    expect(parseEuro(input)).toBeNull();
  });

  it("never goes through floating point: 0,1 + 0,2 is 0,30", () => {
    expect(sumCents([parseEuro("0,1")!, parseEuro("0,2")!])).toBe(30);
    expect(formatEuro(sumCents([parseEuro("0,1")!, parseEuro("0,2")!]))).toBe("0,30 €");
  });
});

describe("formatEuro", () => {
  it.each([
    [123_062_000, "1.230.620,00 €"],
    [565_714_286, "5.657.142,86 €"],
    [123_000, "1.230,00 €"],
    [5, "0,05 €"],
    [0, "0,00 €"],
    [-150, "-1,50 €"],
    [9_007_199_254_740_991n, "90.071.992.547.409,91 €"],
  ])("writes %s cents as %s", (cents, text) => {
    expect(formatEuro(cents)).toBe(text);
  });

  it("round-trips through the input value", () => {
    for (const cents of [0, 1, 99, 100, 123_062_000, 565_714_286]) {
      expect(parseEuro(euroInputValue(cents))).toBe(cents);
    }
  });
});

describe("sums and shares", () => {
  it("adds BigInt and numbers exactly", () => {
    expect(sumCents([21_150_000n, 66_912_000, 35_000_000n])).toBe(123_062_000);
  });
  it("gives percentages with one decimal and 0 of nothing", () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(5, 0)).toBe(0);
  });
});

describe("normaliseCup", () => {
  it("accepts the 15-character shape, spaces and lower case tidied", () => {
    expect(normaliseCup("j41h 2200 0250 006")).toBe("J41H22000250006");
  });
  it.each(["J41H2200025000", "J41H220002500067", "141H22000250006", "J41H2200025000X"])("refuses %s", (cup) => {
    expect(normaliseCup(cup)).toBeNull();
  });
});
