// `npm run bench:dialogue`: N concurrent live conversations against the production build, with two
// model endpoints on the fake OpenAI-compatible server. For each turn it times the first token through
// the app (from the message's POST to the first `samples` event with text), then, in the same run,
// the same conversations call the fake server straight at the same concurrency. Prints both, the
// overhead, stream throughput, the server's peak memory and where a turn's first token spends its time.
import { parseArgs } from "node:util";
import pg from "pg";
import { createBenchDatabase, startAppServer, type AppServer } from "./bench-server";
import { appDriver, type AppTurn } from "./dialogue-app";
import { breakdownFigures, recordTurnEvents } from "./dialogue-breakdown";
import { startMachineMeter } from "./dialogue-machine";
import { directDriver } from "./dialogue-direct";
import { runConversations, throughput, type Phase, type TurnResult } from "./dialogue-load";
import { startFakeModelServer } from "./fake-model-server";
import { samplePeakMemory } from "./process-usage";
import { DIALOGUE_SLUG, seedDialogueBench } from "./seed-dialogue";
import { latencyFigures, percentile, printFigure } from "./stats";

const { values } = parseArgs({
  options: {
    conversations: { type: "string", default: "32" },
    turns: { type: "string", default: "4" },
    // About 150 pieces of 4 characters 15 ms apart: a turn streams for a little over 2 s.
    model: { type: "string", default: "ok:chunk=4,delay=15,length=600,first=40" },
  },
});
const CONVERSATIONS = Number(values.conversations);
const TURNS = Number(values.turns);
const STAGGER_MS = 2000;

function sortedTtft(phase: Phase<TurnResult>): number[] {
  return phase.turns.map((turn) => turn.ttftMs).sort((a, b) => a - b);
}

function report(app: Phase<AppTurn>, direct: Phase<TurnResult>, peakMemoryMb: number, breakdown: [string, number, string][]) {
  const appTtft = sortedTtft(app);
  const directTtft = sortedTtft(direct);
  printFigure("conversations", CONVERSATIONS);
  printFigure("turns measured", app.turns.length);
  for (const [name, value, unit] of [...latencyFigures("ttft app", appTtft), ...latencyFigures("ttft direct", directTtft)]) printFigure(name, value, unit);
  // Percentiles of two separate runs, not of paired turns: the direct turns are not the app's.
  printFigure("overhead p50", percentile(appTtft, 0.5) - percentile(directTtft, 0.5), "ms");
  printFigure("overhead p99", percentile(appTtft, 0.99) - percentile(directTtft, 0.99), "ms");
  const appRate = throughput(app);
  const directRate = throughput(direct);
  printFigure("stream throughput", appRate.summed, "chars/s");
  printFigure("stream throughput per stream", appRate.perStream, "chars/s");
  printFigure("stream throughput direct", directRate.summed, "chars/s");
  printFigure("stream throughput direct per stream", directRate.perStream, "chars/s");
  printFigure("peak memory", peakMemoryMb, "MB");
  for (const [name, value, unit] of breakdown) printFigure(name, value, unit);
  printFigure("app errors", app.errors);
  printFigure("direct errors", direct.errors);
}

async function main() {
  console.error(`[bench] ${CONVERSATIONS} conversations of ${TURNS} turns (and one to warm up), model ${values.model}`);
  const database = await createBenchDatabase("dialogue");
  const models = await startFakeModelServer();
  const client = new pg.Client({ connectionString: database.url });
  let app: AppServer | undefined;
  try {
    await client.connect();
    const seedOptions = { url: database.url, modelsBaseUrl: models.baseUrl, modelId: values.model!, conversations: CONVERSATIONS, turns: TURNS };
    const { workers, samples } = await seedDialogueBench(client, seedOptions);
    await recordTurnEvents(client);
    app = await startAppServer(database.url);
    const memory = samplePeakMemory(app.pid);
    const machine = await startMachineMeter(client, app);
    console.error("[bench] conversations through the app");
    const appPhase = await runConversations({
      conversations: CONVERSATIONS,
      turns: TURNS,
      staggerMs: STAGGER_MS,
      ...appDriver(app.baseUrl, DIALOGUE_SLUG, workers),
    });
    const peakMemoryMb = memory.stop();
    const machineFigures = await machine.stop();
    await app.stop();
    console.error("[bench] the same conversations straight to the model server");
    const directPhase = await runConversations({ conversations: CONVERSATIONS, turns: TURNS, staggerMs: STAGGER_MS, ...directDriver(models.baseUrl, samples) });
    report(appPhase, directPhase, peakMemoryMb, [...(await breakdownFigures(client, appPhase.turns)), ...machineFigures]);
  } finally {
    await app?.stop();
    await client.end();
    await models.stop();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
