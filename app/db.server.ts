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
    const client = new PostgresClient({ adapter: repaired(new PrismaPg({ connectionString: url }), { oneAtATime: false }) });
    return client as unknown as Db;
  }
  const { PrismaClient: SqliteClient } = await import("~/generated/prisma-sqlite/client");
  const client = new SqliteClient({ adapter: repaired(new PrismaBetterSQLite3({ url }), { oneAtATime: true }) });
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

type DriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type DriverTransaction = Awaited<ReturnType<DriverAdapter["startTransaction"]>>;
type AdapterFactory = { readonly provider: "sqlite" | "postgres"; readonly adapterName: string; connect(): Promise<DriverAdapter> };

/**
 * Prisma 6.19's driver adapters, with two repairs (decision 040).
 *
 * - Every transaction ends. Prisma runs COMMIT or ROLLBACK through the transaction and then calls
 *   its commit() or rollback(), which hands the connection back. When the COMMIT itself is refused
 *   (a foreign key checked at the end, a full disk, a lost connection), Prisma calls neither:
 *   PostgreSQL's pool lost that connection for good, and SQLite stayed inside the transaction with
 *   every later query. The transaction is rolled back and its connection handed back instead.
 * - On SQLite (`oneAtATime`) a query waits for the open transaction. The adapter has one
 *   connection; an interactive transaction holds it across the awaits of its callback, and the
 *   adapter let any other query run on it meanwhile: another request read the transaction's
 *   uncommitted rows, and its writes were rolled back with the transaction.
 *
 * tests/integration/transactions.test.ts shows each case on both databases.
 */
function repaired<F extends AdapterFactory>(factory: F, { oneAtATime }: { oneAtATime: boolean }) {
  const connect = async (): Promise<DriverAdapter> => {
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
        let end = () => {};
        if (oneAtATime) {
          await whenIdle();
          let ended!: () => void;
          open = new Promise((resolve) => (ended = resolve));
          end = () => {
            open = null;
            ended();
          };
        }
        let transaction: DriverTransaction;
        try {
          transaction = await adapter.startTransaction(isolationLevel);
        } catch (error) {
          end();
          throw error;
        }
        const executeRaw: DriverTransaction["executeRaw"] = async (query) => {
          const ending = /^\s*(COMMIT|ROLLBACK)\b/i.exec(query.sql)?.[1]?.toUpperCase();
          if (!ending) return transaction.executeRaw(query);
          try {
            return await transaction.executeRaw(query);
          } catch (error) {
            if (ending === "COMMIT") await transaction.executeRaw({ ...query, sql: "ROLLBACK" }).catch(() => undefined);
            await transaction.rollback().finally(end);
            throw error;
          }
        };
        return {
          provider: transaction.provider,
          adapterName: transaction.adapterName,
          options: transaction.options,
          queryRaw: (query) => transaction.queryRaw(query),
          executeRaw,
          commit: () => transaction.commit().finally(end),
          rollback: () => transaction.rollback().finally(end),
        };
      },
    };
  };
  return { provider: factory.provider, adapterName: factory.adapterName, connect } satisfies AdapterFactory;
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
