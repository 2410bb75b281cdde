import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { romeInstant } from "~/domain/meeting-rules";
import { mailFromAddress, meetingIcs, type CalendarMeeting, type CalendarOptions } from "./calendar.server";

// The calendar text is read back by a third-party parser (ical.js), as a calendar client would.

const meeting = (overrides: Partial<CalendarMeeting> = {}): CalendarMeeting => ({
  icsUid: "cm0riunione42",
  icsSequence: 0,
  title: "Plenaria del tavolo; marzo",
  startsAt: romeInstant("2027-03-30", "15:00"),
  endsAt: romeInstant("2027-03-30", "17:00"),
  location: "Sala consiliare, via Roma 1",
  videoLink: "https://meet.example.org/tavolo",
  url: "http://localhost:3000/riunioni/cm0riunione42",
  agenda: [
    { title: "Approvazione del verbale della seduta precedente", presenter: "", durationMinutes: 10 },
    { title: "Emporio solidale: stato dei lavori", presenter: "Caritas", durationMinutes: 30 },
  ],
  cancelled: false,
  cancelReason: "",
  ...overrides,
});

const invitation: CalendarOptions = {
  method: "REQUEST",
  organizerName: "Comune di Cinisello Balsamo",
  attendee: { name: "Marco Colombo", email: "referente@example.org" },
};

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent("vevent");
  if (!event) throw new Error("no VEVENT");
  return { calendar, event };
}

const utc = (event: ICAL.Component, name: string) => (event.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();

describe("meeting calendar", () => {
  it("invites one attendee with a reply requested, from the coordinating body", () => {
    const ics = meetingIcs(meeting(), invitation);
    expect(ics).toContain("\r\n");
    const { calendar, event } = parse(ics);
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(event.getFirstPropertyValue("uid")).toBe("cm0riunione42@localhost");
    expect(event.getFirstPropertyValue("sequence")).toBe(0);
    expect(event.getFirstPropertyValue("summary")).toBe("Plenaria del tavolo; marzo");
    expect(event.getFirstPropertyValue("location")).toBe("Sala consiliare, via Roma 1");
    expect(event.getFirstPropertyValue("url")).toBe("http://localhost:3000/riunioni/cm0riunione42");
    expect(event.getFirstPropertyValue("status")).toBe("CONFIRMED");

    const organizer = event.getFirstProperty("organizer");
    expect(String(organizer?.getFirstValue()).toLowerCase()).toBe(`mailto:${mailFromAddress()}`);
    expect(organizer?.getParameter("cn")).toBe("Comune di Cinisello Balsamo");

    const attendees = event.getAllProperties("attendee");
    expect(attendees).toHaveLength(1);
    const attendee = attendees[0]!;
    expect(attendee.getFirstValue()).toBe("mailto:referente@example.org");
    expect(attendee.getParameter("cn")).toBe("Marco Colombo");
    expect(attendee.getParameter("rsvp")).toBe("TRUE");
    expect(attendee.getParameter("partstat")).toBe("NEEDS-ACTION");
    expect(attendee.getParameter("role")).toBe("REQ-PARTICIPANT");

    const description = String(event.getFirstPropertyValue("description"));
    expect(description).toContain("1. Approvazione del verbale della seduta precedente (10 min)");
    expect(description).toContain("2. Emporio solidale: stato dei lavori (Caritas, 30 min)");
    expect(description).toContain("Collegamento video: https://meet.example.org/tavolo");

    const alarm = event.getFirstSubcomponent("valarm");
    expect(alarm?.getFirstPropertyValue("action")).toBe("DISPLAY");
    expect((alarm?.getFirstPropertyValue("trigger") as ICAL.Duration).toSeconds()).toBe(-86_400);
  });

  it("puts the instant right on both sides of a daylight-saving change", () => {
    const summer = parse(meetingIcs(meeting(), invitation)).event;
    expect(utc(summer, "dtstart")).toBe("2027-03-30T13:00:00.000Z");
    expect(utc(summer, "dtend")).toBe("2027-03-30T15:00:00.000Z");
    const winter = parse(
      meetingIcs(meeting({ startsAt: romeInstant("2027-11-02", "15:00"), endsAt: romeInstant("2027-11-02", "17:00") }), invitation),
    ).event;
    expect(utc(winter, "dtstart")).toBe("2027-11-02T14:00:00.000Z");
    expect(utc(winter, "dtend")).toBe("2027-11-02T16:00:00.000Z");
  });

  it("sends an update as the same event with a higher sequence", () => {
    const first = parse(meetingIcs(meeting(), invitation)).event;
    const update = parse(meetingIcs(meeting({ icsSequence: 1, location: "Villa Ghirlanda" }), invitation)).event;
    expect(update.getFirstPropertyValue("uid")).toBe(first.getFirstPropertyValue("uid"));
    expect(update.getFirstPropertyValue("sequence")).toBe(1);
    expect(update.getFirstPropertyValue("location")).toBe("Villa Ghirlanda");
  });

  it("cancels the same event with METHOD:CANCEL and STATUS:CANCELLED, asking no reply", () => {
    const ics = meetingIcs(meeting({ icsSequence: 2, cancelled: true, cancelReason: "Sala non disponibile" }), { ...invitation, method: "CANCEL" });
    const { calendar, event } = parse(ics);
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(event.getFirstPropertyValue("uid")).toBe("cm0riunione42@localhost");
    expect(event.getFirstPropertyValue("sequence")).toBe(2);
    expect(event.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(String(event.getFirstPropertyValue("description"))).toContain("Motivo: Sala non disponibile");
    expect(event.getFirstProperty("attendee")?.getParameter("rsvp")).toBe("FALSE");
    expect(event.getFirstSubcomponent("valarm")).toBeNull();
  });

  it("publishes a copy to import, with the person's own reply", () => {
    const { calendar, event } = parse(
      meetingIcs(meeting({ location: "", agenda: [] }), { ...invitation, method: "PUBLISH", attendee: { ...invitation.attendee!, response: "ACCEPTED" } }),
    );
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(event.getFirstPropertyValue("location")).toBe("https://meet.example.org/tavolo");
    expect(String(event.getFirstPropertyValue("description"))).toContain("Ordine del giorno in preparazione.");
    expect(event.getFirstProperty("attendee")?.getParameter("partstat")).toBe("ACCEPTED");
  });

  it("reads the address out of MAIL_FROM", () => {
    expect(mailFromAddress("Tavolo Povertà <tavolo@comune.example.it>")).toBe("tavolo@comune.example.it");
    expect(mailFromAddress("tavolo@comune.example.it")).toBe("tavolo@comune.example.it");
  });
});
