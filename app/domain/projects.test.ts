import { describe, expect, it } from "vitest";
import { parseDay } from "~/utils/dates";
import { daysUntilDue, isRendicontazioneOverdue, reportingPeriods } from "./projects";
import { todayInRome } from "~/utils/dates";

const day = (value: string) => parseDay(value)!;
const iso = (d: Date) => d.toISOString().slice(0, 10);

describe("reportingPeriods", () => {
  it("cuts a project into quarters from its start, the last ending with the project", () => {
    const periods = reportingPeriods({
      startsOn: day("2026-01-15"),
      endsOn: day("2026-12-31"),
      frequency: "QUARTERLY",
      customPeriodEnds: [],
      dueDays: 30,
    });
    expect(periods.map((p) => [p.number, iso(p.startsOn), iso(p.endsOn), iso(p.dueOn)])).toEqual([
      [1, "2026-01-15", "2026-04-14", "2026-05-14"],
      [2, "2026-04-15", "2026-07-14", "2026-08-13"],
      [3, "2026-07-15", "2026-10-14", "2026-11-13"],
      [4, "2026-10-15", "2026-12-31", "2027-01-30"],
    ]);
  });

  it("handles month ends (31 January + 6 months) and leap years", () => {
    const periods = reportingPeriods({
      startsOn: day("2024-01-01"),
      endsOn: day("2025-12-31"),
      frequency: "HALF_YEARLY",
      customPeriodEnds: [],
      dueDays: 0,
    });
    expect(periods.map((p) => iso(p.endsOn))).toEqual(["2024-06-30", "2024-12-31", "2025-06-30", "2025-12-31"]);
  });

  it("keeps custom end days in order, inside the project, and always ends with the project", () => {
    const periods = reportingPeriods({
      startsOn: day("2026-01-01"),
      endsOn: day("2026-12-31"),
      frequency: "CUSTOM",
      customPeriodEnds: [day("2026-09-30"), day("2026-03-31"), day("2027-03-31"), day("2026-03-31")],
      dueDays: 15,
    });
    expect(periods.map((p) => [iso(p.startsOn), iso(p.endsOn)])).toEqual([
      ["2026-01-01", "2026-03-31"],
      ["2026-04-01", "2026-09-30"],
      ["2026-10-01", "2026-12-31"],
    ]);
  });

  it("gives calendar days across the spring and autumn daylight-saving changes", () => {
    // Clocks go forward on 29 March 2026 and back on 25 October 2026 in Rome.
    const periods = reportingPeriods({
      startsOn: day("2026-03-01"),
      endsOn: day("2026-10-31"),
      frequency: "CUSTOM",
      customPeriodEnds: [day("2026-03-28")],
      dueDays: 2,
    });
    expect(iso(periods[0]!.dueOn)).toBe("2026-03-30");
    expect(iso(periods[1]!.dueOn)).toBe("2026-11-02");
  });
});

describe("deadlines in Rome", () => {
  const due = day("2026-03-29"); // the day clocks go forward
  it("is on time all through the due day in Rome and overdue from the next", () => {
    // 23:30 in Rome on 29 March (CEST, UTC+2) is 21:30 UTC.
    expect(isRendicontazioneOverdue({ status: "DRAFT", dueOn: due }, todayInRome(new Date("2026-03-29T21:30:00Z")))).toBe(false);
    // 00:30 in Rome on 30 March is 22:30 UTC of the 29th: already the next day in Rome.
    expect(isRendicontazioneOverdue({ status: "DRAFT", dueOn: due }, todayInRome(new Date("2026-03-29T22:30:00Z")))).toBe(true);
  });
  it("counts calendar days, not 24-hour blocks, across the autumn change", () => {
    const dueOn = day("2026-10-27");
    expect(daysUntilDue(dueOn, todayInRome(new Date("2026-10-24T22:30:00Z")))).toBe(2);
    expect(daysUntilDue(dueOn, todayInRome(new Date("2026-10-13T10:00:00Z")))).toBe(14);
  });
  it("is never overdue once sent or approved", () => {
    expect(isRendicontazioneOverdue({ status: "SUBMITTED", dueOn: day("2020-01-01") })).toBe(false);
    expect(isRendicontazioneOverdue({ status: "APPROVED", dueOn: day("2020-01-01") })).toBe(false);
    expect(isRendicontazioneOverdue({ status: "RETURNED", dueOn: day("2020-01-01") })).toBe(true);
  });
});
