import {
  AID_SERVICE_KIND_CODES,
  accessibilityLabel,
  accessModeLabel,
  aidServiceKindLabel,
  DAY_PARTS,
  formatWeek,
  isDayPart,
  weekdayLabel,
} from "~/domain/aid-services";
import { type CatalogueFilters, searchAidServices } from "~/domain/aid-services.server";
import { renderPdf } from "~/pdf/layout.server";
import { formatDate, formatRome } from "~/utils/dates";

// The printed guide to the services, for social workers and front desks: one heading per kind of
// service, the services in name order under it, with what a person needs to get there.

const GREY = "#5c6f82";

/** The filters in words, for the guide's subtitle: "Mensa, zona Crocetta, aperti sabato mattina". */
export function describeFilters(filters: CatalogueFilters, organisationName: string | null) {
  const parts: string[] = [];
  if (filters.kind) parts.push(aidServiceKindLabel(filters.kind));
  if (filters.area) parts.push(`zona ${filters.area}`);
  if (organisationName) parts.push(organisationName);
  if (filters.search) parts.push(`«${filters.search}»`);
  if (filters.weekday) {
    const when = filters.time ? `alle ${filters.time}` : isDayPart(filters.dayPart) ? DAY_PARTS[filters.dayPart].label.toLowerCase() : "";
    parts.push(`aperti ${weekdayLabel(filters.weekday).toLowerCase()}${when ? ` ${when}` : ""}`);
  }
  return parts.join(", ");
}

function line(doc: PDFKit.PDFDocument, label: string, value: string) {
  if (!value) return;
  doc.font("Helvetica-Bold").text(`${label}: `, { continued: true }).font("Helvetica").text(value);
}

export async function aidServicesGuidePdf(filters: CatalogueFilters, now = new Date()) {
  const { services } = await searchAidServices(filters, { pageSize: null });
  const organisationName = filters.organisationId ? (services[0]?.organisation.name ?? null) : null;
  const filterText = describeFilters(filters, organisationName);
  const subtitle = `Aggiornata al ${formatDate(now)}${filterText ? ` · ${filterText}` : ""}`;
  const buffer = await renderPdf({ title: "Guida ai servizi del territorio", subtitle }, (doc) => {
    if (services.length === 0) {
      doc.text("Nessun servizio corrisponde alla ricerca.");
      return;
    }
    doc
      .fillColor(GREY)
      .text(
        "Per ogni servizio: dove si trova, quando è aperto, chi può accedere e come. Prima di inviare una persona, conviene telefonare: orari e disponibilità possono cambiare.",
      )
      .fillColor("black")
      .moveDown(1);
    for (const kind of AID_SERVICE_KIND_CODES) {
      const ofKind = services.filter((s) => s.kind === kind);
      if (ofKind.length === 0) continue;
      if (doc.y > doc.page.height - 200) doc.addPage();
      doc.font("Helvetica-Bold").fontSize(14).text(aidServiceKindLabel(kind)).moveDown(0.4);
      for (const service of ofKind) {
        if (doc.y > doc.page.height - 180) doc.addPage();
        doc.font("Helvetica-Bold").fontSize(11).text(service.name);
        doc.font("Helvetica").fontSize(10);
        line(doc, "Organizzazione", service.organisation.name);
        line(doc, "Indirizzo", `${service.address} (${service.area})`);
        line(doc, "Orari", formatWeek(service.openings) || "da concordare");
        line(doc, "Chi può accedere", service.eligibility);
        line(doc, "Come si accede", [accessModeLabel(service.accessMode), service.accessNotes].filter(Boolean).join(": "));
        line(doc, "Contatti", [service.phone && `tel. ${service.phone}`, service.email].filter(Boolean).join(", "));
        line(doc, "Lingue parlate", service.languages);
        if (service.accessibility !== "NON_INDICATA" || service.accessibilityNotes) {
          line(doc, "Accessibilità", [accessibilityLabel(service.accessibility), service.accessibilityNotes].filter(Boolean).join(": "));
        }
        doc.moveDown(0.8);
      }
      doc.moveDown(0.5);
    }
  });
  return { buffer, filename: `Guida ai servizi ${formatRome(now, "yyyy-MM-dd")}.pdf` };
}
