import { describe, expect, it } from "vitest";
import { renderMail } from "./layout";
import { rendicontazioneReminderMail } from "./rendicontazione-reminder";
import { weeklyDigestMail } from "./weekly-digest";

const reminder = {
  name: "Paola Verdi",
  organisationName: "Associazione <Il Ponte>",
  projectTitle: "Snodi di comunità",
  projectCode: "TO7.1.1.a",
  periodNumber: 2,
  periodDates: "dal 1 aprile 2026 al 30 giugno 2026",
  dueOn: "30 luglio 2026",
  stateLabel: "Bozza",
  rendicontazioneUrl: "http://localhost:3000/rendicontazioni/abc",
};

describe("rendicontazione reminder mail", () => {
  it("says which project, period and deadline, how many days are left and the state, with the link", () => {
    const mail = renderMail(rendicontazioneReminderMail({ ...reminder, daysLeft: 14 }), "Tavolo Povertà");
    expect(mail.subject).toBe("Rendicontazione in scadenza il 30 luglio 2026: Snodi di comunità, periodo 2");
    expect(mail.text).toContain(
      "Buongiorno Paola Verdi, la rendicontazione di Associazione <Il Ponte> per il progetto «Snodi di comunità» (TO7.1.1.a), periodo 2 dal 1 aprile 2026 al 30 giugno 2026, va inviata entro il 30 luglio 2026: mancano 14 giorni.",
    );
    expect(mail.text).toContain("Stato attuale: Bozza.");
    expect(mail.text).toContain("Apri la rendicontazione:\nhttp://localhost:3000/rendicontazioni/abc");
    expect(mail.html).toContain("Associazione &lt;Il Ponte&gt;");
  });

  it("counts down to the day itself and then says how long ago it fell due", () => {
    const text = (daysLeft: number) => renderMail(rendicontazioneReminderMail({ ...reminder, daysLeft }), "Tavolo").text;
    expect(text(1)).toContain("va inviata entro il 30 luglio 2026: manca 1 giorno.");
    expect(text(0)).toContain("va inviata entro il 30 luglio 2026: scade oggi.");
    const overdue = renderMail(rendicontazioneReminderMail({ ...reminder, daysLeft: -1 }), "Tavolo");
    expect(overdue.subject).toBe("Rendicontazione scaduta il 30 luglio 2026: Snodi di comunità, periodo 2");
    expect(overdue.text).toContain("andava inviata entro il 30 luglio 2026: è scaduta da 1 giorno.");
    expect(text(-5)).toContain("è scaduta da 5 giorni.");
  });
});

