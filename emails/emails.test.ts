import { describe, expect, it } from "vitest";
import { invitationMail } from "./invitation";
import { renderMail } from "./layout";
import { protocolExpiryMail } from "./protocol-expiry";

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
});
