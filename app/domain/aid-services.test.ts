import { describe, expect, it } from "vitest";
import {
  formatOpeningHours,
  formatWeek,
  isOpenAt,
  matchesOpenFilter,
  median,
  outlierMedian,
  outlierWarning,
  overlapsWindow,
  parseTime,
  romeWallClock,
  currentMonthInRome,
  type Opening,
} from "./aid-services";

const FRIDAY_NIGHT: Opening = { weekday: 5, opensAt: 20 * 60, closesAt: 2 * 60 };
const SATURDAY_MORNING: Opening = { weekday: 6, opensAt: 9 * 60, closesAt: 12 * 60 + 30 };
const SUNDAY_NIGHT: Opening = { weekday: 7, opensAt: 22 * 60, closesAt: 6 * 60 };

describe("opening hours", () => {
  it("reads and writes times as people type them", () => {
    expect(parseTime("09:00")).toBe(540);
    expect(parseTime("9.30")).toBe(570);
    expect(parseTime("24:00")).toBe(0);
    expect(parseTime("25:00")).toBeNull();
    expect(parseTime("12:60")).toBeNull();
    expect(parseTime("mezzogiorno")).toBeNull();
    expect(formatOpeningHours(SATURDAY_MORNING)).toBe("09:00–12:30");
    expect(formatOpeningHours(FRIDAY_NIGHT)).toBe("20:00–02:00 (del giorno dopo)");
    expect(formatOpeningHours({ opensAt: 0, closesAt: 0 })).toBe("00:00–24:00 (tutto il giorno)");
    expect(isOpenAt({ weekday: 3, opensAt: 0, closesAt: 0 }, 3, 23 * 60 + 59)).toBe(true);
    expect(isOpenAt({ weekday: 3, opensAt: 0, closesAt: 0 }, 4, 0)).toBe(false);
  });

  it("writes the week in a line, days with the same hours together", () => {
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: 18 * 60 + 30, closesAt: 20 * 60 }));
    expect(formatWeek([SATURDAY_MORNING, ...weekdays])).toBe("da lunedì a venerdì 18:30–20:00; sabato 09:00–12:30");
    expect(formatWeek([{ weekday: 5, opensAt: 540, closesAt: 750 }, { weekday: 1, opensAt: 540, closesAt: 750 }, FRIDAY_NIGHT])).toBe(
      "lunedì e venerdì 09:00–12:30; venerdì 20:00–02:00 (del giorno dopo)",
    );
    expect(formatWeek([])).toBe("");
  });

  it("an opening is open from its opening minute up to, not including, its closing one", () => {
    expect(isOpenAt(SATURDAY_MORNING, 6, 9 * 60)).toBe(true);
    expect(isOpenAt(SATURDAY_MORNING, 6, 12 * 60 + 29)).toBe(true);
    expect(isOpenAt(SATURDAY_MORNING, 6, 12 * 60 + 30)).toBe(false);
    expect(isOpenAt(SATURDAY_MORNING, 6, 8 * 60 + 59)).toBe(false);
    expect(isOpenAt(SATURDAY_MORNING, 5, 10 * 60)).toBe(false);
  });

  it("across midnight: Friday 20:00–02:00 is open on Saturday at 01:00, not at 02:00, nor on Friday at 01:00", () => {
    expect(isOpenAt(FRIDAY_NIGHT, 5, 23 * 60)).toBe(true);
    expect(isOpenAt(FRIDAY_NIGHT, 6, 60)).toBe(true);
    expect(isOpenAt(FRIDAY_NIGHT, 6, 120)).toBe(false);
    expect(isOpenAt(FRIDAY_NIGHT, 5, 60)).toBe(false);
    // Sunday night runs into Monday: the week wraps around.
    expect(isOpenAt(SUNDAY_NIGHT, 1, 5 * 60)).toBe(true);
    expect(isOpenAt(SUNDAY_NIGHT, 7, 5 * 60)).toBe(false);
  });

  it("a window of the day overlaps an opening that starts in it or is already open", () => {
    const saturdayMorning = { weekday: 6, from: 8 * 60, to: 13 * 60 };
    const saturdayEvening = { weekday: 6, from: 19 * 60, to: 1440 };
    expect(overlapsWindow(SATURDAY_MORNING, saturdayMorning)).toBe(true);
    expect(overlapsWindow(SATURDAY_MORNING, saturdayEvening)).toBe(false);
    expect(overlapsWindow(FRIDAY_NIGHT, { weekday: 6, from: 0, to: 1440 })).toBe(true);
    expect(overlapsWindow(FRIDAY_NIGHT, saturdayMorning)).toBe(false);
    expect(overlapsWindow(FRIDAY_NIGHT, { weekday: 5, from: 19 * 60, to: 1440 })).toBe(true);
    expect(overlapsWindow({ weekday: 6, opensAt: 13 * 60, closesAt: 15 * 60 }, saturdayMorning)).toBe(false);
    expect(matchesOpenFilter([SATURDAY_MORNING, FRIDAY_NIGHT], { weekday: 6, minute: 60 })).toBe(true);
    expect(matchesOpenFilter([SATURDAY_MORNING], { weekday: 6, minute: 60 })).toBe(false);
  });
});

describe("Rome wall clock", () => {
  it("follows daylight saving: 2027-03-28T01:30Z is Sunday 03:30 (CEST), an hour earlier is 01:30 (CET)", () => {
    expect(romeWallClock(new Date("2027-03-28T01:30:00Z"))).toEqual({ weekday: 7, minute: 3 * 60 + 30 });
    expect(romeWallClock(new Date("2027-03-28T00:30:00Z"))).toEqual({ weekday: 7, minute: 60 + 30 });
  });

  it("reads the repeated autumn hour the same both times", () => {
    expect(romeWallClock(new Date("2027-10-31T00:30:00Z"))).toEqual({ weekday: 7, minute: 2 * 60 + 30 });
    expect(romeWallClock(new Date("2027-10-31T01:30:00Z"))).toEqual({ weekday: 7, minute: 2 * 60 + 30 });
  });

  it("a Saturday at 00:30 in Rome is still Friday in UTC", () => {
    const clock = romeWallClock(new Date("2027-06-04T22:30:00Z"));
    expect(clock).toEqual({ weekday: 6, minute: 30 });
    expect(matchesOpenFilter([FRIDAY_NIGHT], clock)).toBe(true);
  });

  it("the month starts at midnight in Rome", () => {
    expect(currentMonthInRome(new Date("2026-11-30T23:30:00Z"))).toEqual(new Date("2026-12-01T00:00:00Z"));
    expect(currentMonthInRome(new Date("2026-11-30T22:30:00Z"))).toEqual(new Date("2026-11-01T00:00:00Z"));
  });
});

describe("unusual monthly figures", () => {
  it("needs three earlier months, then asks at ten times the median or a tenth of it", () => {
    expect(median([40, 10, 30])).toBe(30);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(outlierMedian(480, [40, 40])).toBeNull();
    expect(outlierMedian(480, [40, 38, 42])).toBe(40);
    expect(outlierMedian(399, [40, 38, 42])).toBeNull();
    expect(outlierMedian(4, [40, 38, 42])).toBe(40);
    expect(outlierMedian(5, [40, 38, 42])).toBeNull();
    // With a small median, a month of zero is ordinary.
    expect(outlierMedian(0, [3, 2, 4])).toBeNull();
    expect(outlierMedian(5, [0, 0, 0])).toBeNull();
    expect(outlierWarning(480, 40)).toBe("Il valore 480 è molto diverso dal solito (mediana 40): controlla e conferma.");
  });
});
