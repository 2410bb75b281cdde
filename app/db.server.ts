import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { env, isPostgresUrl } from "~/env.server";
import type { Prisma, PrismaClient } from "~/generated/prisma-sqlite/client";

export type { Prisma } from "~/generated/prisma-sqlite/client";

/**
 * Both providers' clients are generated from the same models (see docs/decisions/003), so the
 * PostgreSQL client has the same API; the SQLite client's types are the one type used in the code.
 */
export type Db = PrismaClient;
export type DbTransaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export async function createPrismaClient(url: string): Promise<Db> {
  if (isPostgresUrl(url)) {
    const [{ PrismaClient: PostgresClient }, { PrismaPg }] = await Promise.all([
      import("~/generated/prisma-postgresql/client"),
      import("@prisma/adapter-pg"),
    ]);
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
    return client as unknown as Db;
  }
  const { PrismaClient: SqliteClient } = await import("~/generated/prisma-sqlite/client");
  const client = new SqliteClient({ adapter: oneTransactionAtATime(new PrismaBetterSQLite3({ url })) });
  // WAL lets readers go on while the mail worker writes; busy_timeout waits for a lock
  // instead of failing at once.
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  // The query planner's statistics, as SQLite advises for a long-lived connection: it analyses
  // the tables that need it (grown tenfold, or with an index a migration added and no statistics
  // yet), in milliseconds. Without them SQLite can walk ten years of periods to count this month's.
  await client.$queryRawUnsafe("PRAGMA optimize=0x10002");
  return client;
}

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type SqliteTransaction = Awaited<ReturnType<SqliteAdapter["startTransaction"]>>;

/**
 * Prisma 6.19's SQLite adapter has one connection. An interactive transaction holds it across
 * awaits (its callback's own work), and the adapter lets any other query run on that connection
 * meanwhile: another request's read saw the transaction's uncommitted rows, and its writes were
 * rolled back with the transaction (tests/integration/transactions.test.ts). Here a query from
 * outside waits until the open transaction has committed or rolled back (decision 040).
 */
function oneTransactionAtATime(factory: PrismaBetterSQLite3) {
  const connect = async (): Promise<SqliteAdapter> => {
    const adapter = await factory.connect();
    let open: Promise<void> | null = null;
    const whenIdle = async () => {
      while (open) await open;
    };
    const outside = <T>(run: () => Promise<T>) => (open ? whenIdle().then(run) : run());
    return {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      queryRaw: (query) => outside(() => adapter.queryRaw(query)),
      executeRaw: (query) => outside(() => adapter.executeRaw(query)),
      executeScript: (script) => outside(() => adapter.executeScript(script)),
      getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
      dispose: () => adapter.dispose(),
      async startTransaction(isolationLevel) {
        await whenIdle();
        let ended!: () => void;
        open = new Promise((resolve) => (ended = resolve));
        const end = () => {
          open = null;
          ended();
        };
        let transaction: SqliteTransaction;
        try {
          transaction = await adapter.startTransaction(isolationLevel);
        } catch (error) {
          end();
          throw error;
        }
        // Prisma runs COMMIT or ROLLBACK through the transaction, then calls commit() or rollback().
        return {
          provider: transaction.provider,
          adapterName: transaction.adapterName,
          options: transaction.options,
          queryRaw: (query) => transaction.queryRaw(query),
          executeRaw: (query) => transaction.executeRaw(query),
          commit: () => transaction.commit().finally(end),
          rollback: () => transaction.rollback().finally(end),
        };
      },
    };
  };
  return { provider: factory.provider, adapterName: factory.adapterName, connect } satisfies Pick<PrismaBetterSQLite3, "provider" | "adapterName" | "connect">;
}

/**
 * A "contains" filter that ignores case on both databases. PostgreSQL compares text
 * case-sensitively unless asked; SQLite's LIKE already ignores ASCII case and its client has no
 * `mode` option, so the option is added for PostgreSQL only.
 */
export const containsIgnoringCase = (text: string) =>
  (isPostgresUrl(env.DATABASE_URL) ? { contains: text, mode: "insensitive" } : { contains: text }) as Prisma.StringFilter;

/** A write refused by a unique index (Prisma's P2002), on either database. */
export function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

const globalForDb = globalThis as unknown as { tavoloDb?: Promise<Db> };

/** The app's one client, kept across Vite's module reloads in development. */
export const db: Db = await (globalForDb.tavoloDb ??= createPrismaClient(env.DATABASE_URL));
