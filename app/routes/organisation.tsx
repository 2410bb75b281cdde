import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Route } from "./+types/organisation";
import { can, requirePermission } from "~/auth/permissions.server";
import { PageHeader, pageTitle } from "~/components/page";
import { HistoryList, MembershipBadge, MembershipSteps } from "~/components/registry";
import { aidServiceKindLabel, aidServiceStatusLabel } from "~/domain/aid-services";
import { listOrganisationServices } from "~/domain/aid-services.server";
import { listHistory } from "~/domain/audit.server";
import { legalFormLabel, membershipLabel, runtsSectionLabel } from "~/domain/organisations";
import { getOrganisationProfile } from "~/domain/organisations.server";
import { protocolKindLabel } from "~/domain/protocols.server";
import { groupStatusLabel } from "~/domain/working-groups.server";
import { formatDateTime, formatDay } from "~/utils/dates";
import { ScrollableTable } from "~/components/lists";

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data?.organisation.name ?? "Organizzazione");

export async function loader(args: Route.LoaderArgs) {
  const organisationId = args.params.id;
  const resource = { kind: "organisation", organisationId } as const;
  const user = requirePermission(args, "view", resource);
  const withContactDetails = can(user, "viewContacts", resource);
  const [profile, history, services] = await Promise.all([
    getOrganisationProfile(organisationId, { withContactDetails }),
    listHistory("ORGANISATION", organisationId),
    listOrganisationServices(organisationId),
  ]);
  if (!profile) throw new Response("Organizzazione non trovata", { status: 404 });
  const { organisation: o, contacts, referents, groups } = profile;
  return {
    organisation: {
      id: o.id,
      name: o.name,
      shortName: o.shortName,
      isCoordinator: o.isCoordinator,
      status: o.status,
      legalForm: legalFormLabel(o.legalForm),
      codiceFiscale: o.codiceFiscale,
      partitaIva: o.partitaIva,
      runts: o.runtsNumber ? `${o.runtsNumber}${o.runtsSection ? `, sezione ${runtsSectionLabel(o.runtsSection)}` : ""}` : null,
      address: o.address,
      phone: o.phone,
      email: o.email,
      pec: o.pec,
      website: o.website,
      description: o.description,
    },
    steps: o.membershipChanges.map((step) => ({
      id: step.id,
      status: membershipLabel(step.status),
      effectiveOn: formatDay(step.effectiveOn),
      reason: step.reason,
      recordedBy: step.recordedBy?.name ?? null,
    })),
    referents: referents.map((r) => ({ ...r, isDelegate: r.id === o.delegateId, isSubstitute: r.id === o.substituteId })),
    delegate: o.delegate?.name ?? null,
    substitute: o.substitute?.name ?? null,
    contacts,
    withContactDetails,
    networks: o.networks.map(({ network }) => ({ id: network.id, name: network.name, leads: network.referentOrganisationId === o.id })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, status: groupStatusLabel(g), isReferent: g.referentOrganisationId === o.id })),
    protocols: o.signatures.map((s) => ({
      id: s.protocol.id,
      title: s.protocol.title,
      kind: protocolKindLabel(s.protocol.kind),
      signedOn: formatDay(s.signedOn),
      withdrawnOn: s.withdrawnOn ? formatDay(s.withdrawnOn) : null,
    })),
    history: history.map((event) => ({ ...event, at: formatDateTime(event.at) })),
    services: services.map((sv) => ({ id: sv.id, name: sv.name, kind: aidServiceKindLabel(sv.kind), area: sv.area, status: sv.status === "ACTIVE" ? null : aidServiceStatusLabel(sv.status) })),
    canManage: can(user, "manage", resource),
    canEdit: can(user, "edit", resource),
  };
}

