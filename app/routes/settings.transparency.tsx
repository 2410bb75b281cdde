import { lazy } from "react";
import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/settings.transparency";
import { requirePermission } from "~/auth/permissions.server";
import { FormAlert, Notice, TextField } from "~/components/forms";
import { ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { RichTextField } from "~/components/transparency";
import { saveTransparencySettings, setProjectPublicFigures, transparencyOverview, transparencySettingsFields } from "~/domain/transparency.server";
import { orUserError, parseForm, type FormReply } from "~/utils/forms.server";

// The coordinators' transparency tools: the presentation and the licence line, the switches of the
// public pages, and which verbali and projects are public (docs/decisions/029-public-transparency-pages.md).

const RichTextEditor = lazy(() => import("~/components/rich-text-editor"));

const schema = z.discriminatedUnion("intent", [
  transparencySettingsFields.extend({ intent: z.literal("settings") }),
  z.object({
    intent: z.literal("projectFigures"),
    projectId: z.string({ error: "Progetto mancante." }).trim().min(1, "Progetto mancante.").max(60),
    publicFigures: z.enum(["0", "1"], { error: "Scegli se rendere pubblici i dati del progetto." }),
  }),
]);

const VERBALE_STATES = {
  PUBLIC: "Sulle pagine pubbliche",
  PREPARED: "Versione pubblica preparata, non pubblicata",
  NONE: "Nessuna versione pubblica",
} as const;

export const meta: Route.MetaFunction = () => pageTitle("Trasparenza");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "settings" });
  return transparencyOverview();
}

export async function action(args: Route.ActionArgs) {
  const user = requirePermission(args, "manage", { kind: "settings" });
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const command = form.data;
  const result = await orUserError(form.formData, async () => {
    if (command.intent === "settings") {
      const { intent: _, ...settings } = command;
      await saveTransparencySettings(settings, user);
      return "Impostazioni della trasparenza salvate.";
    }
    await setProjectPublicFigures(command.projectId, command.publicFigures === "1", user);
    return command.publicFigures === "1" ? "I dati del progetto sono ora pubblici." : "I dati del progetto non sono più pubblici.";
  });
  if (!result.ok) return result.reply;
  return { done: result.value };
}

