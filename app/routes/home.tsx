import { Link } from "react-router";
import type { Route } from "./+types/home";
import { requirePermission } from "~/auth/permissions.server";
import { UnreadMark } from "~/components/announcements";
import { PageHeader, pageTitle } from "~/components/page";
import { daysLeftText, StateBadge } from "~/components/reporting";
import { defaultFiguresMonth, servicesAwaitingFigures } from "~/domain/aid-service-figures.server";
import { formatMonth } from "~/domain/aid-services";
import { unreadAnnouncements } from "~/domain/announcements.server";
import { legalFormLabel } from "~/domain/organisations";
import { protocolKindLabel } from "~/domain/protocols.server";
import { getHomeOverview, getReportingDeadlines } from "~/domain/tavolo.server";
import { formatDate, formatDay, formatRome, formatWeekdayDateTime } from "~/utils/dates";

export const meta: Route.MetaFunction = () => pageTitle("Home");

const MEETING_KINDS: Record<string, string> = { GOVERNANCE: "Piano di governo", OPERATIVE: "Piano operativo" };

function expiryText(daysLeft: number, validUntil: Date) {
  const day = formatDay(validUntil);
  if (daysLeft < 0) return `scaduto il ${day} (${-daysLeft === 1 ? "ieri" : `${-daysLeft} giorni fa`})`;
  if (daysLeft === 0) return `scade oggi, ${day}`;
  return `scade il ${day} (${daysLeft === 1 ? "domani" : `tra ${daysLeft} giorni`})`;
}

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "tavolo" });
  const now = new Date();
  const [overview, reporting, announcements, awaitingFigures] = await Promise.all([
    getHomeOverview(now, { isCoordinator: user.role === "COORDINATOR" }),
    getReportingDeadlines(user, now),
    unreadAnnouncements(user.id),
    // A referent enters their organisation's monthly figures; coordinators follow them all on the dashboard.
    user.role === "REFERENT" ? servicesAwaitingFigures(user.organisationId, now) : Promise.resolve([]),
  ]);
  return {
    firstName: user.name.split(" ")[0] ?? user.name,
    meetings: overview.meetings.map((m) => ({
      id: m.id,
      title: m.title,
      kind: MEETING_KINDS[m.kind] ?? m.kind,
      when: `${formatWeekdayDateTime(m.startsAt)}–${formatRome(m.endsAt, "HH:mm")}`,
      location: m.location,
      draft: m.status === "DRAFT",
    })),
    partners: overview.organisations
      .filter((o) => o.status === "PARTNER")
      .map((o) => ({ id: o.id, name: o.name, legalForm: legalFormLabel(o.legalForm), isCoordinator: o.isCoordinator })),
    adherents: overview.organisations
      .filter((o) => o.status === "ADERENTE")
      .map((o) => ({ id: o.id, name: o.name, legalForm: legalFormLabel(o.legalForm) })),
    objectives: overview.objectives,
    expiringProtocols: overview.expiringProtocols.map((p) => ({
      id: p.id,
      title: p.title,
      kind: protocolKindLabel(p.kind),
      expired: p.expiry === "EXPIRED",
      when: expiryText(p.daysLeft, p.validUntil),
    })),
    reporting,
    figures: awaitingFigures.length > 0 ? { month: formatMonth(defaultFiguresMonth(now)), services: awaitingFigures } : null,
    announcements: {
      count: announcements.count,
      latest: announcements.latest.map((a) => ({ id: a.id, title: a.title, sentAt: a.sentAt ? formatDate(a.sentAt) : "" })),
    },
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { meetings, partners, adherents, objectives, expiringProtocols, reporting } = loaderData;
  return (
    <div className="container my-5">
      <PageHeader title={`Buongiorno, ${loaderData.firstName}`} lead="Il tavolo in breve: le prossime riunioni, chi ne fa parte e gli obiettivi su cui lavora." />

      <section aria-labelledby="riunioni-titolo" className="mb-5">
        <h2 id="riunioni-titolo" className="h3">
          Prossime riunioni
        </h2>
        {meetings.length === 0 ? (
          <p className="empty-state">
            Non ci sono riunioni in calendario. Quando il coordinamento convoca una riunione del piano di governo o del piano
            operativo, la trovi qui con data, luogo e ordine del giorno, e ricevi la convocazione per e-mail.
          </p>
        ) : (
          <ul className="list-group">
            {meetings.map((meeting) => (
              <li key={meeting.id} className="list-group-item">
                <span className="badge bg-primary me-2">{meeting.kind}</span>
                {meeting.draft ? <span className="badge bg-secondary me-2">Bozza, non ancora convocata</span> : null}
                <Link to={`/riunioni/${meeting.id}`} className="fw-semibold">
                  {meeting.title}
                </Link>
                <span className="d-block">
                  {meeting.when}
                  {meeting.location ? ` · ${meeting.location}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <AnnouncementsCard announcements={loaderData.announcements} />

      {reporting ? <ReportingCard reporting={reporting} /> : null}

      {loaderData.figures ? <FiguresCard figures={loaderData.figures} /> : null}

      {expiringProtocols.length > 0 ? (
        <section aria-labelledby="protocolli-titolo" className="mb-5">
          <h2 id="protocolli-titolo" className="h3">
            Protocolli in scadenza
          </h2>
          <ul className="list-group">
            {expiringProtocols.map((protocol) => (
              <li key={protocol.id} className="list-group-item">
                <span className={`badge me-2 ${protocol.expired ? "bg-danger" : "bg-warning"}`}>
                  {protocol.expired ? "Scaduto" : "In scadenza"}
                </span>
                <Link to={`/protocolli/${protocol.id}`} className="fw-semibold">
                  {protocol.title}
                </Link>
                <span className="d-block">
                  {protocol.kind} · {protocol.when}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="row g-4 g-lg-5">
        <section aria-labelledby="organizzazioni-titolo" className="col-lg-7">
          <h2 id="organizzazioni-titolo" className="h3">
            Organizzazioni del tavolo
          </h2>
          {partners.length + adherents.length === 0 ? (
            <p className="empty-state">
              Nessuna organizzazione registrata. I coordinatori aggiungono qui le organizzazioni partner, che firmano il
              Protocollo d'Intesa, e gli enti aderenti.
            </p>
          ) : (
            <>
              <p>
                {partners.length} partner firmatari del Protocollo d'Intesa e {adherents.length} enti aderenti.
              </p>
              <h3 className="h5">Partner</h3>
              <ul className="tavolo-org-list">
                {partners.map((o) => (
                  <li key={o.id}>
                    {o.name} <span className="text-secondary small">· {o.isCoordinator ? "coordinamento" : o.legalForm}</span>
                  </li>
                ))}
              </ul>
              {adherents.length > 0 ? (
                <>
                  <h3 className="h5">Enti aderenti</h3>
                  <ul>
                    {adherents.map((o) => (
                      <li key={o.id}>
                        {o.name} <span className="text-secondary small">· {o.legalForm}</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </>
          )}
        </section>

        <section aria-labelledby="obiettivi-titolo" className="col-lg-5">
          <h2 id="obiettivi-titolo" className="h3">
            Obiettivi strategici
          </h2>
          {objectives.length === 0 ? (
            <p className="empty-state">
              Nessun obiettivo strategico definito. Il coordinamento li inserisce dopo l'approvazione in riunione di
              governo; i gruppi di lavoro e i progetti vi faranno riferimento.
            </p>
          ) : (
            <ol className="list-unstyled">
              {objectives.map((objective) => (
                <li key={objective.id} className="card card-bg mb-3">
                  <div className="card-body">
                    <h3 className="h5 card-title">
                      <span className="text-primary me-2">{objective.code}</span>
                      {objective.title}
                    </h3>
                    <p className="card-text mb-0">{objective.description}</p>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}

const rendicontazioniCount = (n: number) => (n === 1 ? "1 rendicontazione" : `${n} rendicontazioni`);

/** A referent's next reporting deadlines, or the coordinators' counts of what needs following up. */
function ReportingCard({ reporting }: { reporting: NonNullable<Route.ComponentProps["loaderData"]["reporting"]> }) {
  return (
    <section aria-labelledby="scadenze-titolo" className="mb-5">
      <h2 id="scadenze-titolo" className="h3">
        {reporting.kind === "coordinator" ? "Rendicontazioni da seguire" : "Le prossime scadenze delle rendicontazioni"}
      </h2>
      {reporting.kind === "coordinator" ? (
        <ul className="list-group">
          <li className="list-group-item">
            Scadute e non ancora inviate:{" "}
            <Link to="/rendicontazioni?stato=OVERDUE" className="fw-semibold">
              {rendicontazioniCount(reporting.overdue)}
            </Link>
          </li>
          <li className="list-group-item">
            Inviate, in attesa di revisione:{" "}
            <Link to="/rendicontazioni?stato=SUBMITTED" className="fw-semibold">
              {rendicontazioniCount(reporting.submitted)}
            </Link>
          </li>
        </ul>
      ) : reporting.entries.length === 0 ? (
        <p className="empty-state">
          La tua organizzazione non ha rendicontazioni scadute né in scadenza nei prossimi 30 giorni.{" "}
          <Link to="/rendicontazioni">Vedi tutte le rendicontazioni</Link>
        </p>
      ) : (
        <>
          <ul className="list-group mb-2">
            {reporting.entries.map((entry) => (
              <li key={entry.id} className="list-group-item">
                <StateBadge state={entry.state} />{" "}
                <Link to={`/rendicontazioni/${entry.id}`} className="fw-semibold">
                  {entry.projectTitle}, periodo {entry.periodNumber}
                </Link>
                <span className="d-block">
                  Scadenza {entry.dueOn} ({daysLeftText(entry.daysLeft)})
                </span>
              </li>
            ))}
          </ul>
          <Link to="/rendicontazioni">Tutte le rendicontazioni della tua organizzazione</Link>
        </>
      )}
    </section>
  );
}

/** A referent's services still without last month's figures, each with the link to enter them. */
function FiguresCard({ figures }: { figures: NonNullable<Route.ComponentProps["loaderData"]["figures"]> }) {
  return (
    <section aria-labelledby="dati-mensili-titolo" className="mb-5">
      <h2 id="dati-mensili-titolo" className="h3">
        Dati mensili dei servizi
      </h2>
      <p>Mancano ancora i dati di {figures.month} di questi servizi della tua organizzazione:</p>
      <ul className="list-group">
        {figures.services.map((service) => (
          <li key={service.id} className="list-group-item">
            <Link to={`/servizi/${service.id}/dati-mensili`} className="fw-semibold">
              {service.name}
            </Link>
            <span className="d-block small">Inserisci i numeri del mese, oppure «niente da segnalare».</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The person's unread announcements: how many, and the latest three. */
function AnnouncementsCard({ announcements }: { announcements: Route.ComponentProps["loaderData"]["announcements"] }) {
  return (
    <section aria-labelledby="comunicazioni-titolo" className="mb-5">
      <h2 id="comunicazioni-titolo" className="h3">
        Comunicazioni
      </h2>
      {announcements.count === 0 ? (
        <p className="empty-state">
          Nessuna comunicazione da leggere. <Link to="/comunicazioni">Tutte le comunicazioni ricevute</Link>
        </p>
      ) : (
        <>
          <p>{announcements.count === 1 ? "Hai 1 comunicazione non letta." : `Hai ${announcements.count} comunicazioni non lette.`}</p>
          <ul className="list-group mb-2">
            {announcements.latest.map((a) => (
              <li key={a.id} className="list-group-item">
                <UnreadMark />
                <Link to={`/comunicazioni/${a.id}`} className="fw-semibold">
                  {a.title}
                </Link>
                <span className="d-block small">Inviata il {a.sentAt}</span>
              </li>
            ))}
          </ul>
          <Link to="/comunicazioni">Tutte le comunicazioni</Link>
        </>
      )}
    </section>
  );
}
