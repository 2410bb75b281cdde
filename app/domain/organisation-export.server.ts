import Papa from "papaparse";
import { newWorkbook } from "~/utils/xlsx.server";
import { ORGANISATION_COLUMNS } from "~/domain/organisation-import.server";
import { legalFormLabel, membershipLabel, runtsSectionLabel } from "~/domain/organisations";
import { organisationWhere, type RegistryFilters } from "~/domain/organisations.server";
import { db } from "~/db.server";
import { formatRome, todayInRome } from "~/utils/dates";

// The registry as a file: CSV for any program, XLSX for Excel, and the empty CSV template the import
// expects. The columns are the import's, so an exported file can be edited and imported again.
// Only the organisation's own data: its contacts' phone numbers and e-mails stay in Tavolo.
// See docs/decisions/016-csv-and-xlsx.md.

export const EXPORT_FORMATS = ["csv", "xlsx", "modello"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Cell = string | Date | null;
const headers = ORGANISATION_COLUMNS.map((column) => column.header);

/** The organisations matching the list's filters, one array of cells per row in column order. */
async function exportRows(filters: Omit<RegistryFilters, "page">, today: Date): Promise<Cell[][]> {
  const organisations = await db.organisation.findMany({
    where: organisationWhere(filters),
    orderBy: { name: "asc" },
    include: {
      membershipChanges: {
        where: { effectiveOn: { lte: today } },
        orderBy: [{ effectiveOn: "desc" }, { createdAt: "desc" }],
        take: 1,
        select: { effectiveOn: true },
      },
    },
  });
  return organisations.map((o) => {
    const cells: Record<(typeof ORGANISATION_COLUMNS)[number]["key"], Cell> = {
      name: o.name,
      shortName: o.shortName,
      legalForm: legalFormLabel(o.legalForm),
      codiceFiscale: o.codiceFiscale,
      partitaIva: o.partitaIva,
      runtsNumber: o.runtsNumber,
      runtsSection: o.runtsSection ? runtsSectionLabel(o.runtsSection) : null,
      address: o.address,
      phone: o.phone,
      email: o.email,
      pec: o.pec,
      website: o.website,
      description: o.description,
      status: membershipLabel(o.status),
      statusSince: o.membershipChanges[0]?.effectiveOn ?? null,
    };
    return ORGANISATION_COLUMNS.map((column) => cells[column.key]);
  });
}

/** A stored day as the "Stato dal (gg/mm/aaaa)" column writes it. */
const italianDay = (day: Date) => day.toISOString().slice(0, 10).split("-").reverse().join("/");

/**
 * Italian Excel opens a CSV by double-click only with ";" between values and a byte order mark
 * for UTF-8. Values starting with = + - @ get an apostrophe so that Excel shows them rather than
 * running them as formulas; the import takes the apostrophe off again.
 */
function toCsv(rows: Cell[][]) {
  const data = rows.map((row) => row.map((cell) => (cell instanceof Date ? italianDay(cell) : (cell ?? ""))));
  const text = Papa.unparse({ fields: headers, data }, { delimiter: ";", newline: "\r\n", escapeFormulae: true });
  // Papa ends the header-only template with a line break and a full file without one.
  return `\uFEFF${text.replace(/(\r\n)?$/, "\r\n")}`;
}

async function toXlsx(rows: Cell[][]) {
  const workbook = await newWorkbook();
  workbook.creator = "Tavolo";
  const sheet = workbook.addWorksheet("Organizzazioni", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = ORGANISATION_COLUMNS.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.width,
    // Codes with leading zeros must stay text; days are real dates Excel can sort.
    style: column.key === "statusSince" ? { numFmt: "dd/mm/yyyy" } : { numFmt: "@" },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((cell) => cell ?? ""));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ORGANISATION_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** The file to download: the filtered registry, or the empty template with only the header row. */
export async function exportOrganisations(format: ExportFormat, filters: Omit<RegistryFilters, "page">, now = new Date()) {
  const stamp = formatRome(now, "yyyy-MM-dd");
  if (format === "modello") {
    return { body: toCsv([]), contentType: CONTENT_TYPES.csv, fileName: "modello-importazione-organizzazioni.csv" };
  }
  const rows = await exportRows(filters, todayInRome(now));
  return format === "csv"
    ? { body: toCsv(rows), contentType: CONTENT_TYPES.csv, fileName: `organizzazioni-${stamp}.csv` }
    : { body: await toXlsx(rows), contentType: CONTENT_TYPES.xlsx, fileName: `organizzazioni-${stamp}.xlsx` };
}
