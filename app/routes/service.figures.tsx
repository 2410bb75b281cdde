import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/service.figures";
import { requirePermission, requireUser } from "~/auth/permissions.server";
import { FormAlert, TextAreaField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { addMonths, aidMetricLabel, currentMonthInRome, formatMonth, metricsForKind, monthParam } from "~/domain/aid-services";
import { figuresMonthOf, getMonthlyReport, parseFiguresForm, saveMonthlyFigures } from "~/domain/aid-service-figures.server";
import { getAidService } from "~/domain/aid-services.server";
import { formReply } from "~/utils/forms.server";

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data ? `Dati di ${data.monthLabel}: ${data.service.name}` : "Dati mensili");

async function serviceFor(args: Route.LoaderArgs | Route.ActionArgs) {
  // Signed in before anything is looked up: a stranger learns nothing, not even what exists.
  requireUser(args);
  const service = await getAidService(args.params.id);
  const user = requirePermission(args, "edit", { kind: "aidService", organisationId: service.organisationId });
  return { service, user };
}

export async function loader(args: Route.LoaderArgs) {
  const { service } = await serviceFor(args);
  const month = figuresMonthOf(new URL(args.request.url).searchParams.get("mese"));
  const report = await getMonthlyReport(service.id, month);
  const thisMonth = currentMonthInRome();
  return {
    service: { id: service.id, name: service.name, organisation: service.organisation.name },
    month: monthParam(month),
    monthLabel: formatMonth(month),
    months: Array.from({ length: 13 }, (_, i) => addMonths(thisMonth, -i)).map((m) => ({ value: monthParam(m), label: formatMonth(m) })),
    metrics: metricsForKind(service.kind).map((code) => ({ code, label: aidMetricLabel(code) })),
    report: report
      ? {
          nothingToReport: report.nothingToReport,
          note: report.note,
          values: Object.fromEntries(report.figures.map((f) => [f.metric, String(f.value)])) as Record<string, string | undefined>,
          enteredBy: report.enteredBy?.name ?? null,
        }
      : null,
  };
}

export async function action(args: Route.ActionArgs) {
  const { service, user } = await serviceFor(args);
  const formData = await args.request.formData();
  const month = figuresMonthOf(String(formData.get("mese") ?? "") || null);
  const parsed = parseFiguresForm(formData, service.kind);
  if (!parsed.ok) return formReply(parsed.errors, formData, 400);
  const saved = await saveMonthlyFigures(service, month, parsed.data, user);
  // 422: the values are well formed but unusual, and wait for the person's confirmation.
  if (!saved.ok) return formReply(saved.errors, formData, 422);
  return redirect(`/servizi/${service.id}?dati-salvati`);
}

export default function ServiceFigures({ loaderData, actionData }: Route.ComponentProps) {
  const { service, month, monthLabel, months, metrics, report } = loaderData;
  const reply = actionData;
  const needsConfirmation = Boolean(reply?.errors.fieldErrors.confirm);
  const nothingChecked = reply ? reply.values.nothingToReport === "on" : (report?.nothingToReport ?? false);
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <nav aria-label="Percorso" className="mb-3">
            <Link to={`/servizi/${service.id}`}>{service.name}</Link>
          </nav>
          <PageHeader title={`Dati di ${monthLabel}`} lead={`${service.name} · ${service.organisation}`} />

          <Form method="get" className="mb-4" aria-label="Scegli il mese">
            <div className="d-flex flex-wrap align-items-end gap-2">
              <div className="select-wrapper form-group mb-0">
                <label htmlFor="scegli-mese" className="active">
                  Mese
                </label>
                <select id="scegli-mese" name="mese" className="form-select" defaultValue={month}>
                  {months.map((m) => (
                    <option key={m.value} value={m.value}>
                      {m.label}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="btn btn-outline-primary">
                Apri il mese
              </button>
            </div>
          </Form>

          {report ? (
            <p>
              I dati di questo mese sono già stati inseriti{report.enteredBy ? ` da ${report.enteredBy}` : ""}: se li modifichi, sostituisci quelli salvati.
            </p>
          ) : null}
          <FormAlert reply={reply} />
          <Form method="post" noValidate>
            <input type="hidden" name="mese" value={month} />
            <fieldset className="mb-4">
              <legend className="h5">Quanti, nel mese</legend>
              <p className="form-text">Numeri interi, zero o più. Lascia vuoto ciò che il servizio non conta.</p>
              {metrics.map((metric) => {
                const name = `metric.${metric.code}`;
                const id = `campo-${name}`;
                const error = reply?.errors.fieldErrors[name];
                return (
                  <div className="form-group mb-4" key={metric.code}>
                    <label htmlFor={id} className="active">
                      {metric.label}
                    </label>
                    <input
                      id={id}
                      name={name}
                      type="text"
                      inputMode="numeric"
                      pattern="[0-9]*"
                      className={`form-control${error ? " is-invalid" : ""}`}
                      defaultValue={reply ? reply.values[name] : (report?.values[metric.code] ?? "")}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${id}-errore` : undefined}
                    />
                    {error ? (
                      <div id={`${id}-errore`} className="invalid-feedback d-block" role="alert">
                        {error}
                      </div>
                    ) : null}
                  </div>
                );
              })}
            </fieldset>
            <div className="form-check mb-4">
              <input
                id="campo-nothingToReport"
                name="nothingToReport"
                type="checkbox"
                defaultChecked={nothingChecked}
                aria-describedby={reply?.errors.fieldErrors.nothingToReport ? "campo-nothingToReport-errore" : undefined}
              />
              <label htmlFor="campo-nothingToReport">Niente da segnalare questo mese</label>
              {reply?.errors.fieldErrors.nothingToReport ? (
                <div id="campo-nothingToReport-errore" className="invalid-feedback d-block" role="alert">
                  {reply.errors.fieldErrors.nothingToReport}
                </div>
              ) : null}
            </div>
            <TextAreaField name="note" label="Nota" required={false} rows={3} reply={reply} defaultValue={report?.note} hint="Che cosa spiega i numeri di questo mese (una chiusura, un picco di richieste)." />
            {needsConfirmation ? (
              <div className="alert alert-warning" role="alert">
                <p>{reply?.errors.fieldErrors.confirm}</p>
                <div className="form-check mb-0">
                  <input id="campo-confirm" name="confirm" type="checkbox" />
                  <label htmlFor="campo-confirm">Confermo che i valori sono corretti</label>
                </div>
              </div>
            ) : null}
            <div className="d-flex flex-wrap gap-2">
              <button type="submit" className="btn btn-primary">
                Salva i dati di {monthLabel}
              </button>
              <Link to={`/servizi/${service.id}`} className="btn btn-outline-primary">
                Annulla
              </Link>
            </div>
          </Form>
        </div>
      </div>
    </div>
  );
}
