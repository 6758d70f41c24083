// What `npm start` decides before it serves: whether to seed the demo, where to listen, and what it says
// about both. Pure, so that every case is tested (start-plan.test.ts).

/**
 * The demo (with the passwords printed in README.md) goes only into a new embedded database, or where
 * --demo asks for it: a database of the user's own never gets accounts with known passwords unasked.
 */
export function shouldSeedDemo({ databaseUrlSet, demoFlag, freshEmbedded }: { databaseUrlSet: boolean; demoFlag: boolean; freshEmbedded: boolean }): boolean {
  return demoFlag || (!databaseUrlSet && freshEmbedded);
}

export const LOOPBACK = "127.0.0.1";

const EVERY_INTERFACE = new Set(["0.0.0.0", "::"]);

/** `host` is for `next start -H`; undefined leaves Next's default, every interface. */
export type ListenPlan = { host: string | undefined; because: "HOST" | "demo accounts" | "default" };

/** While any demo account keeps its published password, only this machine may reach the app, unless HOST says otherwise. */
export function chooseListenHost({ host, demoAccounts }: { host: string | undefined; demoAccounts: boolean }): ListenPlan {
  if (host) return { host, because: "HOST" };
  if (demoAccounts) return { host: LOOPBACK, because: "demo accounts" };
  return { host: undefined, because: "default" };
}

/** The address to open in a browser on this machine. */
export function localUrl(plan: ListenPlan, port: number): string {
  const host = !plan.host || plan.host === LOOPBACK || EVERY_INTERFACE.has(plan.host) ? "localhost" : plan.host;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** The lines `npm start` prints about where it listens and why. */
export function describeListening(plan: ListenPlan, port: number): string[] {
  const url = localUrl(plan, port);
  if (plan.because === "demo accounts") {
    return [
      `Preflab is running on ${url}, reachable from this machine only (${LOOPBACK}):`,
      "  the demo accounts' passwords are public (README.md). To let other machines in, block those accounts or set HOST",
      "  (0.0.0.0 for every interface).",
    ];
  }
  if (plan.because === "HOST") {
    const where = EVERY_INTERFACE.has(plan.host!) ? "every interface" : plan.host;
    return [`Preflab is running on ${url}, listening on ${where} (HOST)`];
  }
  return [`Preflab is running on ${url}, listening on every interface (set HOST to choose one)`];
}

/** What to do when a database of the user's own has no admin yet: the CLI makes one with a generated password. */
export function firstAdminHint(): string[] {
  return [
    "no admin account yet: create the first one (a password is generated and printed once) with",
    "  npm run preflab -- user create --email you@example.org --role ADMIN",
  ];
}

/** How many app processes to run: --processes N, else PREFLAB_PROCESSES; one development server at most. */
export function chooseProcessCount({ flag, configured, dev }: { flag: string | undefined; configured: number; dev: boolean }): number {
  let count = configured;
  if (flag !== undefined) {
    if (!/^\d+$/.test(flag.trim()) || Number(flag) < 1 || Number(flag) > 64) throw new Error(`--processes must be a whole number from 1 to 64, got '${flag}'`);
    count = Number(flag);
  }
  if (dev && count > 1) throw new Error(`--dev runs one development server; several processes (${count}) serve the production build only`);
  return count;
}

/**
 * The most connections one app process opens: its pg pool (DATABASE_POOL_SIZE), its Prisma client's
 * (half that, at least 2, lib/db/prisma.ts), the job queue's 4 and its setup lock's 1.
 */
export function connectionsPerProcess(poolSize: number): number {
  return poolSize + Math.max(2, Math.ceil(poolSize / 2)) + 5;
}

/** A warning when N processes at their busiest could ask PostgreSQL for more connections than it allows. */
export function connectionBudgetWarning({
  processes,
  poolSize,
  maxConnections,
}: {
  processes: number;
  poolSize: number;
  maxConnections: number;
}): string | null {
  const wanted = processes * connectionsPerProcess(poolSize);
  if (wanted <= maxConnections) return null;
  return (
    `${processes} app processes may open up to ${wanted} database connections, more than PostgreSQL's max_connections (${maxConnections}): ` +
    `lower DATABASE_POOL_SIZE (now ${poolSize}) or raise max_connections`
  );
}
