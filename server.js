// Tavolo's HTTP server: Express in front of the React Router app, as in React Router's
// node-custom-server template. `node server.js` serves the production build; `--dev` runs Vite.
import { existsSync, readdirSync } from "node:fs";
import compression from "compression";
import express from "express";

if (existsSync(".env")) process.loadEnvFile(".env");

const DEVELOPMENT = process.argv.includes("--dev");
const PORT = Number.parseInt(process.env.PORT || "3000", 10);
const HOST = process.env.HOST || "0.0.0.0";

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "true") app.set("trust proxy", true);
app.use(compression());
app.use((_req, res, next) => {
  // Headers for every response; the Content-Security-Policy with its nonce is set on documents by
  // app/entry.server.tsx.
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  next();
});

let startBackgroundJobs;
if (DEVELOPMENT) {
  const vite = await import("vite");
  const viteDevServer = await vite.createServer({ server: { middlewareMode: true } });
  app.use(viteDevServer.middlewares);
  app.use(async (req, res, next) => {
    try {
      const source = await viteDevServer.ssrLoadModule("./server/app.ts");
      return await source.app(req, res, next);
    } catch (error) {
      if (typeof error === "object" && error instanceof Error) viteDevServer.ssrFixStacktrace(error);
      next(error);
    }
  });
  startBackgroundJobs = async () =>
    (await viteDevServer.ssrLoadModule("./server/app.ts")).startBackgroundJobs();
} else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  // The few files public/ puts next to the assets (the favicon): only their paths reach
  // express.static, so a page request does not look for a file on disk first.
  const publicFiles = new Set(readdirSync("build/client").filter((name) => name !== "assets"));
  const servePublic = express.static("build/client", { maxAge: "1h" });
  app.use((req, res, next) => (publicFiles.has(req.path.split("/")[1] ?? "") ? servePublic(req, res, next) : next()));
  const build = await import("./build/server/index.js");
  app.use(build.app);
  startBackgroundJobs = build.startBackgroundJobs;
}

const server = app.listen(PORT, HOST, () => {
  console.log(`Tavolo in ascolto su http://localhost:${PORT}`);
});
const stopBackgroundJobs = await startBackgroundJobs();

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close();
    Promise.resolve(stopBackgroundJobs?.()).finally(() => process.exit(0));
  });
}
