/**
 * The benchmark's coordinator account; every generated account has this password. Its own module so
 * that bench/run.ts can sign in without importing the generator (which opens a database).
 */
export const BENCH_ACCOUNT = { email: "bench-coordinatore@example.org", password: "Bench-Coordinamento-2026" } as const;
