import { describe, expect, it } from "vitest";
import { renderMail } from "./layout";
import { rendicontazioneReviewedMail } from "./rendicontazione-reviewed";
import { rendicontazioneSubmittedMail } from "./rendicontazione-submitted";

const period = "Periodo 2 (1 aprile 2026 – 30 giugno 2026)";

describe("rendicontazione mails", () => {
  it("tells a coordinator who sent what, for which project and period, and where to review it", () => {
    const mail = renderMail(
      rendicontazioneSubmittedMail({
        name: "Giulia Ferrari",
        organisationName: "Associazione \"Il Ponte\"",
        projectCode: "TO7.1.1.a",
        projectTitle: "Snodi di comunità",
        periodLabel: period,
        versionNumber: 1,
        submittedBy: "Paola Verdi",
        totalLabel: "1.250,00 €",
        url: "http://localhost:3000/rendicontazioni/abc",
      }),
      "Tavolo Povertà",
    );
    expect(mail.subject).toBe('Rendicontazione inviata: Associazione "Il Ponte", TO7.1.1.a');
    expect(mail.text).toContain("Paola Verdi di Associazione \"Il Ponte\" ha inviato la rendicontazione del progetto TO7.1.1.a «Snodi di comunità», Periodo 2 (1 aprile 2026 – 30 giugno 2026).");
    expect(mail.text).toContain("Spese rendicontate: 1.250,00 €.");
    expect(mail.text).toContain("Esamina la rendicontazione:\nhttp://localhost:3000/rendicontazioni/abc");
    expect(mail.html).toContain("Associazione &quot;Il Ponte&quot;");
  });

  it("says when a rendicontazione comes back corrected", () => {
    const mail = rendicontazioneSubmittedMail({
      name: "Giulia Ferrari",
      organisationName: "Caritas",
      projectCode: "P1",
      projectTitle: "Casa",
      periodLabel: period,
      versionNumber: 2,
      submittedBy: "Paola Verdi",
      totalLabel: "0,00 €",
      url: "http://localhost:3000/rendicontazioni/abc",
    });
    expect(mail.subject).toBe("Rendicontazione corretta e reinviata: Caritas, P1");
    expect(renderMail(mail, "Tavolo").text).toContain("corretta dopo la restituzione (versione 2)");
  });

  it("gives the referents the outcome, every comment with the field it concerns, and the link", () => {
    const mail = renderMail(
      rendicontazioneReviewedMail({
        name: "Paola Verdi",
        outcome: "RETURNED",
        projectCode: "TO7.1.1.a",
        projectTitle: "Snodi di comunità",
        periodNumber: 2,
        periodLabel: period,
        versionNumber: 1,
        reviewerName: "Giulia Ferrari",
        comment: "Mancano due fatture.",
        fieldComments: [
          { label: "Spese", text: "La fattura 12/2026 <non> è leggibile." },
          { label: "Indicatore «Famiglie accompagnate»", text: "Il valore non torna con la relazione." },
        ],
        url: "http://localhost:3000/rendicontazioni/abc",
      }),
      "Tavolo Povertà",
    );
    expect(mail.subject).toBe("Rendicontazione da correggere: TO7.1.1.a, periodo 2");
    expect(mail.text).toContain("Giulia Ferrari ha restituito la rendicontazione del progetto TO7.1.1.a «Snodi di comunità»");
    expect(mail.text).toContain("Commento di Giulia Ferrari: Mancano due fatture.");
    expect(mail.text).toContain("Spese: La fattura 12/2026 <non> è leggibile.");
    expect(mail.text).toContain("Indicatore «Famiglie accompagnate»: Il valore non torna con la relazione.");
    expect(mail.text).toContain("Correggi la rendicontazione:\nhttp://localhost:3000/rendicontazioni/abc");
    expect(mail.html).toContain("&lt;non&gt;");
  });

  it("announces an approval without comments", () => {
    const mail = renderMail(
      rendicontazioneReviewedMail({
        name: "Paola Verdi",
        outcome: "APPROVED",
        projectCode: "P1",
        projectTitle: "Casa",
        periodNumber: 2,
        periodLabel: period,
        versionNumber: 2,
        reviewerName: "Giulia Ferrari",
        comment: "",
        fieldComments: [],
        url: "http://localhost:3000/rendicontazioni/abc",
      }),
      "Tavolo Povertà",
    );
    expect(mail.subject).toBe("Rendicontazione approvata: P1, periodo 2");
    expect(mail.text).toContain("Giulia Ferrari ha approvato la rendicontazione del progetto P1 «Casa», Periodo 2 (1 aprile 2026 – 30 giugno 2026) (versione 2).");
    expect(mail.text).not.toContain("Commento di");
  });
});
