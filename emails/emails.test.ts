import { describe, expect, it } from "vitest";
import { convocationMail, type MeetingMailDetails } from "./convocation";
import { invitationMail } from "./invitation";
import { renderMail } from "./layout";
import { meetingCancelledMail } from "./meeting-cancelled";
import { meetingReminderMail } from "./meeting-reminder";
import { meetingUpdateMail } from "./meeting-update";
import { protocolExpiryMail } from "./protocol-expiry";
import { verbalePublishedMail } from "./verbale-published";
import { verbaleReviewMail } from "./verbale-review";

describe("mail templates", () => {
  it("renders HTML and plain text from one source, escaping what people typed", () => {
    const mail = renderMail(
      invitationMail({
        inviterName: "<script>alert(1)</script> Giulia",
        organisationName: "Cooperativa \"L'Aurora\" & C.",
        roleLabel: "Referente di organizzazione",
        acceptUrl: "http://localhost:3000/invito/abc",
        expiresOn: "29 novembre 2026",
        tavoloName: "Tavolo Povertà",
      }),
      "Tavolo Povertà",
    );
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
    expect(mail.html).toContain("Cooperativa &quot;L&#39;Aurora&quot; &amp; C.");
    expect(mail.html).toContain('href="http://localhost:3000/invito/abc"');
    expect(mail.text).toContain("Accetta l'invito:\nhttp://localhost:3000/invito/abc");
    expect(mail.text).toContain("<script>alert(1)</script> Giulia ti ha invitato");
    expect(mail.text).toContain("valido fino al 29 novembre 2026");
  });

  it("tells coordinators which protocol ends, when, how many days are left and where to see it", () => {
    const mail = renderMail(
      protocolExpiryMail({
        name: "Giulia Ferrari",
        protocolTitle: "Protocollo d'Intesa per il contrasto alla povertà",
        kindLabel: "Protocollo d'Intesa",
        validUntil: "30 giugno 2026",
        daysLeft: 1,
        activeSignatories: 12,
        protocolUrl: "http://localhost:3000/protocolli/abc",
      }),
      "Tavolo Povertà",
    );
    expect(mail.subject).toBe("Protocollo in scadenza il 30 giugno 2026: Protocollo d'Intesa per il contrasto alla povertà");
    expect(mail.text).toContain("è valido fino al 30 giugno 2026: manca 1 giorno.");
    expect(mail.text).toContain("12 organizzazioni firmatarie attive");
    expect(mail.text).toContain("Apri il protocollo:\nhttp://localhost:3000/protocolli/abc");
    expect(mail.html).toContain("Protocollo d&#39;Intesa per il contrasto");
  });

  const plenaria: MeetingMailDetails = {
    title: "Plenaria del tavolo",
    when: "martedì 30 marzo 2027, 15:00-17:00",
    location: "Sala consiliare, via Roma 1",
    videoLink: "https://meet.example.org/tavolo",
    agenda: [
      { title: "Approvazione del verbale della seduta precedente", presenter: "", durationMinutes: 10 },
      { title: "Emporio <solidale>", presenter: "Caritas", durationMinutes: 30 },
    ],
    meetingUrl: "http://localhost:3000/riunioni/abc",
  };

  it("convokes with the agenda, the place and one link per answer", () => {
    const mail = renderMail(
      convocationMail({
        ...plenaria,
        name: "Marco Colombo",
        organisationName: "Caritas",
        convenerName: "Comune di Cinisello Balsamo",
        acceptUrl: "http://localhost:3000/risposta/tok?r=si",
        declineUrl: "http://localhost:3000/risposta/tok?r=no",
      }),
      "Tavolo Povertà",
    );
    expect(mail.subject).toBe("Convocazione: Plenaria del tavolo, martedì 30 marzo 2027, 15:00-17:00");
    expect(mail.text).toContain("Comune di Cinisello Balsamo ti convoca alla riunione «Plenaria del tavolo» per Caritas.");
    expect(mail.text).toContain("Dove: Sala consiliare, via Roma 1.");
    expect(mail.text).toContain("1. Approvazione del verbale della seduta precedente (10 minuti)");
    expect(mail.text).toContain("2. Emporio <solidale> (presenta Caritas, 30 minuti)");
    expect(mail.text).toContain("Partecipo:\nhttp://localhost:3000/risposta/tok?r=si");
    expect(mail.text).toContain("Non partecipo:\nhttp://localhost:3000/risposta/tok?r=no");
    expect(mail.html).toContain("Emporio &lt;solidale&gt;");
  });

  it("tells a substitute who named them", () => {
    const mail = convocationMail({
      ...plenaria,
      name: "Anna Neri",
      organisationName: "Caritas",
      convenerName: "Comune di Cinisello Balsamo",
      acceptUrl: "a",
      declineUrl: "b",
      substituteFor: "Marco Colombo",
    });
    expect(renderMail(mail, "Tavolo").text).toContain("Marco Colombo ti ha indicato come sostituto per Caritas");
  });

  it("sends updates, reminders and cancellations that say what changed", () => {
    const update = renderMail(meetingUpdateMail({ ...plenaria, name: "Marco Colombo" }), "Tavolo");
    expect(update.subject).toBe("Aggiornamento della riunione: Plenaria del tavolo, martedì 30 marzo 2027, 15:00-17:00");
    expect(update.text).toContain("Quando: martedì 30 marzo 2027, 15:00-17:00.");

    const pending = renderMail(meetingReminderMail({ ...plenaria, name: "Marco Colombo", response: "PENDING" }), "Tavolo");
    expect(pending.subject).toBe("Promemoria: Plenaria del tavolo, martedì 30 marzo 2027, 15:00-17:00");
    expect(pending.text).toContain("Non hai ancora risposto");
    const accepted = renderMail(meetingReminderMail({ ...plenaria, name: "Marco Colombo", response: "ACCEPTED" }), "Tavolo");
    expect(accepted.text).toContain("Hai confermato la tua partecipazione");

    const cancelled = renderMail(
      meetingCancelledMail({ name: "Marco Colombo", title: plenaria.title, when: plenaria.when, reason: "Sala non disponibile", meetingUrl: plenaria.meetingUrl }),
      "Tavolo",
    );
    expect(cancelled.subject).toBe("Riunione annullata: Plenaria del tavolo, martedì 30 marzo 2027, 15:00-17:00");
    expect(cancelled.text).toContain("Motivo: Sala non disponibile");
    const withdrawn = renderMail(
      meetingCancelledMail({
        name: "Anna Neri",
        title: plenaria.title,
        when: plenaria.when,
        reason: "",
        meetingUrl: plenaria.meetingUrl,
        withdrawnBy: { delegateName: "Marco Colombo", organisationName: "Caritas" },
      }),
      "Tavolo",
    );
    expect(withdrawn.subject).toBe("Non sei più convocato: Plenaria del tavolo, martedì 30 marzo 2027, 15:00-17:00");
    expect(withdrawn.text).toContain("Marco Colombo ha indicato un'altra persona come sostituto di Caritas");
  });

  it("asks an attendee to review a verbale by its deadline, with the link", () => {
    const mail = renderMail(
      verbaleReviewMail({ name: "Marta Neri", meetingTitle: "Assemblea di marzo", meetingDay: "3 marzo 2026", reviewUntil: "10 marzo 2026", verbaleUrl: "http://localhost:3000/riunioni/abc/verbale" }),
      "Tavolo Povertà",
    );
    expect(mail.subject).toBe("Verbale in revisione: Assemblea di marzo del 3 marzo 2026");
    expect(mail.text).toContain("fino al 10 marzo 2026 compreso");
    expect(mail.text).toContain("Leggi e commenta il verbale:\nhttp://localhost:3000/riunioni/abc/verbale");
  });

  it("tells everyone a verbale is published, and a correction with its version and reason", () => {
    const props = { name: "Paolo Verdi", meetingTitle: "Assemblea di marzo", meetingDay: "3 marzo 2026", verbaleUrl: "http://localhost:3000/riunioni/abc/verbale", pdfUrl: "http://localhost:3000/riunioni/abc/verbale.pdf" };
    const first = renderMail(verbalePublishedMail({ ...props, version: 1, reason: "" }), "Tavolo Povertà");
    expect(first.subject).toBe("Verbale pubblicato: Assemblea di marzo del 3 marzo 2026");
    expect(first.text).not.toContain("Motivo");
    const corrected = renderMail(verbalePublishedMail({ ...props, version: 2, reason: "Orario <sbagliato>" }), "Tavolo Povertà");
    expect(corrected.subject).toBe("Verbale corretto (versione 2): Assemblea di marzo del 3 marzo 2026");
    expect(corrected.text).toContain("Motivo della correzione: Orario <sbagliato>");
    expect(corrected.html).toContain("Orario &lt;sbagliato&gt;");
  });
});
