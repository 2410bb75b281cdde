import "react-router";
import { createRequestHandler } from "@react-router/express";
import express from "express";
import { RouterContextProvider, type ServerBuild } from "react-router";
import { CROSS_SITE_MESSAGE, isSafeMethod, isSameOrigin } from "~/auth/origin.server";
import { requestInfoContext } from "~/context";
import { env } from "~/env.server";
import { startBackgroundJobs } from "~/jobs.server";

// The Express app that serves React Router; server.js mounts it (see React Router's
// node-custom-server template). Built by Vite into build/server/index.js.
export const app = express();

// CSRF: before anything else, every request that changes something must come from Tavolo's own
// pages (docs/decisions/007).
app.use((req, res, next) => {
  if (isSafeMethod(req.method) || isSameOrigin(`${req.protocol}://${req.get("host") ?? ""}`, (name) => req.get(name))) {
    return next();
  }
  res.status(403).type("text/plain; charset=utf-8").send(CROSS_SITE_MESSAGE);
});

// React Router checks actions' Origin against the Host header; behind a proxy that rewrites Host,
// the public address in APP_URL is the one forms come from. The build is an object, not a function:
// given a function, React Router re-derives every route and its handlers on each request (meant for
// hot reloading), which cost more than the rest of a minimal page (docs/performance.md). In
// development Vite reloads this module itself when the app changes.
const build: ServerBuild = {
  ...((await import("virtual:react-router/server-build")) as ServerBuild),
  allowedActionOrigins: [new URL(env.APP_URL).host],
};

app.use(
  createRequestHandler({
    build,
    getLoadContext(req) {
      const context = new RouterContextProvider();
      context.set(requestInfoContext, { ip: req.ip ?? req.socket.remoteAddress ?? "unknown" });
      return context;
    },
  }),
);

export { startBackgroundJobs };
