import { defineConfig, devices } from "@playwright/test";

// End-to-end tests: a real browser (Debian's Chromium) against the production build, a real database
// (SQLite by default, PostgreSQL with E2E_DATABASE_URL) and a real SMTP catcher. tests/e2e/global-setup.ts
// prepares all three; there is deliberately no `webServer` option. See tests/e2e/README.md.
const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3100";

export default defineConfig({
  testDir: "./tests/e2e",
  outputDir: "./tests/.tmp/playwright-output",
  // One server and one database for every test: files run two at a time (the machine has 2 cores),
  // tests inside a file run in order. Every test creates the users it changes, so order never matters.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "tests/.tmp/playwright-results.json" }]],
  globalSetup: "./tests/e2e/global-setup.ts",
  use: {
    baseURL,
    headless: true,
    locale: "it-IT",
    timezoneId: "Europe/Rome",
    trace: "retain-on-failure",
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
});
