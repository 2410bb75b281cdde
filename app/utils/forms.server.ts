import { data } from "react-router";
import { z } from "zod";
import { parseDay } from "./dates";
import { UserFacingError } from "./errors";

// The one form pattern: a zod schema parsed on the server; errors go back with status 400 and are
// shown next to their fields (see app/components/forms.tsx). Zod's own messages are in Italian.
z.config(z.locales.it());

export interface FormErrors {
  fieldErrors: Record<string, string | undefined>;
  formError?: string;
}

export interface FormReply {
  errors: FormErrors;
  values: Record<string, string>;
  /** Every value of each field, for checkbox lists (a field left with none ticked is absent). */
  lists: Record<string, string[]>;
}

function valuesOf(formData: FormData, omit: readonly string[]) {
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  for (const [key, value] of formData) {
    if (typeof value !== "string" || omit.includes(key)) continue;
    values[key] = value;
    (lists[key] ??= []).push(value);
  }
  return { values, lists };
}

/** Echoing passwords back into the page is never wanted. */
const SECRET_FIELDS = ["password", "currentPassword", "newPassword", "confirmPassword"];

export async function parseForm<S extends z.ZodType<unknown, Record<string, unknown>>>(request: Request, schema: S) {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return { ok: false as const, reply: formReply({ formError: "Il modulo inviato non è leggibile." }, new FormData(), 400) };
  }
  const fields = parseFields(formData, schema);
  if (!fields.ok) return { ok: false as const, reply: formReply(fields.errors, formData, 400) };
  return { ok: true as const, data: fields.data, formData };
}

/** The schema applied to a form's text fields (a field sent several times becomes an array). */
export function parseFields<S extends z.ZodType<unknown, Record<string, unknown>>>(formData: FormData, schema: S) {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = all.length > 1 ? all : all[0];
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const flat = z.flattenError(result.error);
    const fieldErrors: Record<string, string> = {};
    for (const [field, messages] of Object.entries(flat.fieldErrors as Record<string, string[] | undefined>)) {
      if (messages?.[0]) fieldErrors[field] = messages[0];
    }
    return { ok: false as const, errors: { fieldErrors, formError: flat.formErrors[0] } satisfies FormErrors };
  }
  return { ok: true as const, data: result.data as z.output<S> };
}

export function formReply(errors: Partial<FormErrors>, formData: FormData, status: number) {
  return data<FormReply>(
    { errors: { fieldErrors: errors.fieldErrors ?? {}, formError: errors.formError }, ...valuesOf(formData, SECRET_FIELDS) },
    { status },
  );
}

/** A domain rule said no: the message goes next to its field, or on top of the form. */
export function userErrorReply(error: UserFacingError, formData: FormData) {
  return formReply(
    error.field ? { fieldErrors: { [error.field]: error.message } } : { formError: error.message },
    formData,
    error.status,
  );
}

export const emailField = z
  .string({ error: "Inserisci l'indirizzo e-mail." })
  .trim()
  .toLowerCase()
  .min(1, "Inserisci l'indirizzo e-mail.")
  .max(254, "L'indirizzo e-mail è troppo lungo.")
  .pipe(z.email({ error: "Indirizzo e-mail non valido: controlla che sia scritto come nome@esempio.it." }));

export const requiredText = (missing: string, max = 200) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `Al massimo ${max} caratteri.`);

/** A text that may be left empty: always a string, trimmed. */
export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, `Al massimo ${max} caratteri.`)
    .optional()
    .transform((value) => value ?? "");

/** A calendar day from <input type="date">, stored as midnight UTC (see utils/dates.ts). */
export const dayField = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .transform((value, ctx) => {
      const day = parseDay(value);
      if (!day) {
        ctx.addIssue({ code: "custom", message: "Data non valida: usa il formato gg/mm/aaaa." });
        return z.NEVER;
      }
      return day;
    });

export const optionalDayField = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const day = parseDay(value);
    if (!day) {
      ctx.addIssue({ code: "custom", message: "Data non valida: usa il formato gg/mm/aaaa." });
      return z.NEVER;
    }
    return day;
  });

/** Checkboxes sharing a name: none ticked, one, or many, always an array of ids. */
export const idList = z.preprocess(
  (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().min(1)).max(1000),
);

/** Runs a domain operation; a UserFacingError becomes the form's reply instead of an error page. */
export async function orUserError<T>(formData: FormData, work: () => Promise<T>) {
  try {
    return { ok: true as const, value: await work() };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false as const, reply: userErrorReply(error, formData) };
    throw error;
  }
}

/** A new password typed twice; the rules themselves live in auth/password.server.ts. */
export const newPasswordFields = {
  password: z.string({ error: "Scegli una password." }).min(1, "Scegli una password."),
  confirmPassword: z.string({ error: "Ripeti la password." }).min(1, "Ripeti la password."),
};
export const passwordsMatch = (value: { password: string; confirmPassword: string }) =>
  value.password === value.confirmPassword;
export const passwordsMatchIssue = { message: "Le due password non coincidono.", path: ["confirmPassword"] };
