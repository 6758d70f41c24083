import { afterEach, describe, expect, it } from "vitest";
import { register } from "@/instrumentation";
import { env, EnvError, parseEnv, requireAuthSecret, requireDatabaseUrl } from "@/lib/env";

const DATABASE_URL = "postgresql://preflab:secret-password@db.internal:5432/preflab";
const AUTH_SECRET = "x".repeat(43);

function problemsOf(source: Record<string, string>, options?: Parameters<typeof parseEnv>[1]): string[] {
  try {
    parseEnv(source, options);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
  throw new Error("expected the environment to be refused");
}

describe("the environment schema", () => {
  it("fills in the defaults when nothing is set", () => {
    expect(parseEnv({})).toEqual({
      DATABASE_URL: undefined,
      DATABASE_POOL_SIZE: 20,
      DATABASE_CONNECT_TIMEOUT_SECONDS: 10,
      DATABASE_STATEMENT_TIMEOUT_SECONDS: 60,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: 60,
      AUTH_SECRET: undefined,
      PORT: 3000,
      HOST: undefined,
      PREFLAB_PROCESSES: 1,
      EXPORT_DIR: undefined,
      EXPORT_RETENTION_DAYS: 7,
      EXPORT_MAX_STREAMS: 4,
      EXPORT_STALL_TIMEOUT_SECONDS: 60,
      UPLOAD_DIR: undefined,
      MTURK_SUBMIT_HOSTS: [],
      PREFLAB_BUILD_DIR: ".next",
      DEMO_MODEL_TOKENS_PER_SECOND: 30,
      PREFLAB_INTERNAL_URL: undefined,
      TRUST_PROXY: 0,
      RATE_LIMITS: {},
      PASSWORD_HASH_COST: 17,
      STUDY_ACCOUNTS_PER_CLIENT_HOUR: 5,
    });
  });

  it("parses good values, and treats an empty value as unset", () => {
    const parsed = parseEnv({
      DATABASE_URL,
      DATABASE_POOL_SIZE: "8",
      DATABASE_CONNECT_TIMEOUT_SECONDS: "5",
      DATABASE_STATEMENT_TIMEOUT_SECONDS: "0",
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: " 120 ",
      AUTH_SECRET,
      PORT: "4000",
      HOST: " 0.0.0.0 ",
      PREFLAB_PROCESSES: " 4 ",
      EXPORT_DIR: "/srv/preflab/exports",
      EXPORT_RETENTION_DAYS: " 30 ",
      EXPORT_MAX_STREAMS: "2",
      EXPORT_STALL_TIMEOUT_SECONDS: "15",
      UPLOAD_DIR: "",
      MTURK_SUBMIT_HOSTS: "http://127.0.0.1, https://stand-in.test:8443",
      PREFLAB_BUILD_DIR: ".next-test",
      DEMO_MODEL_TOKENS_PER_SECOND: "12.5",
      PREFLAB_INTERNAL_URL: "http://app-internal:3000/",
      TRUST_PROXY: "true",
      RATE_LIMITS: " api-token=1200, sign-in-client = 100 ",
      PASSWORD_HASH_COST: "18",
      STUDY_ACCOUNTS_PER_CLIENT_HOUR: "20",
    });
    expect(parsed).toEqual({
      DATABASE_URL,
      DATABASE_POOL_SIZE: 8,
      DATABASE_CONNECT_TIMEOUT_SECONDS: 5,
      DATABASE_STATEMENT_TIMEOUT_SECONDS: 0,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: 120,
      AUTH_SECRET,
      PORT: 4000,
      HOST: "0.0.0.0",
      PREFLAB_PROCESSES: 4,
      EXPORT_DIR: "/srv/preflab/exports",
      EXPORT_RETENTION_DAYS: 30,
      EXPORT_MAX_STREAMS: 2,
      EXPORT_STALL_TIMEOUT_SECONDS: 15,
      UPLOAD_DIR: undefined,
      MTURK_SUBMIT_HOSTS: ["http://127.0.0.1", "https://stand-in.test:8443"],
      PREFLAB_BUILD_DIR: ".next-test",
      DEMO_MODEL_TOKENS_PER_SECOND: 12.5,
      PREFLAB_INTERNAL_URL: "http://app-internal:3000",
      TRUST_PROXY: 1,
      RATE_LIMITS: { "api-token": 1200, "sign-in-client": 100 },
      PASSWORD_HASH_COST: 18,
      STUDY_ACCOUNTS_PER_CLIENT_HOUR: 20,
    });
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/preflab" }).DATABASE_URL).toBe("postgres://localhost/preflab");
    expect(parseEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(["127.0.0.1", "::", "[::1]", "fd00::5", "app.internal", "localhost"].map((HOST) => parseEnv({ HOST }).HOST)).toEqual([
      "127.0.0.1",
      "::",
      "::1",
      "fd00::5",
      "app.internal",
      "localhost",
    ]);
  });

  it.each([
    ["DEMO_MODEL_TOKENS_PER_SECOND", "-1", "DEMO_MODEL_TOKENS_PER_SECOND must be a number of tokens a second from 0 (no delay) to 10000, got '-1'"],
    ["PREFLAB_INTERNAL_URL", "localhost:3000/app", "PREFLAB_INTERNAL_URL must be an origin like http://127.0.0.1:3000, got 'localhost:3000/app'"],
    ["EXPORT_RETENTION_DAYS", "abc", "EXPORT_RETENTION_DAYS must be a whole number of days, got 'abc'"],
    ["EXPORT_RETENTION_DAYS", "1.5", "EXPORT_RETENTION_DAYS must be a whole number of days, got '1.5'"],
    ["EXPORT_RETENTION_DAYS", "0", "EXPORT_RETENTION_DAYS must be from 1 to 3650 days, got '0'"],
    ["DATABASE_POOL_SIZE", "many", "DATABASE_POOL_SIZE must be a whole number of connections, got 'many'"],
    ["DATABASE_POOL_SIZE", "500", "DATABASE_POOL_SIZE must be from 1 to 200 connections, got '500'"],
    ["DATABASE_CONNECT_TIMEOUT_SECONDS", "0", "DATABASE_CONNECT_TIMEOUT_SECONDS must be from 1 to 600 seconds, got '0'"],
    ["DATABASE_STATEMENT_TIMEOUT_SECONDS", "30s", "DATABASE_STATEMENT_TIMEOUT_SECONDS must be a whole number of seconds, got '30s'"],
    ["DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS", "100000", "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS must be from 0 to 86400 seconds, got '100000'"],
    ["EXPORT_MAX_STREAMS", "0", "EXPORT_MAX_STREAMS must be from 1 to 100 streams, got '0'"],
    ["EXPORT_STALL_TIMEOUT_SECONDS", "-5", "EXPORT_STALL_TIMEOUT_SECONDS must be a whole number of seconds, got '-5'"],
    ["PORT", "http", "PORT must be a whole number, got 'http'"],
    ["PORT", "70000", "PORT must be from 1 to 65535, got '70000'"],
    ["HOST", "http://0.0.0.0", "HOST must be an address to listen on, like 127.0.0.1, 0.0.0.0 or ::, got 'http://0.0.0.0'"],
    ["HOST", "0.0.0.0:3000", "HOST must be an address to listen on, like 127.0.0.1, 0.0.0.0 or ::, got '0.0.0.0:3000'"],
    ["PREFLAB_PROCESSES", "two", "PREFLAB_PROCESSES must be a whole number of processes, got 'two'"],
    ["PREFLAB_PROCESSES", "0", "PREFLAB_PROCESSES must be from 1 to 64 processes, got '0'"],
    ["STUDY_ACCOUNTS_PER_CLIENT_HOUR", "0", "STUDY_ACCOUNTS_PER_CLIENT_HOUR must be from 1 to 100000 accounts, got '0'"],
    [
      "MTURK_SUBMIT_HOSTS",
      "http://127.0.0.1,localhost:4100",
      "MTURK_SUBMIT_HOSTS must be comma-separated origins like http://127.0.0.1:4100, got 'localhost:4100'",
    ],
    [
      "MTURK_SUBMIT_HOSTS",
      "https://stand-in.test/submit",
      "MTURK_SUBMIT_HOSTS must be comma-separated origins like http://127.0.0.1:4100, got 'https://stand-in.test/submit'",
    ],
    ["PREFLAB_BUILD_DIR", "/tmp/build", "PREFLAB_BUILD_DIR must be a folder inside the project, like .next-test, got '/tmp/build'"],
    ["TRUST_PROXY", "yes", "TRUST_PROXY must be true, false or how many proxies in front of the app (0 to 10), got 'yes'"],
    ["TRUST_PROXY", "11", "TRUST_PROXY must be true, false or how many proxies in front of the app (0 to 10), got '11'"],
    [
      "RATE_LIMITS",
      "sign-in=5",
      "RATE_LIMITS names no known limit in 'sign-in=5' (the limits: sign-in-email, sign-in-client, invite-sign-up-invite, invite-sign-up-client, study-entry-client, study-entry-study, api-token)",
    ],
    ["RATE_LIMITS", "api-token=0", "RATE_LIMITS must be name=count pairs with counts from 1 to 1000000, like api-token=1200, got 'api-token=0'"],
    ["RATE_LIMITS", "api-token", "RATE_LIMITS must be name=count pairs with counts from 1 to 1000000, like api-token=1200, got 'api-token'"],
    ["PASSWORD_HASH_COST", "10", "PASSWORD_HASH_COST must be from 14 to 20, got '10'"],
    ["PREFLAB_BUILD_DIR", "../elsewhere", "PREFLAB_BUILD_DIR must be a folder inside the project, like .next-test, got '../elsewhere'"],
  ])("refuses %s=%s", (name, value, message) => {
    expect(problemsOf({ [name]: value })).toEqual([message]);
  });

  it("refuses a DATABASE_URL that is not PostgreSQL's without repeating it, since it may hold a password", () => {
    const message =
      "DATABASE_URL must be a PostgreSQL connection string like postgresql://user:password@localhost:5432/preflab (the value is not repeated: it may hold a password)";
    for (const value of ["mysql://root:hunter2@db.internal/preflab", "db.internal:5432/preflab", "postgresql://"]) {
      expect(problemsOf({ DATABASE_URL: value })).toEqual([message]);
    }
  });

  it("refuses a short AUTH_SECRET by its length, never its value", () => {
    expect(problemsOf({ AUTH_SECRET: "hunter2" })).toEqual(["AUTH_SECRET must be at least 32 characters (make one with `openssl rand -base64 32`), got 7"]);
  });

  it("names every bad and every missing required variable at once", () => {
    const problems = problemsOf({ PORT: "x", EXPORT_RETENTION_DAYS: "-1", AUTH_SECRET: "" }, { require: ["DATABASE_URL", "AUTH_SECRET"] });
    expect(problems).toEqual([
      "PORT must be a whole number, got 'x'",
      "EXPORT_RETENTION_DAYS must be a whole number of days, got '-1'",
      "DATABASE_URL is not set: run `npm start`, or point it at a PostgreSQL database",
      "AUTH_SECRET is not set: `npm start` makes one, or set it (make one with `openssl rand -base64 32`)",
    ]);
    const error = (() => {
      try {
        parseEnv({ PORT: "x" });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toBe("PORT must be a whole number, got 'x'");
  });
});

const saved = { ...process.env };
function restoreEnv() {
  for (const name of ["EXPORT_RETENTION_DAYS", "DATABASE_URL", "AUTH_SECRET", "NEXT_RUNTIME"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
}

describe("env()", () => {
  afterEach(restoreEnv);

  it("follows a variable set after the first call, as `npm start` and the CLI set DATABASE_URL", () => {
    delete process.env.DATABASE_URL;
    process.env.EXPORT_RETENTION_DAYS = "3";
    expect(env().EXPORT_RETENTION_DAYS).toBe(3);
    expect(() => requireDatabaseUrl()).toThrow("DATABASE_URL is not set");
    process.env.DATABASE_URL = DATABASE_URL;
    process.env.EXPORT_RETENTION_DAYS = "14";
    expect(env()).toMatchObject({ DATABASE_URL, EXPORT_RETENTION_DAYS: 14 });
    expect(requireDatabaseUrl()).toBe(DATABASE_URL);
  });

  it("throws the variable's message for a bad value, and the missing secret's when it is needed", () => {
    process.env.EXPORT_RETENTION_DAYS = "abc";
    expect(() => env()).toThrow("EXPORT_RETENTION_DAYS must be a whole number of days, got 'abc'");
    delete process.env.EXPORT_RETENTION_DAYS;
    delete process.env.AUTH_SECRET;
    expect(() => requireAuthSecret()).toThrow("AUTH_SECRET is not set");
  });
});

describe("the server's start (instrumentation.ts)", () => {
  afterEach(restoreEnv);

  it("stops on a bad value or a missing DATABASE_URL or AUTH_SECRET, before starting anything", async () => {
    process.env.NEXT_RUNTIME = "nodejs";
    process.env.DATABASE_URL = DATABASE_URL;
    process.env.AUTH_SECRET = AUTH_SECRET;
    process.env.EXPORT_RETENTION_DAYS = "abc";
    await expect(register()).rejects.toThrow("EXPORT_RETENTION_DAYS must be a whole number of days, got 'abc'");
    delete process.env.EXPORT_RETENTION_DAYS;
    delete process.env.DATABASE_URL;
    delete process.env.AUTH_SECRET;
    await expect(register()).rejects.toThrow(
      "DATABASE_URL is not set: run `npm start`, or point it at a PostgreSQL database; AUTH_SECRET is not set: `npm start` makes one",
    );
  });
});
