import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

// The shapes pg, pg-pool and Prisma's pg adapter throw (recorded from real failures; see unavailable.db.test.ts).
const socket = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: "connect", errno: -111 });
const postgres = (code: string, message: string) => Object.assign(new Error(message), { code, severity: "FATAL" });
const prisma = (code: string, cause: object) =>
  Object.assign(new Error("Invalid `prisma.user.count()` invocation"), { code, meta: { driverAdapterError: { name: "DriverAdapterError", cause } } });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", socket("ECONNREFUSED")],
    ["a reset connection", socket("ECONNRESET")],
    ["a refusal on every address of a host", Object.assign(new AggregateError([socket("ECONNREFUSED"), socket("ECONNREFUSED")]), { code: "ECONNREFUSED" })],
    ["the server shutting down (57P01)", postgres("57P01", "terminating connection due to administrator command")],
    ["the server starting up (57P03)", postgres("57P03", "the database system is starting up")],
    ["a connection exception (08006)", postgres("08006", "connection failure")],
    ["too many connections (53300)", postgres("53300", "sorry, too many clients already")],
    ["the pool's connect timeout", new Error("timeout exceeded when trying to connect")],
    ["a connection lost mid-query", new Error("Connection terminated unexpectedly")],
    ["Prisma unable to reach the server (P1001)", prisma("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 })],
    ["Prisma's raw query on a session ended by the server", prisma("P2010", { kind: "postgres", code: "57P01", originalCode: "57P01" })],
    ["an error wrapping one of these", new Error("claim failed", { cause: socket("ECONNREFUSED") })],
  ])("is true for %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", postgres("23505", "duplicate key value violates unique constraint")],
    ["Prisma's unique violation", prisma("P2002", { kind: "UniqueConstraintViolation" })],
    ["a syntax error", postgres("42601", "syntax error at or near")],
    ["a plain bug", new TypeError("cannot read properties of undefined")],
    ["not an error at all", "ECONNREFUSED"],
    [
      "an error that wraps itself",
      (() => {
        const e: Error & { cause?: unknown } = new Error("loop");
        e.cause = e;
        return e;
      })(),
    ],
  ])("is false for %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
