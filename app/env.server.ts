import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().positive().default(3000),
    DATABASE_URL: z
      .string()
      .default("file:./data/tavolo.db")
      .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
        message: "deve iniziare con file: (SQLite) oppure postgres:// (PostgreSQL)",
      }),
    APP_URL: z.url().optional(),
    SMTP_URL: z
      .string()
      .optional()
      .refine((url) => !url || /^smtps?:\/\//.test(url), { message: "deve iniziare con smtp:// o smtps://" }),
    MAIL_FROM: z.string().default("Tavolo Povertà <tavolo@localhost>"),
    TAVOLO_NAME: z.string().min(1).default("Tavolo Povertà"),
    MAIL_POLL_MS: z.coerce.number().int().positive().default(5000),
    MAIL_WORKER: z.enum(["on", "off"]).default("on"),
    TRUST_PROXY: booleanFlag,
    RATE_LIMIT_ACCOUNT_MAX: z.coerce.number().int().positive().default(5),
    RATE_LIMIT_IP_MAX: z.coerce.number().int().positive().default(20),
    RATE_LIMIT_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
    UPLOAD_DIR: z.string().min(1).default("./data/uploads"),
    UPLOAD_MAX_MB: z.coerce.number().positive().max(200).default(20),
    // Where `npm run backup` writes its archives (scripts/backup.ts; docs/decisions/031-backups.md).
    BACKUP_DIR: z.string().min(1).default("./data/backups"),
  })
  .transform((env) => ({ ...env, APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}` }))
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SMTP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message: "in produzione serve un server SMTP per inviare inviti e convocazioni",
      });
    }
  });

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Configurazione non valida:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** Read and validated once, at start-up; typed everywhere after. */
export const env = parseEnv(process.env);

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);
