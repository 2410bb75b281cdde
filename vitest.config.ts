import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Three projects: unit tests beside the code, and the integration suite run once on SQLite and once
// on PostgreSQL (only when TEST_DATABASE_URL is set; scripts/test.mjs sets it when PostgreSQL answers).
const postgres = process.env.TEST_DATABASE_URL;
const integration = (name: string, provider: string) => ({
  extends: true as const,
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    globalSetup: ["tests/setup/global-db.ts"],
    setupFiles: ["tests/setup/db.ts"],
    env: { TEST_DB_PROVIDER: provider },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    env: { NODE_ENV: "test", APP_URL: "http://localhost:3000", TAVOLO_NAME: "Tavolo Povertà di Prova", UPLOAD_DIR: "tests/.tmp/uploads", UPLOAD_MAX_MB: "2" },
    reporters: ["default", ["json", { outputFile: "tests/.tmp/vitest-results.json" }]],
    projects: [
      { extends: true, test: { name: "unit", include: ["app/**/*.test.ts", "emails/**/*.test.ts", "tests/unit/**/*.test.ts"] } },
      integration("sqlite", "sqlite"),
      ...(postgres ? [integration("postgresql", "postgresql")] : []),
    ],
  },
});
