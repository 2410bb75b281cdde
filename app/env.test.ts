import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

describe("environment", () => {
  it("has working defaults for the demo", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ NODE_ENV: "development", PORT: 3000, DATABASE_URL: "file:./data/tavolo.db", APP_URL: "http://localhost:3000" });
  });

  it("refuses bad values at start-up with messages naming the variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: deve iniziare con file:/);
    expect(() => parseEnv({ SMTP_URL: "http://x" })).toThrow(/SMTP_URL/);
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SMTP_URL: in produzione serve un server SMTP/);
    expect(parseEnv({ NODE_ENV: "production", SMTP_URL: "smtp://mail:25" }).NODE_ENV).toBe("production");
  });
});
