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
