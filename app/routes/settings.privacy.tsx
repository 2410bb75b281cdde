import { lazy } from "react";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/settings.privacy";
import { requirePermission } from "~/auth/permissions.server";
import { FormAlert, Notice } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { RichTextField } from "~/components/transparency";
import { sanitizeRichText } from "~/domain/rich-text.server";
import { getTavoloSettings, updateTavoloSettings } from "~/domain/tavolo-settings.server";
import { parseForm, type FormReply } from "~/utils/forms.server";

// The coordinators write the information notice on personal data shown at /privacy; left empty,
// the page shows the built-in text. The table of what Tavolo keeps is always added below it.

const RichTextEditor = lazy(() => import("~/components/rich-text-editor"));

const MAX_NOTICE_HTML = 50_000;

const schema = z.object({
  privacyNotice: z
    .string({ error: "Il testo dell'informativa non è leggibile." })
    .optional()
    .transform((value) => sanitizeRichText(value ?? ""))
    .pipe(z.string().max(MAX_NOTICE_HTML, "Il testo è troppo lungo: al massimo 50.000 caratteri.")),
});

export const meta: Route.MetaFunction = () => pageTitle("Informativa sulla privacy");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "settings" });
  const settings = await getTavoloSettings();
  return { privacyNotice: settings.privacyNotice };
}

export async function action(args: Route.ActionArgs) {
  const user = requirePermission(args, "manage", { kind: "settings" });
  const form = await parseForm(args.request, schema);
  if (!form.ok) {
    // What goes back into the editor is never the raw HTML that was posted.
    const reply = form.reply;
    const values = { ...reply.data.values, privacyNotice: sanitizeRichText(reply.data.values.privacyNotice ?? "") };
    return data<FormReply>({ ...reply.data, values }, reply.init ?? undefined);
  }
  await updateTavoloSettings({ privacyNotice: form.data.privacyNotice }, user);
  return { saved: form.data.privacyNotice === "" ? ("builtIn" as const) : ("custom" as const) };
}

export default function PrivacySettings({ loaderData, actionData }: Route.ComponentProps) {
  const reply = actionData && "errors" in actionData ? (actionData as FormReply) : undefined;
  const saved = actionData && "saved" in actionData ? actionData.saved : null;
  return (
    <div className="container my-5">
      <PageHeader
        title="Informativa sulla privacy"
        lead="Il testo dell'informativa sul trattamento dei dati personali, pubblicato alla pagina Privacy senza bisogno di accesso."
      >
        <Link to="/privacy" className="btn btn-outline-primary">
          Vedi l'informativa
        </Link>
      </PageHeader>
      {saved === "custom" ? <Notice>Informativa salvata: la pagina Privacy mostra ora il nuovo testo.</Notice> : null}
      {saved === "builtIn" ? <Notice>Testo tolto: la pagina Privacy mostra il testo predefinito.</Notice> : null}
      <div className="row">
        <div className="col-lg-9">
          <Form method="post" noValidate key={reply ? "errore" : `salvato-${saved ?? ""}`}>
            <FormAlert reply={reply} />
            <RichTextField
              name="privacyNotice"
              label="Testo dell'informativa"
              labelId="informativa-titolo"
              headingLevel={2}
              hint="Indica il titolare (il Comune), il Responsabile della protezione dei dati e come esercitare i diritti. Lascia vuoto per usare il testo predefinito. La tabella dei dati conservati, con finalità e durata, viene aggiunta sotto in automatico."
              initialHtml={reply?.values.privacyNotice ?? loaderData.privacyNotice}
              error={reply?.errors.fieldErrors.privacyNotice}
              Editor={RichTextEditor}
            />
            <button type="submit" className="btn btn-primary">
              Salva l'informativa
            </button>
          </Form>
        </div>
      </div>
    </div>
  );
}