describe("weekly digest mail", () => {
  const organisation = {
    name: "Associazione Il Ponte",
    dashboardUrl: "http://localhost:3000/rendicontazioni",
  };
  const digest = {
    name: "Paola Verdi",
    weekOf: "23 novembre 2026",
    items: [],
    preferencesUrl: "http://localhost:3000/profilo/notifiche",
  };

  it("lists deadlines (overdue marked), open actions and the next meeting in one mail", () => {
    const mail = renderMail(
      weeklyDigestMail({
        ...digest,
        organisation: {
          ...organisation,
          rendicontazioni: [
            { ...reminder, daysLeft: -3, dueOn: "20 novembre 2026", url: "http://localhost:3000/rendicontazioni/r1" },
            { ...reminder, periodNumber: 3, daysLeft: 10, dueOn: "3 dicembre 2026", url: "http://localhost:3000/rendicontazioni/r2" },
          ],
          actions: [
            { text: "Mappare gli empori solidali", dueOn: "1 novembre 2026", overdue: true, statusLabel: "In corso", url: "http://localhost:3000/decisioni/d1" },
            { text: "Proporre una data per il gruppo casa", dueOn: null, overdue: false, statusLabel: "Aperta", url: "http://localhost:3000/decisioni/d2" },
          ],
          nextMeeting: { title: "Plenaria", when: "giovedì 3 dicembre 2026, 15:00", location: "Sala consiliare", url: "http://localhost:3000/riunioni/m1" },
        },
      }),
      "Tavolo Povertà",
    );
    expect(mail.subject).toBe("Riepilogo settimanale di Associazione Il Ponte: 2 rendicontazioni, 2 azioni aperte");
    expect(mail.text).toContain(
      "• Snodi di comunità (TO7.1.1.a), periodo 2 dal 1 aprile 2026 al 30 giugno 2026: SCADUTA il 20 novembre 2026, è scaduta da 3 giorni. Stato: Bozza. http://localhost:3000/rendicontazioni/r1",
    );
    expect(mail.text).toContain("periodo 3 dal 1 aprile 2026 al 30 giugno 2026: scadenza 3 dicembre 2026, mancano 10 giorni.");
    expect(mail.text).toContain("• Mappare gli empori solidali (SCADUTA il 1 novembre 2026; in corso). http://localhost:3000/decisioni/d1");
    expect(mail.text).toContain("• Proporre una data per il gruppo casa (senza scadenza; aperta). http://localhost:3000/decisioni/d2");
    expect(mail.text).toContain("Prossima riunione: Plenaria, giovedì 3 dicembre 2026, 15:00, Sala consiliare. http://localhost:3000/riunioni/m1");
    expect(mail.text).toContain("Apri le rendicontazioni:\nhttp://localhost:3000/rendicontazioni");
    expect(mail.text).not.toContain("Dalle tue notifiche");
  });

  it("says plainly when a section is empty", () => {
    const mail = renderMail(
      weeklyDigestMail({
        ...digest,
        organisation: {
          ...organisation,
          rendicontazioni: [],
          actions: [{ text: "Azione", dueOn: "1 dicembre 2026", overdue: false, statusLabel: "Aperta", url: "http://localhost:3000/decisioni/d1" }],
          nextMeeting: null,
        },
      }),
      "Tavolo",
    );
    expect(mail.subject).toBe("Riepilogo settimanale di Associazione Il Ponte: 0 rendicontazioni, 1 azione aperta");
    expect(mail.text).toContain("Nessuna rendicontazione da inviare.");
    expect(mail.text).toContain("• Azione (entro il 1 dicembre 2026; aperta).");
    expect(mail.text).toContain("Prossima riunione: nessuna riunione convocata per l'organizzazione.");
  });

  it("adds the person's weekly notifications, and for someone who represents no organisation lists only those", () => {
    const items = [
      { title: "Comunicazione: Nuovo bando per l'emporio", url: "http://localhost:3000/comunicazioni/a1" },
      { title: "Verbale pubblicato: Plenaria di novembre", url: "http://localhost:3000/riunioni/m1/verbale" },
    ];
    const referent = renderMail(
      weeklyDigestMail({ ...digest, items, organisation: { ...organisation, rendicontazioni: [], actions: [], nextMeeting: null } }),
      "Tavolo",
    );
    expect(referent.subject).toBe("Riepilogo settimanale di Associazione Il Ponte: 0 rendicontazioni, 0 azioni aperte, 2 notifiche");
    expect(referent.text).toContain("Dalle tue notifiche:\n\n• Comunicazione: Nuovo bando per l'emporio. http://localhost:3000/comunicazioni/a1");

    const member = renderMail(weeklyDigestMail({ ...digest, items: items.slice(1), organisation: null }), "Tavolo");
    expect(member.subject).toBe("Il tuo riepilogo settimanale di Tavolo: 1 notifica");
    expect(member.text).toContain("• Verbale pubblicato: Plenaria di novembre. http://localhost:3000/riunioni/m1/verbale");
    expect(member.text).not.toContain("Rendicontazioni da inviare");
    expect(member.text).toContain("http://localhost:3000/profilo/notifiche");
  });
});
