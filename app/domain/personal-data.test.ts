// The guard of decision 030: every model that refers to a person must say how the export and the
// removal of a person treat it. A new model with a relation to User, or a column that copies a
// person's name or address, fails here until MODEL_COVERAGE (app/domain/personal-data.ts) and the
// code that follows it (app/domain/personal-data.server.ts) cover it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { anonymisedName, MODEL_COVERAGE, PERSONAL_DATA_CATEGORIES } from "./personal-data";

/** Columns that hold a person's name or address as text, whatever the model. */
const PERSON_TEXT_COLUMNS = new Set(["email", "to", "key", "authorName", "actorName", "submittedByName", "reviewerName", "phone"]);

/**
 * Models whose columns of that name are not a person's: an organisation's or a service's own
 * recapiti (institutional, published by the bodies themselves; decision 017).
 */
const INSTITUTIONAL = new Set(["AidService"]);

function modelsOfSchema() {
  const schema = readFileSync(join(__dirname, "../../prisma/schema.prisma"), "utf8");
  const models = new Map<string, { name: string; type: string }[]>();
  for (const match of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const fields = match[2]!
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("//") && !line.startsWith("@@"))
      .map((line) => {
        const [name = "", type = ""] = line.split(/\s+/);
        return { name, type: type.replace(/[?[\]]/g, "") };
      });
    models.set(match[1]!, fields);
  }
  return models;
}

describe("copertura dei dati personali", () => {
  const models = modelsOfSchema();

  it("reads the schema", () => {
    expect(models.size).toBeGreaterThan(40);
    expect(models.get("User")?.some((f) => f.name === "erasedAt")).toBe(true);
  });

  it("covers every model that refers to a person, in the export and in the removal", () => {
    const missing: string[] = [];
    for (const [model, fields] of models) {
      if (INSTITUTIONAL.has(model)) continue;
      const refersToUser = fields.some((f) => f.type === "User");
      const copiesPerson = fields.some((f) => PERSON_TEXT_COLUMNS.has(f.name) && f.type === "String");
      // A person's id kept without a relation (TavoloSettings.updatedById) refers to them just the same.
      const keepsPersonId = fields.some((f) => (f.name === "userId" || f.name.endsWith("ById")) && f.type === "String");
      if ((refersToUser || copiesPerson || keepsPersonId) && !(model in MODEL_COVERAGE)) missing.push(model);
    }
    expect(missing, "modelli con dati di persone non coperti da MODEL_COVERAGE (app/domain/personal-data.ts)").toEqual([]);
  });

  it("names only models that exist, each with its removal rule and an export key or the reason for none", () => {
    for (const [model, coverage] of Object.entries(MODEL_COVERAGE)) {
      expect(models.has(model), `${model} esiste nello schema`).toBe(true);
      expect(coverage.erasure.length).toBeGreaterThan(5);
      if (coverage.exportKey === null) expect(coverage.erasure).toMatch(/export/);
    }
  });

  it("covers every relation of the User model", () => {
    const related = (models.get("User") ?? []).map((f) => f.type).filter((type) => models.has(type));
    for (const type of related) expect(Object.keys(MODEL_COVERAGE), `relazione di User verso ${type}`).toContain(type);
  });

  it("keeps the information notice's table complete", () => {
    for (const row of PERSONAL_DATA_CATEGORIES) {
      for (const value of Object.values(row)) expect(value.trim().length).toBeGreaterThan(3);
    }
    expect(PERSONAL_DATA_CATEGORIES.map((row) => row.category)).toEqual(
      expect.arrayContaining(["Account", "Sessioni di accesso", "Tentativi di accesso", "Posta inviata", "Storico delle modifiche"]),
    );
  });

  it("names a removed person by their role and organisation", () => {
    expect(anonymisedName("REFERENT", "Caritas Ambrosiana")).toBe("ex referente di Caritas Ambrosiana");
    expect(anonymisedName("MEMBER", "Croce Rossa")).toBe("ex componente di Croce Rossa");
    expect(anonymisedName("COORDINATOR", "Comune di Prova")).toBe("ex coordinatore di Comune di Prova");
  });
});
