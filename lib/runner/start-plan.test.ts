import { describe, expect, it } from "vitest";
import {
  chooseListenHost,
  chooseProcessCount,
  connectionBudgetWarning,
  connectionsPerProcess,
  describeListening,
  localUrl,
  shouldSeedDemo,
} from "@/lib/runner/start-plan";

describe("whether npm start seeds the demo", () => {
  it.each([
    { databaseUrlSet: false, demoFlag: false, freshEmbedded: true, seed: true },
    { databaseUrlSet: false, demoFlag: false, freshEmbedded: false, seed: false },
    { databaseUrlSet: false, demoFlag: true, freshEmbedded: false, seed: true },
    { databaseUrlSet: true, demoFlag: false, freshEmbedded: false, seed: false },
    { databaseUrlSet: true, demoFlag: true, freshEmbedded: false, seed: true },
  ])("DATABASE_URL set: $databaseUrlSet, --demo: $demoFlag, new embedded database: $freshEmbedded -> $seed", ({ seed, ...options }) => {
    expect(shouldSeedDemo(options)).toBe(seed);
  });
});

describe("where npm start listens", () => {
  it("listens on 127.0.0.1 only while demo accounts keep their published passwords", () => {
    const plan = chooseListenHost({ host: undefined, demoAccounts: true });
    expect(plan).toEqual({ host: "127.0.0.1", because: "demo accounts" });
    const lines = describeListening(plan, 3000).join("\n");
    expect(lines).toContain("http://localhost:3000");
    expect(lines).toContain("this machine only");
    expect(lines).toContain("block those accounts or set HOST");
  });

  it("leaves Next's default, every interface, without demo accounts", () => {
    const plan = chooseListenHost({ host: undefined, demoAccounts: false });
    expect(plan).toEqual({ host: undefined, because: "default" });
    expect(describeListening(plan, 8080)).toEqual(["Preflab is running on http://localhost:8080, listening on every interface (set HOST to choose one)"]);
  });

  it("listens where HOST says, demo accounts or not", () => {
    expect(chooseListenHost({ host: "0.0.0.0", demoAccounts: true })).toEqual({ host: "0.0.0.0", because: "HOST" });
    expect(describeListening({ host: "0.0.0.0", because: "HOST" }, 3000)).toEqual([
      "Preflab is running on http://localhost:3000, listening on every interface (HOST)",
    ]);
    expect(describeListening({ host: "10.1.2.3", because: "HOST" }, 3000)).toEqual([
      "Preflab is running on http://10.1.2.3:3000, listening on 10.1.2.3 (HOST)",
    ]);
  });

  it("gives a browser address on this machine, IPv6 in brackets", () => {
    expect(localUrl({ host: "::", because: "HOST" }, 3000)).toBe("http://localhost:3000");
    expect(localUrl({ host: "fd00::5", because: "HOST" }, 3000)).toBe("http://[fd00::5]:3000");
  });
});

describe("how many app processes npm start runs", () => {
  it("takes --processes over PREFLAB_PROCESSES, and PREFLAB_PROCESSES without the flag", () => {
    expect(chooseProcessCount({ flag: undefined, configured: 1, dev: false })).toBe(1);
    expect(chooseProcessCount({ flag: undefined, configured: 3, dev: false })).toBe(3);
    expect(chooseProcessCount({ flag: "2", configured: 3, dev: false })).toBe(2);
    expect(chooseProcessCount({ flag: "1", configured: 4, dev: true })).toBe(1);
  });

  it.each([
    ["zero", "0", "--processes must be a whole number from 1 to 64, got '0'"],
    ["a word", "two", "--processes must be a whole number from 1 to 64, got 'two'"],
    ["a fraction", "1.5", "--processes must be a whole number from 1 to 64, got '1.5'"],
    ["too many", "65", "--processes must be a whole number from 1 to 64, got '65'"],
  ])("refuses %s", (_, flag, message) => {
    expect(() => chooseProcessCount({ flag, configured: 1, dev: false })).toThrow(message);
  });

  it("refuses several processes with --dev", () => {
    expect(() => chooseProcessCount({ flag: "2", configured: 1, dev: true })).toThrow(
      "--dev runs one development server; several processes (2) serve the production build only",
    );
  });

  it("warns when the processes could ask for more connections than PostgreSQL allows", () => {
    expect(connectionsPerProcess(20)).toBe(35);
    expect(connectionBudgetWarning({ processes: 2, poolSize: 20, maxConnections: 100 })).toBeNull();
    expect(connectionBudgetWarning({ processes: 3, poolSize: 20, maxConnections: 100 })).toBe(
      "3 app processes may open up to 105 database connections, more than PostgreSQL's max_connections (100): lower DATABASE_POOL_SIZE (now 20) or raise max_connections",
    );
  });
});
