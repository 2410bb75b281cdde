import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

// The server build's entry is our Express app (server/app.ts), as in React Router's
// node-custom-server template: server.js imports it in production.
export default defineConfig(({ isSsrBuild }) => ({
  build: {
    rollupOptions: isSsrBuild ? { input: "./server/app.ts" } : undefined,
  },
  // Server-only packages that Vite's dependency scan would otherwise try to bundle for the browser.
  optimizeDeps: { exclude: ["@node-rs/argon2"] },
  plugins: [reactRouter(), tsconfigPaths()],
}));