export default function TransparencySettings({ loaderData, actionData }: Route.ComponentProps) {
  const { settings, verbali, projects } = loaderData;
  const reply = actionData && "errors" in actionData ? (actionData as FormReply) : undefined;
  const settingsReply = reply?.values.intent === "settings" ? reply : undefined;
  const done = actionData && "done" in actionData ? actionData.done : null;
  const checked = (name: "publishPresentation" | "publishPartnerList") => (settingsReply ? settingsReply.values[name] === "on" : settings[name]);
  return (
    <div className="container my-5">
      <PageHeader
        title="Trasparenza"
        lead="Che cosa il tavolo mostra a tutti, senza accesso: ogni voce è pubblica solo se la scegli qui, sul verbale o sul progetto."
      >
        <Link to="/pubblico" className="btn btn-outline-primary">
          Vedi le pagine pubbliche
        </Link>
      </PageHeader>
      {done ? <Notice>{done}</Notice> : null}
      {reply && !settingsReply ? <FormAlert reply={reply} /> : null}

      <section aria-labelledby="impostazioni-titolo" className="mb-5">
        <h2 id="impostazioni-titolo" className="h4">
          Presentazione, elenco dei partner e licenza
        </h2>
        <Form method="post" noValidate key={settingsReply ? "errore" : "salvato"}>
          <input type="hidden" name="intent" value="settings" />
          <FormAlert reply={settingsReply} />
          <RichTextField
            name="presentation"
            label="Presentazione del tavolo"
            labelId="presentazione-titolo"
            hint="Come funziona il tavolo, chi ne fa parte, come si partecipa. Gli obiettivi strategici vengono aggiunti in fondo dalla pagina Obiettivi strategici."
            initialHtml={settingsReply?.values.presentation ?? settings.presentation}
            error={settingsReply?.errors.fieldErrors.presentation}
            Editor={RichTextEditor}
          />
          <fieldset className="mb-4">
            <legend className="h6 fw-semibold">Pagine pubbliche</legend>
            <div className="form-check">
              <input id="campo-publishPresentation" name="publishPresentation" type="checkbox" defaultChecked={checked("publishPresentation")} aria-describedby="campo-publishPresentation-aiuto" />
              <label htmlFor="campo-publishPresentation">Pubblica la presentazione del tavolo</label>
              <small id="campo-publishPresentation-aiuto" className="form-text d-block">
                La pagina «Il tavolo» mostra il testo qui sopra e gli obiettivi strategici.
              </small>
            </div>
            <div className="form-check">
              <input id="campo-publishPartnerList" name="publishPartnerList" type="checkbox" defaultChecked={checked("publishPartnerList")} aria-describedby="campo-publishPartnerList-aiuto" />
              <label htmlFor="campo-publishPartnerList">Pubblica l'elenco delle organizzazioni partner e aderenti</label>
              <small id="campo-publishPartnerList-aiuto" className="form-text d-block">
                Solo nome, forma giuridica e data di adesione; mai contatti né persone.
              </small>
            </div>
          </fieldset>
          <TextField
            name="openDataLicence"
            label="Licenza dei dati aperti"
            reply={settingsReply}
            defaultValue={settings.openDataLicence}
            hint="Compare nei file JSON, nell'intestazione dei CSV e nella pagina dei dati aperti."
          />
          <button type="submit" className="btn btn-primary">
            Salva
          </button>
        </Form>
      </section>

      <section aria-labelledby="verbali-titolo" className="mb-5">
        <h2 id="verbali-titolo" className="h4">
          Verbali
        </h2>
        <p>
          Un verbale pubblicato ai componenti del tavolo può avere una versione pubblica, senza i nomi delle persone: si prepara, si
          rilegge e si pubblica dalla pagina del verbale.
        </p>
        {verbali.length === 0 ? (
          <p className="empty-state">Nessun verbale pubblicato finora.</p>
        ) : (
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Verbali pubblicati e loro versione pubblica</caption>
              <thead>
                <tr>
                  <th scope="col">Riunione</th>
                  <th scope="col">Data</th>
                  <th scope="col">Versione pubblica</th>
                </tr>
              </thead>
              <tbody>
                {verbali.map((v) => (
                  <tr key={v.meetingId}>
                    <th scope="row" className="fw-normal">
                      <Link to={`/riunioni/${v.meetingId}/verbale#versione-pubblica`}>
                        {v.title}
                        <span className="visually-hidden">: gestisci la versione pubblica</span>
                      </Link>
                    </th>
                    <td className="text-nowrap">{v.day}</td>
                    <td>{VERBALE_STATES[v.state]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        )}
      </section>

      <section aria-labelledby="progetti-titolo" className="mb-5">
        <h2 id="progetti-titolo" className="h4">
          Dati dei progetti
        </h2>
        <p>
          I dati pubblici di un progetto sono importi, indicatori, stato, periodo, capofila e partner, calcolati dalle sole
          rendicontazioni approvate. Compaiono nella pagina pubblica dei progetti e nei dati aperti.
        </p>
        {projects.length === 0 ? (
          <p className="empty-state">Nessun progetto registrato.</p>
        ) : (
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Progetti e loro dati pubblici</caption>
              <thead>
                <tr>
                  <th scope="col">Progetto</th>
                  <th scope="col">Dati pubblici</th>
                  <th scope="col">
                    <span className="visually-hidden">Azione</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {projects.map((p) => (
                  <tr key={p.id}>
                    <th scope="row" className="fw-normal">
                      <Link to={`/progetti/${p.id}`}>
                        {p.code} · {p.title}
                      </Link>
                    </th>
                    <td>{p.publicFigures ? "Sì" : "No"}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="projectFigures" />
                        <input type="hidden" name="projectId" value={p.id} />
                        <input type="hidden" name="publicFigures" value={p.publicFigures ? "0" : "1"} />
                        <button type="submit" className={`btn btn-sm ${p.publicFigures ? "btn-outline-danger" : "btn-outline-primary"}`}>
                          {p.publicFigures ? "Togli dai dati pubblici" : "Rendi pubblici i dati"}
                          <span className="visually-hidden"> del progetto {p.code}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        )}
      </section>
    </div>
  );
}
