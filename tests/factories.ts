// Small builders for integration tests: real rows through the app's own client.
import { hashPassword } from "~/auth/password.server";
import type { Role } from "~/context";
import { db } from "~/db.server";

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createOrganisation(overrides: Partial<{ name: string; status: string; isCoordinator: boolean }> = {}) {
  return db.organisation.create({
    data: {
      name: overrides.name ?? `Associazione di prova ${next()}`,
      legalForm: "ASSOCIAZIONE_VOLONTARIATO",
      status: overrides.status ?? "PARTNER",
      isCoordinator: overrides.isCoordinator ?? false,
    },
  });
}

export const TEST_PASSWORD = "Una-frase-lunga-di-prova";

export async function createUser(
  overrides: Partial<{ email: string; name: string; role: Role; organisationId: string; password: string | null; active: boolean }> = {},
) {
  const organisationId = overrides.organisationId ?? (await createOrganisation()).id;
  const password = overrides.password === undefined ? TEST_PASSWORD : overrides.password;
  return db.user.create({
    data: {
      email: overrides.email ?? `persona-${next()}@example.org`,
      name: overrides.name ?? "Maria Rossi",
      role: overrides.role ?? "MEMBER",
      organisationId,
      active: overrides.active ?? true,
      passwordHash: password === null ? null : await hashPassword(password),
    },
  });
}

export const sessionUser = (user: { id: string; name: string }) => ({ id: user.id, name: user.name });
