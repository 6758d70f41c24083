// Where an app turn's time to first token goes, read back from the database after the run. Triggers the
// benchmark adds to its own database stamp the moments that leave no trace in the rows: the turn stored,
// each sample claimed, and each sample's first text written. They fire once per turn or sample, not on
// every streamed write, so they cost the app next to nothing.
import type pg from "pg";
import type { AppTurn } from "./dialogue-app";
import { latencyFigures } from "./stats";

export async function recordTurnEvents(client: pg.Client): Promise<void> {
  await client.query(`
    CREATE TABLE bench_events (subject uuid NOT NULL, event text NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (subject, event));
    CREATE FUNCTION bench_event() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO bench_events VALUES (NEW.id, TG_ARGV[0], clock_timestamp()) ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$;
    CREATE TRIGGER bench_stored AFTER INSERT ON conversation_turns FOR EACH ROW EXECUTE FUNCTION bench_event('stored');
    CREATE TRIGGER bench_claimed AFTER UPDATE OF status ON turn_samples
      FOR EACH ROW WHEN (OLD.status = 'PENDING' AND NEW.status = 'STREAMING') EXECUTE FUNCTION bench_event('claimed');
    CREATE TRIGGER bench_first_write AFTER UPDATE OF text ON turn_samples
      FOR EACH ROW WHEN (OLD.text = '' AND NEW.text <> '') EXECUTE FUNCTION bench_event('first write');`);
}

// Per turn, the slower of its samples for each moment: text is revealed only once every sample has some.
// "Around the model" is a sample's time from its claim to its first write, less the model's first token.
const TURN_TIMES_SQL = `
  SELECT s.turn_id AS "turnId", extract(epoch FROM stored.at) * 1000 AS "storedAt", extract(epoch FROM max(claimed.at)) * 1000 AS "claimedAt",
         max(s.first_token_ms) AS "firstTokenMs", extract(epoch FROM max(written.at)) * 1000 AS "writtenAt",
         max(extract(epoch FROM written.at - claimed.at) * 1000 - s.first_token_ms) AS "aroundModelMs"
  FROM turn_samples s
  JOIN bench_events stored ON stored.subject = s.turn_id AND stored.event = 'stored'
  JOIN bench_events claimed ON claimed.subject = s.id AND claimed.event = 'claimed'
  JOIN bench_events written ON written.subject = s.id AND written.event = 'first write'
  WHERE s.turn_id = ANY($1::uuid[]) GROUP BY s.turn_id, stored.at`;

type TurnTimes = { turnId: string; storedAt: number; claimedAt: number; firstTokenMs: number; writtenAt: number; aroundModelMs: number };

/** The breakdown's figures; database times are wall-clock milliseconds, like performance.timeOrigin. */
export async function breakdownFigures(client: pg.Client, turns: AppTurn[]): Promise<[string, number, string][]> {
  const { rows } = await client.query<TurnTimes>(TURN_TIMES_SQL, [turns.map((turn) => turn.turnId)]);
  const times = new Map(rows.map((row) => [row.turnId, row]));
  const measured = turns.filter((turn) => times.has(turn.turnId));
  const since = (at: number, turn: AppTurn) => Number(at) - (performance.timeOrigin + turn.startedAt);
  const part = (name: string, of: (turn: AppTurn, times: TurnTimes) => number) =>
    latencyFigures(
      name,
      measured.map((turn) => of(turn, times.get(turn.turnId)!)),
    );
  return [
    ...part("post round trip", (turn) => turn.postMs),
    ...part("post to turn stored", (turn, at) => since(at.storedAt, turn)),
    ...part("post to samples claimed", (turn, at) => since(at.claimedAt, turn)),
    ...part("model first token seen by the app", (_, at) => at.firstTokenMs),
    ...part("claim to first write less the model", (_, at) => Number(at.aroundModelMs)),
    ...part("post to first writes", (turn, at) => since(at.writtenAt, turn)),
    ...part("first writes to sse event", (turn, at) => performance.timeOrigin + turn.firstTextAt - Number(at.writtenAt)),
    ...part("sse open", (turn) => turn.sseOpenMs),
  ];
}
