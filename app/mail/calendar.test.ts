import ICAL from "ical.js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { romeInstant } from "~/domain/meeting-rules";
import {
  mailFromAddress,
  meetingIcs,
  meetingIcsFor,
  type CalendarAttendee,
  type CalendarMeeting,
  type CalendarMethod,
  type CalendarOptions,
} from "./calendar.server";

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

// meetingIcsFor cuts and joins the library's text instead of calling createEvent per person
// (docs/decisions/034-calendar-files-in-bulk.md): every file must be byte for byte what meetingIcs
// (createEvent) writes for that person, so a change in how `ics` writes a calendar fails here.
describe("calendars for many attendees", () => {
  // createEvent stamps DTSTAMP with Date.now(): frozen, the two ways must agree on every byte.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2027-03-01T09:30:15Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const people: CalendarAttendee[] = [
    { name: "Marco Colombo", email: "referente@example.org", response: "PENDING" },
    { name: "Niccolò Pirò, detto «Nico»", email: "niccolo.piro@example.org", response: "ACCEPTED" },
    { name: 'Anna "Annie" Rossi; Servizi sociali: ufficio minori', email: "anna.rossi@comune.example.it", response: "DECLINED" },
    // Longer than a 75-octet line with its parameters: the library folds it, with accented letters
    // (two octets each) and an emoji near the fold.
    {
      name: "Maria Assunta Annunziata Giuseppina dell'Immacolata Concezione Brambilla-Fumagalli, Caritas è più 👩‍💼 ù",
      email: "maria.assunta.brambilla-fumagalli@associazione-lunghissima.example.org",
      response: "ACCEPTED",
    },
    { name: "Zoë Àlvarez", email: "zoe@example.org" },
    { name: "", email: "senza.nome@example.org", response: "PENDING" },
  ];

  const longAgenda = Array.from({ length: 8 }, (_, i) => ({
    title: `Punto ${i + 1}: relazione sullo stato dei lavori del gruppo «${i + 1}», con proposte; città e comunità`,
    presenter: i % 2 ? "Caritas Ambrosiana, Società San Vincenzo" : "",
    durationMinutes: 15,
  }));

  const meetings: Record<string, CalendarMeeting> = {
    "in sala e in video": meeting(),
    "con otto punti all'ordine del giorno": meeting({ agenda: longAgenda, icsSequence: 4 }),
    "solo in video": meeting({ location: "" }),
    "senza luogo né video": meeting({ location: "", videoLink: "", agenda: [] }),
    annullata: meeting({ cancelled: true, cancelReason: "Sala non disponibile, ci scusiamo: à è ì ò ù", icsSequence: 2 }),
  };
  const methods: CalendarMethod[] = ["REQUEST", "CANCEL", "PUBLISH"];

  for (const [label, m] of Object.entries(meetings)) {
    for (const method of methods) {
      it(`writes what meetingIcs writes for each person: ${label}, ${method}`, () => {
        const options = { method, organizerName: "Comune di Cinisello Balsamo, Tavolo Povertà" };
        const bulk = meetingIcsFor(m, options, people);
        const oneByOne = people.map((attendee) => meetingIcs(m, { ...options, attendee }));
        expect(bulk).toHaveLength(people.length);
        for (const [index, ics] of bulk.entries()) expect(ics).toBe(oneByOne[index]);
      });
    }
  }

  it("covers a folded ATTENDEE line and gives each file its own person", () => {
    const files = meetingIcsFor(meeting(), { method: "REQUEST", organizerName: "Comune" }, people);
    expect(files[3]).toMatch(/\r\nATTENDEE;[^\r]*\r\n\t/);
    for (const [index, ics] of files.entries()) {
      // ics 3.12 writes a double quote in a name as \" inside the quoted CN, which RFC 5545 does not
      // allow and ical.js reads wrongly; meetingIcs writes the same bytes (checked above).
      if (people[index]!.name.includes('"')) continue;
      const attendees = parse(ics).event.getAllProperties("attendee");
      expect(attendees).toHaveLength(1);
      expect(attendees[0]!.getFirstValue()).toBe(`mailto:${people[index]!.email}`);
    }
    expect(parse(files[1]!).event.getFirstProperty("attendee")?.getParameter("cn")).toBe("Niccolò Pirò, detto «Nico»");
    expect(parse(files[2]!).event.getFirstProperty("attendee")?.getParameter("partstat")).toBe("DECLINED");
  });

  it("handles no one and one person like meetingIcs", () => {
    const options = { method: "REQUEST" as const, organizerName: "Comune" };
    expect(meetingIcsFor(meeting(), options, [])).toEqual([]);
    expect(meetingIcsFor(meeting(), options, [people[1]!])).toEqual([meetingIcs(meeting(), { ...options, attendee: people[1]! })]);
  });

  it("still refuses what the library's schema refuses", () => {
    const options = { method: "REQUEST" as const, organizerName: "Comune" };
    const badUrl = meeting({ url: "non è un indirizzo" });
    expect(() => meetingIcs(badUrl, { ...options, attendee: people[0]! })).toThrow();
    expect(() => meetingIcsFor(badUrl, options, people)).toThrow();
    // A bad address anywhere in the list, as createEvent would refuse that person's file.
    const withBadAddress = [...people.slice(0, 3), { name: "Errore", email: "non-un-indirizzo" }, ...people.slice(3)];
    expect(() => meetingIcs(meeting(), { ...options, attendee: withBadAddress[3]! })).toThrow();
    expect(() => meetingIcsFor(meeting(), options, withBadAddress)).toThrow();
  });
});
