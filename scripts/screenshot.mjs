// Regenerates docs/screenshot.png from a running demo (`npm start` in another terminal):
//   node scripts/screenshot.mjs [http://localhost:3000]
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:3000";
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
await page.goto(`${base}/accedi`);
await page.getByLabel("E-mail").fill("coordinatore@example.org");
await page.getByLabel("Password").fill("Demo-Coordinamento-2026");
await page.getByRole("button", { name: "Accedi" }).click();
await page.waitForURL(`${base}/`);
await page.screenshot({ path: "docs/screenshot.png" });
await browser.close();
console.log("docs/screenshot.png aggiornato");
