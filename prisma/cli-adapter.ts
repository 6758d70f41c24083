// The driver adapter the Prisma CLI (migrate, diff) runs on, with fixes for defects of
// @prisma/adapter-pg 6.19 under the Wasm schema engine. Only the CLI process loads this file:
// the app's runtime client uses the stock adapter.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import { parseIntoClientConfig } from "pg-connection-string";

type Script = (script: string) => Promise<void>;

const PG_CHAR_OID = 18;
const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;

/** Every setting of the URL (sslmode, socket host, options...) as discrete pg fields. */
export function connectionFieldsFromUrl(url: string): pg.PoolConfig {
  return {
    ...parseIntoClientConfig(url),
    max: 4,
    // Idle pooled connections must not keep the short-lived CLI process alive either.
    allowExitOnIdle: true,
  };
}

type Queryable = { queryRaw(query: unknown): Promise<{ columnTypes: number[] }>; performIO(query: unknown): Promise<PgResult> };
type PgResult = { fields?: { dataTypeID: number }[] };

// Fix 1 (prisma/prisma#27403): catalog columns of type "char" (OID 18) and name (OID 19) make the
// adapter throw "Unsupported column type"; the schema engine reads them while introspecting. Report
// name as text and "char" as a character column: handed a one-letter text column instead (such as
// pg_constraint.contype when the schema has CHECK constraints), the Wasm engine panics. Patched on
// this adapter (and its transactions) only, per call, so other adapters and concurrent queries are
// left alone.
function reportCatalogTypes<T extends object>(queryable: T): T {
  const target = queryable as unknown as Queryable;
  const prototype = Object.getPrototypeOf(queryable) as Queryable;
  target.queryRaw = async (query) => {
    const charColumns: number[] = [];
    const performIO = async (q: unknown) => {
      const result = await prototype.performIO.call(queryable, q);
      result.fields?.forEach((field, index) => {
        if (field.dataTypeID === PG_CHAR_OID) charColumns.push(index);
        if (field.dataTypeID === PG_CHAR_OID || field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
      });
      return result;
    };
    const view = Object.create(queryable, { performIO: { value: performIO } });
    const resultSet = await prototype.queryRaw.call(view, query);
    for (const index of charColumns) resultSet.columnTypes[index] = ColumnTypeEnum.Character;
    return resultSet;
  };
  return queryable;
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
  const withTransactions = adapter as unknown as { startTransaction(level?: string): Promise<object> };
  const startTransaction = withTransactions.startTransaction.bind(adapter);
  withTransactions.startTransaction = async (level) => reportCatalogTypes(await startTransaction(level));
  runScriptsWhole(adapter as unknown as { executeScript: Script; underlyingDriver(): pg.Pool });
  return adapter;
}

export class PreflabCliAdapterFactory extends PrismaPg {
  private readonly fields: pg.PoolConfig;

  // Fix 2a: built from discrete fields, because a connection string given to the stock factory
  // overrides the shadow database's name, so the "shadow" was the main database.
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
