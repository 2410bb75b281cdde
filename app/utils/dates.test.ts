import { describe, expect, it } from "vitest";
import { formatDateTime, formatRome } from "./dates";

describe("dates in Europe/Rome", () => {
  it("shows Italian local time across daylight-saving changes", () => {
    expect(formatDateTime(new Date("2026-03-28T14:00:00Z"))).toBe("28 marzo 2026 alle 15:00");
    expect(formatDateTime(new Date("2026-03-29T14:00:00Z"))).toBe("29 marzo 2026 alle 16:00");
    expect(formatRome(new Date("2026-10-25T14:00:00Z"), "EEEE d MMMM HH:mm")).toBe("domenica 25 ottobre 15:00");
  });
});