export default function Organisation({ loaderData }: Route.ComponentProps) {
  const { organisation: o, steps, referents, contacts, withContactDetails, networks, groups, protocols, history, canManage, canEdit } = loaderData;
  return (
    <div className="container my-5">
      <nav aria-label="Percorso" className="mb-3">
        <Link to="/organizzazioni">Tutte le organizzazioni</Link>
      </nav>
      <PageHeader
        title={o.name}
        lead={
          <>
            <MembershipBadge status={o.status} /> {o.legalForm}
            {o.isCoordinator ? " · Ente coordinatore del tavolo" : ""}
          </>
        }
      >
        {canEdit ? (
          <div className="d-flex flex-wrap gap-2">
            <Link to={`/organizzazioni/${o.id}/modifica`} className="btn btn-primary">
              {canManage ? "Modifica i dati" : "Modifica la descrizione"}
            </Link>
            {canManage ? (
              <Link to={`/organizzazioni/${o.id}/stato`} className="btn btn-outline-primary">
                Registra un cambio di stato
              </Link>
            ) : null}
            <Link to={`/organizzazioni/${o.id}/contatti`} className="btn btn-outline-primary">
              Gestisci i contatti
            </Link>
          </div>
        ) : null}
      </PageHeader>

      <div className="row g-5">
        <div className="col-lg-7">
          <Section id="dati" title="Dati dell'anagrafica">
            <dl className="row">
              <Field label="Sigla" value={o.shortName} />
              <Field label="Forma giuridica" value={o.legalForm} />
              <Field label="Codice fiscale" value={o.codiceFiscale} />
              <Field label="Partita IVA" value={o.partitaIva} />
              <Field label="Iscrizione al RUNTS" value={o.runts} />
              <Field label="Indirizzo" value={o.address} />
              <Field label="Telefono" value={o.phone} />
              <Field label="E-mail" value={o.email ? <a href={`mailto:${o.email}`}>{o.email}</a> : null} />
              <Field label="PEC" value={o.pec ? <a href={`mailto:${o.pec}`}>{o.pec}</a> : null} />
              <Field
                label="Sito web"
                value={
                  o.website ? (
                    <a href={o.website} rel="noopener noreferrer" target="_blank">
                      {o.website}
                      <span className="visually-hidden"> (si apre in una nuova finestra)</span>
                    </a>
                  ) : null
                }
              />
            </dl>
            <h3 className="h5">Che cosa fa per il tavolo</h3>
            {o.description ? (
              <p style={{ whiteSpace: "pre-line" }}>{o.description}</p>
            ) : (
              <p className="empty-state">Nessuna descrizione. I referenti dell'organizzazione possono scrivere qui che cosa fa per il tavolo.</p>
            )}
          </Section>

          <Section id="persone" title="Referenti">
            {referents.length === 0 ? (
              <p className="empty-state">
                Nessun referente con un account. Quando il coordinamento invita una persona come referente di questa organizzazione, compare
                qui; tra i referenti si scelgono il delegato alle riunioni di governo e il suo sostituto.
              </p>
            ) : (
              <ul className="list-group mb-3">
                {referents.map((r) => (
                  <li key={r.id} className="list-group-item">
                    <strong>{r.name}</strong>
                    {r.isDelegate ? <span className="badge bg-primary ms-2">Delegato alle riunioni di governo</span> : null}
                    {r.isSubstitute ? <span className="badge bg-secondary ms-2">Sostituto del delegato</span> : null}
                    {r.email ? (
                      <span className="d-block">
                        <a href={`mailto:${r.email}`}>{r.email}</a>
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            <p>
              Delegato per le riunioni di governo: <strong>{loaderData.delegate ?? "non indicato"}</strong>. Sostituto:{" "}
              <strong>{loaderData.substitute ?? "non indicato"}</strong>.
            </p>
          </Section>

          <Section id="contatti" title="Altri contatti">
            {contacts.length === 0 ? (
              <p className="empty-state">Nessun altro contatto. Qui compaiono le persone da raggiungere nell'organizzazione che non hanno un account.</p>
            ) : (
              <ScrollableTable>
                <table className="table">
                  <caption className="visually-hidden">Altri contatti dell'organizzazione</caption>
                  <thead>
                    <tr>
                      <th scope="col">Nome</th>
                      <th scope="col">Ruolo</th>
                      {withContactDetails ? (
                        <>
                          <th scope="col">Telefono</th>
                          <th scope="col">E-mail</th>
                        </>
                      ) : null}
                    </tr>
                  </thead>
                  <tbody>
                    {contacts.map((c) => (
                      <tr key={c.id}>
                        <td>{c.name}</td>
                        <td>{c.role || <span className="text-muted">Non indicato</span>}</td>
                        {withContactDetails ? (
                          <>
                            <td>{c.phone || <span className="text-muted">Non indicato</span>}</td>
                            <td>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : <span className="text-muted">Non indicata</span>}</td>
                          </>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
            )}
            {withContactDetails ? null : <p className="small">Telefono ed e-mail dei contatti sono visibili ai referenti e al coordinamento.</p>}
          </Section>
        </div>

        <div className="col-lg-5">
          <Section id="adesione" title="Storia dell'adesione">
          <MembershipSteps steps={steps} />
          </Section>

          <Section id="servizi" title="Servizi offerti">
            {loaderData.services.length === 0 ? (
              <p className="empty-state">Nessun servizio nel catalogo. I servizi che l'organizzazione offre (mensa, emporio, sportello…) compariranno qui.</p>
            ) : (
              <ul>
                {loaderData.services.map((sv) => (
                  <li key={sv.id}>
                    <Link to={`/servizi/${sv.id}`}>{sv.name}</Link> · {sv.kind}, {sv.area}
                    {sv.status ? ` · ${sv.status}` : ""}
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section id="reti" title="Reti tematiche">
            {networks.length === 0 ? (
              <p className="empty-state">Non partecipa a nessuna rete tematica. Le reti in cui agisce compariranno qui.</p>
            ) : (
              <ul>
                {networks.map((n) => (
                  <li key={n.id}>
                    <Link to={`/reti/${n.id}`}>{n.name}</Link>
                    {n.leads ? " (organizzazione referente della rete)" : ""}
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section id="gruppi" title="Gruppi di lavoro">
            {groups.length === 0 ? (
              <p className="empty-state">
                Nessun gruppo di lavoro. Compaiono qui i gruppi in cui partecipano persone dell'organizzazione o di cui è referente.
              </p>
            ) : (
              <ul>
                {groups.map((g) => (
                  <li key={g.id}>
                    <Link to={`/gruppi/${g.id}`}>{g.name}</Link> · {g.status}
                    {g.isReferent ? " · organizzazione referente" : ""}
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section id="protocolli" title="Protocolli firmati">
            {protocols.length === 0 ? (
              <p className="empty-state">Nessun protocollo firmato. I protocolli che l'organizzazione sottoscrive compariranno qui con le date.</p>
            ) : (
              <ul>
                {protocols.map((p) => (
                  <li key={p.id} className="mb-2">
                    <Link to={`/protocolli/${p.id}`}>{p.title}</Link>
                    <span className="d-block small">
                      {p.kind} · firmato il {p.signedOn}
                      {p.withdrawnOn ? (
                        <>
                          {" "}
                          · <strong>recesso il {p.withdrawnOn}</strong>
                        </>
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      </div>

      <Section id="storia" title="Storia delle modifiche">
        <HistoryList events={history} empty="Nessuna modifica registrata. Ogni modifica ai dati, ai contatti e allo stato comparirà qui." />
      </Section>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-titolo`} className="mb-5">
      <h2 id={`${id}-titolo`} className="h4">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Field({ label, value }: { label: string; value: ReactNode }) {
  return (
    <>
      <dt className="col-sm-4">{label}</dt>
      <dd className="col-sm-8">{value || <span className="text-muted">Non indicato</span>}</dd>
    </>
  );
}
