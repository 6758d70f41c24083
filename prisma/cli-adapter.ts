// The driver adapter the Prisma CLI (migrate, diff) runs on, with fixes for defects of
// @prisma/adapter-pg 6.19 under the Wasm schema engine. Only the CLI process loads this file:
// the app's runtime client uses the stock adapter.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";

type Script = (script: string) => Promise<void>;

const PG_CHAR_OID = 18;
const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;

export function connectionFieldsFromUrl(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.slice(1)) || undefined,
    max: 4,
    // Idle pooled connections must not keep the short-lived CLI process alive either.
    allowExitOnIdle: true,
  };
}

// Fix 1 (prisma/prisma#27403): catalog columns of type "char" (OID 18) and name (OID 19) make the
// adapter throw "Unsupported column type"; the schema engine reads them while introspecting. Report
// name as text and "char" as a character column: handed a one-letter text column instead (such as
// pg_constraint.contype when the schema has CHECK constraints), the Wasm engine panics.
function reportCatalogTypes(adapter: object) {
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter));
  if (queryable.__preflabPatched) return;
  const performIO = queryable.performIO;
  queryable.performIO = async function patchedPerformIO(this: unknown, query: unknown) {
    const result = await performIO.call(this, query);
    const charColumns: number[] = [];
    (result.fields ?? []).forEach((field: { dataTypeID: number }, index: number) => {
      if (field.dataTypeID === PG_CHAR_OID) charColumns.push(index);
      if (field.dataTypeID === PG_CHAR_OID || field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
    });
    return Object.assign(result, { charColumns });
  };
  const queryRaw = queryable.queryRaw;
  queryable.queryRaw = async function patchedQueryRaw(this: { performIO: Function }, query: unknown) {
    let charColumns: number[] = [];
    const performOnce = this.performIO;
    this.performIO = async (q: unknown) => {
      const result = await performOnce.call(this, q);
      charColumns = result.charColumns;
      return result;
    };
    try {
      const resultSet = await queryRaw.call(this, query);
      for (const index of charColumns) resultSet.columnTypes[index] = ColumnTypeEnum.Character;
      return resultSet;
    } finally {
      delete (this as { performIO?: Function }).performIO;
    }
  };
  queryable.__preflabPatched = true;
}

// Fix 3: the adapter splits migration scripts on ";", which breaks $$ function bodies and ';' in
// string literals. PostgreSQL's simple query protocol runs a whole multi-statement script itself.
function runScriptsWhole(adapter: { executeScript: Script; underlyingDriver(): pg.Pool }) {
  adapter.executeScript = async (script: string) => {
    await adapter.underlyingDriver().query(script);
  };
}

function patchAdapter<T extends object>(adapter: T): T {
  reportCatalogTypes(adapter);
  runScriptsWhole(adapter as unknown as { executeScript: Script; underlyingDriver(): pg.Pool });
  return adapter;
}

export class PreflabCliAdapterFactory extends PrismaPg {
  private readonly fields: pg.PoolConfig;

  // Fix 2a: built from discrete host/port/user/database fields, because a connection string given
  // to the stock factory overrides the shadow database's name, so the "shadow" was the main database.
  constructor(url: string) {
    const fields = connectionFieldsFromUrl(url);
    super(fields);
    this.fields = fields;
  }

  override async connect() {
    return patchAdapter(await super.connect());
  }

  // Fix 2b: the stock factory drops the shadow database while its own pool still holds connections
  // to it. Close the pool first, then drop from a connection to the main database.
  override async connectToShadowDb() {
    const database = `preflab_shadow_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
    await withAdminClient(this.fields, (client) => client.query(`CREATE DATABASE "${database}"`));
    const shadow = patchAdapter(await new PrismaPg({ ...this.fields, database }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await withAdminClient(this.fields, (client) => client.query(`DROP DATABASE IF EXISTS "${database}"`));
    };
    return shadow;
  }
}

async function withAdminClient<T>(fields: pg.PoolConfig, run: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client(fields);
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

// Fix 4: the schema engine leaves 10 s and 60 s timers armed after a command finishes, so the CLI
// hangs for up to a minute. Long timers must not keep this short-lived process alive.
export function unrefLongTimers(thresholdMs = 5_000) {
  const original = globalThis.setTimeout;
  const patched = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
    const timer = original(handler as (...a: unknown[]) => void, delay, ...args);
    if ((delay ?? 0) >= thresholdMs) timer.unref?.();
    return timer;
  }) as unknown as typeof setTimeout;
  globalThis.setTimeout = Object.assign(patched, original);
}
