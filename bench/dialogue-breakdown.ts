// Where an app turn's time to first token goes, read back from the database after the run: when its
// samples were claimed, how long the app's model client waited for its first token, and when each
// sample's first text reached its row. The last is recorded by a trigger the benchmark adds to its own
// database; it fires once per sample (text still empty), so it costs the streaming writes nothing.
import type pg from "pg";
import type { AppTurn } from "./dialogue-app";
import { latencyFigures } from "./stats";

export async function recordFirstWrites(client: pg.Client): Promise<void> {
  await client.query(`
    CREATE TABLE bench_first_writes (sample_id uuid PRIMARY KEY, written_at timestamptz NOT NULL);
    CREATE FUNCTION bench_first_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO bench_first_writes VALUES (NEW.id, clock_timestamp()) ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$;
    CREATE TRIGGER bench_first_write AFTER UPDATE OF text ON turn_samples
      FOR EACH ROW WHEN (OLD.text = '' AND NEW.text <> '') EXECUTE FUNCTION bench_first_write();`);
}

// Per turn, the slower sample of each: text is revealed only once both have some.
const TURN_TIMES_SQL = `
  SELECT s.turn_id AS "turnId", extract(epoch FROM max(s.started_at)) * 1000 AS "claimedAt", max(s.first_token_ms) AS "firstTokenMs",
         extract(epoch FROM max(w.written_at)) * 1000 AS "writtenAt"
  FROM turn_samples s JOIN bench_first_writes w ON w.sample_id = s.id
  WHERE s.turn_id = ANY($1::uuid[]) GROUP BY s.turn_id`;

type TurnTimes = { turnId: string; claimedAt: number; firstTokenMs: number; writtenAt: number };

/** The breakdown's figures; database times are wall-clock milliseconds, like performance.timeOrigin. */
export async function breakdownFigures(client: pg.Client, turns: AppTurn[]): Promise<[string, number, string][]> {
  const { rows } = await client.query<TurnTimes>(TURN_TIMES_SQL, [turns.map((turn) => turn.turnId)]);
  const times = new Map(rows.map((row) => [row.turnId, row]));
  const measured = turns.filter((turn) => times.has(turn.turnId));
  const wallClock = (at: number) => performance.timeOrigin + at;
  const part = (name: string, of: (turn: AppTurn, times: TurnTimes) => number) =>
    latencyFigures(
      name,
      measured.map((turn) => of(turn, times.get(turn.turnId)!)),
    );
  return [
    ...part("post round trip", (turn) => turn.postMs),
    ...part("post to samples claimed", (turn, at) => Number(at.claimedAt) - wallClock(turn.startedAt)),
    ...part("model first token seen by the app", (_, at) => at.firstTokenMs),
    ...part("post to first writes", (turn, at) => Number(at.writtenAt) - wallClock(turn.startedAt)),
    ...part("first writes to sse event", (turn, at) => wallClock(turn.firstTextAt) - Number(at.writtenAt)),
    ...part("sse open", (turn) => turn.sseOpenMs),
  ];
}
