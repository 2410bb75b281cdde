import { type Actor, diff, recordChange } from "~/domain/audit.server";
import { db } from "~/db.server";
import type { Prisma } from "~/db.server";

// The tavolo's own settings: one row (id "tavolo"), created on the first save. Until then every
// switch is off and every text empty: nothing is public until a coordinator says so.

const ID = "tavolo";

export type TavoloSettingsChange = Partial<
  Pick<Prisma.TavoloSettingsUncheckedCreateInput, "presentation" | "publishPresentation" | "publishPartnerList" | "openDataLicence" | "privacyNotice">
>;

const LABELS: Record<keyof TavoloSettingsChange, string> = {
  presentation: "Presentazione del tavolo",
  publishPresentation: "Presentazione pubblica",
  publishPartnerList: "Elenco pubblico dei partner",
  openDataLicence: "Licenza dei dati aperti",
  privacyNotice: "Informativa sul trattamento dei dati personali",
};

export async function getTavoloSettings() {
  const saved = await db.tavoloSettings.findUnique({ where: { id: ID } });
  return (
    saved ?? {
      id: ID,
      presentation: "",
      publishPresentation: false,
      publishPartnerList: false,
      openDataLicence: "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)",
      privacyNotice: "",
      updatedById: null,
      updatedAt: null,
    }
  );
}

/**
 * Saves the given settings (the others stay as they are) and records what changed, in one
 * transaction. Rich text must already be sanitised by the caller's form parsing.
 */
export async function updateTavoloSettings(change: TavoloSettingsChange, actor: Actor) {
  return db.$transaction(async (tx) => {
    const before = await tx.tavoloSettings.findUnique({ where: { id: ID } });
    const saved = await tx.tavoloSettings.upsert({
      where: { id: ID },
      create: { id: ID, ...change, updatedById: actor.id },
      update: { ...change, updatedById: actor.id },
    });
    const changes = diff(before ?? {}, change, LABELS);
    if (Object.keys(changes).length > 0) {
      await recordChange(tx, { subjectType: "SETTINGS", subjectId: ID, summary: "Impostazioni del tavolo modificate", actor, changes });
    }
    return saved;
  });
}
