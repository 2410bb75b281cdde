import "react-router";
import { createRequestHandler } from "@react-router/express";
import express from "express";
import { RouterContextProvider } from "react-router";
import { requestInfoContext } from "~/context";
import { startBackgroundJobs } from "~/jobs.server";

// The Express app that serves React Router; server.js mounts it (see React Router's
// node-custom-server template). Built by Vite into build/server/index.js.
export const app = express();

app.use(
  createRequestHandler({
    build: () => import("virtual:react-router/server-build"),
    getLoadContext(req) {
      const context = new RouterContextProvider();
      context.set(requestInfoContext, { ip: req.ip ?? req.socket.remoteAddress ?? "unknown" });
      return context;
    },
  }),
);

export { startBackgroundJobs };
