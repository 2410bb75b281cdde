import { describe, expect, it } from "vitest";
import { describeRule, durationLabel, nextDates, romeDay, romeInstant, romeTime, ruleDayOfMonth } from "./meeting-rules";

const iso = (dates: { startsAt: Date; endsAt: Date }[]) => dates.map((d) => [d.startsAt.toISOString(), d.endsAt.toISOString()]);

describe("nextDates", () => {
  it("keeps 15:00 Rome across the March and October daylight-saving changes (last Sunday)", () => {
    const lastSunday = { weekOfMonth: -1, weekday: 7, startTime: "15:00", endTime: "17:00" };
    const dates = nextDates(lastSunday, new Date("2025-02-01T00:00:00Z"), 10);
    expect(dates.map((d) => d.day)).toEqual([
      "2025-02-23",
      "2025-03-30",
      "2025-04-27",
      "2025-05-25",
      "2025-06-29",
      "2025-07-27",
      "2025-08-31",
      "2025-09-28",
      "2025-10-26",
      "2025-11-30",
    ]);
    // 30 March 2025 and 26 October 2025 are the change days themselves.
    expect(iso(dates)[0]).toEqual(["2025-02-23T14:00:00.000Z", "2025-02-23T16:00:00.000Z"]);
    expect(iso(dates)[1]).toEqual(["2025-03-30T13:00:00.000Z", "2025-03-30T15:00:00.000Z"]);
    expect(iso(dates)[7]).toEqual(["2025-09-28T13:00:00.000Z", "2025-09-28T15:00:00.000Z"]);
    expect(iso(dates)[8]).toEqual(["2025-10-26T14:00:00.000Z", "2025-10-26T16:00:00.000Z"]);
    expect(dates.every((d) => romeTime(d.startsAt) === "15:00" && romeTime(d.endsAt) === "17:00")).toBe(true);
  });

  it("finds the last Tuesday, including months where it falls in the last seven days only", () => {
    const lastTuesday = { weekOfMonth: -1, weekday: 2, startTime: "09:30", endTime: "11:00" };
    const dates = nextDates(lastTuesday, new Date("2025-01-01T00:00:00Z"), 4);
    expect(dates.map((d) => d.day)).toEqual(["2025-01-28", "2025-02-25", "2025-03-25", "2025-04-29"]);
    expect(dates[3]?.startsAt.toISOString()).toBe("2025-04-29T07:30:00.000Z");
  });

  it("finds weeks 1 to 4 of the month", () => {
    // June 2025 starts on a Sunday.
    const tuesday = (weekOfMonth: number) => ruleDayOfMonth({ weekOfMonth, weekday: 2 }, 2025, 5);
    expect([1, 2, 3, 4].map(tuesday)).toEqual([3, 10, 17, 24]);
    expect(ruleDayOfMonth({ weekOfMonth: 1, weekday: 7 }, 2025, 5)).toBe(1);
    expect(ruleDayOfMonth({ weekOfMonth: 4, weekday: 1 }, 2025, 5)).toBe(23);
    const firstTuesday = { weekOfMonth: 1, weekday: 2, startTime: "15:00", endTime: "17:00" };
    expect(nextDates(firstTuesday, new Date("2025-09-15T00:00:00Z"), 3).map((d) => d.day)).toEqual(["2025-10-07", "2025-11-04", "2025-12-02"]);
  });

  it("starts from the month of `from` only when that month's date is still ahead, and crosses the year", () => {
    const thirdThursday = { weekOfMonth: 3, weekday: 4, startTime: "18:00", endTime: "19:30" };
    expect(nextDates(thirdThursday, new Date("2025-11-20T16:59:00Z"), 1)[0]?.day).toBe("2025-11-20");
    expect(nextDates(thirdThursday, new Date("2025-11-20T17:00:00Z"), 3).map((d) => d.day)).toEqual(["2025-12-18", "2026-01-15", "2026-02-19"]);
  });
});

describe("Rome days and times", () => {
  it("builds instants from a Rome day and time on either side of the change", () => {
    expect(romeInstant("2025-03-29", "15:00").toISOString()).toBe("2025-03-29T14:00:00.000Z");
    expect(romeInstant("2025-03-31", "15:00").toISOString()).toBe("2025-03-31T13:00:00.000Z");
    expect(romeDay(new Date("2025-06-30T22:30:00Z"))).toBe("2025-07-01");
  });

  it("describes rules and durations in Italian", () => {
    expect(describeRule({ weekOfMonth: 1, weekday: 2, startTime: "15:00", endTime: "17:00" })).toBe("Primo martedì del mese, 15:00–17:00");
    expect(describeRule({ weekOfMonth: -1, weekday: 7, startTime: "10:00", endTime: "12:00" })).toBe("Ultima domenica del mese, 10:00–12:00");
    expect(durationLabel(90)).toBe("1 ora e 30 minuti");
    expect(durationLabel(120)).toBe("2 ore");
    expect(durationLabel(0)).toBe("0 minuti");
  });
});
