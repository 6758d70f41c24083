import "server-only";
// Tells this process's open streams that a turn changed. One LISTEN connection per process hears every
// turn's NOTIFY (sent by whichever process wrote the change) and wakes the streams following that turn;
// they then read the turn from the database, so a missed or repeated notification costs nothing but a
// read. After a lost connection every stream is woken once, for what it may have missed.
import pg from "pg";
import { env } from "@/lib/env";
import { TURN_CHANNEL } from "@/lib/data/conversation-samples";

type Listener = () => void;

/** ready: the LISTEN is in place (read the turn after it, so no change falls between); unsubscribe when done. */
export type Subscription = { ready: Promise<void>; unsubscribe: () => void };

const RECONNECT_MS = 1000;

class TurnEvents {
  private readonly listeners = new Map<string, Set<Listener>>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;

  subscribe(turnId: string, listener: Listener): Subscription {
    let set = this.listeners.get(turnId);
    if (!set) this.listeners.set(turnId, (set = new Set()));
    set.add(listener);
    return {
      ready: this.ensureConnected(),
      unsubscribe: () => {
        set.delete(listener);
        if (set.size === 0) this.listeners.delete(turnId);
      },
    };
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect() {
    const client = new pg.Client({ connectionString: env().DATABASE_URL });
    client.on("notification", (message) => this.wake(message.payload ?? ""));
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, new Error("connection ended")));
    try {
      await client.connect();
      await client.query(`LISTEN ${TURN_CHANNEL}`);
      this.client = client;
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: pg.Client, error: Error) {
    if (this.client && this.client !== client) return;
    if (this.client === client) console.warn(`[models] the turn notification connection was lost (${error.message}); reconnecting`);
    this.client = null;
    client.end().catch(() => undefined); // it is already broken; ending it only frees the socket
    for (const set of this.listeners.values()) for (const listener of set) listener();
    if (this.listeners.size > 0) setTimeout(() => void this.ensureConnected(), RECONNECT_MS).unref();
  }

  wake(turnId: string) {
    for (const listener of this.listeners.get(turnId) ?? []) listener();
  }
}

const globalForEvents = globalThis as unknown as { preflabTurnEvents?: TurnEvents };

/** Calls onChange whenever the turn may have changed. */
export function subscribeToTurn(turnId: string, onChange: Listener): Subscription {
  globalForEvents.preflabTurnEvents ??= new TurnEvents();
  return globalForEvents.preflabTurnEvents.subscribe(turnId, onChange);
}

/**
 * Wakes this process's streams of the turn at once, without the round trip through PostgreSQL: the
 * process that writes a sample's text usually serves the worker's stream too. Other processes hear of
 * it through NOTIFY.
 */
export function wakeLocalStreams(turnId: string): void {
  globalForEvents.preflabTurnEvents?.wake(turnId);
}
