import { describe, expect, it } from "vitest";
import { invitationMail } from "./invitation";
import { renderMail } from "./layout";

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
});
