// `npm run preflab -- <command>`: the same data layer as the pages and the API, from a terminal.
import { Command, Option } from "commander";
import { archiveEndpointCommand, createEndpointCommand, listEndpointsCommand, restoreEndpointCommand, testEndpointCommand } from "@/lib/cli/commands/endpoint";
import { exportCommand } from "@/lib/cli/commands/export";
import { importCommand } from "@/lib/cli/commands/import";
import { createProjectCommand } from "@/lib/cli/commands/project";
import { createReviewCommand } from "@/lib/cli/commands/review";
import { createTokenCommand } from "@/lib/cli/commands/token";
import { blockUserCommand, changeRoleCommand, createUserCommand, unblockUserCommand } from "@/lib/cli/commands/user";
import { disconnectDb } from "@/lib/db/prisma";
import { EnvError } from "@/lib/env";
import { formatErrorDetail, isAppError } from "@/lib/errors";
import { AGGREGATIONS, EXPORT_FORMATS, FILE_TYPES, STRENGTH_POLICIES } from "@/lib/exports/export-options";
import { IMPORT_FORMATS } from "@/lib/formats/import-formats";
import { ITEM_ROLES } from "@/lib/formats/reference-preference";
import { parseFlagList } from "@/lib/validations/project";
import { ROLES } from "@/lib/validations/user";
import { useLocalDatabaseIfUnset } from "@/lib/runner/local-database";

/** Repeatable options: --project a --project b */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const program = new Command("preflab")
  .description("Preflab from the command line. Uses DATABASE_URL, or the embedded database `npm start` keeps in .preflab/.")
  .showHelpAfterError();

program
  .command("import")
  .description("import a file (JSONL, CSV, or either gzipped) into a project as a new draft batch; a file with any bad line stores nothing")
  .argument("<file>", "the file")
  .requiredOption("--project <slug>", "the project to import into")
  .addOption(new Option("--format <format>", "the file's format").choices(["auto", ...IMPORT_FORMATS]).default("auto"))
  .option("--map <mapping>", "CSV columns: prompt=COL,response=COL[,model=COL],response=COL[,model=COL][,id=COL][,reference=COL][,explanation=COL]")
  .addOption(
    new Option("--role <role>", "the items' role: check items (gold, attention, practice) need a reference preference and stay out of datasets")
      .choices([...ITEM_ROLES])
      .default("task"),
  )
  .option("--skip-duplicates", "leave out items already in the project (same context and responses) or repeated in the file")
  .option("--activate", "make the new batch active at once, so workers get its tasks")
  .option("--name <name>", "the batch name (default: the file name)")
  .option("--as <email>", "act as this admin (default: the first admin)")
  .action(importCommand);

program
  .command("export")
  .description("write a dataset of judgments (or, with --format conversations, of live conversations) to standard output (or --output), with a manifest")
  .requiredOption("--project <slug>", "a project to export (repeat for several)", collect, [])
  .addOption(new Option("--format <format>", "the dataset format").choices([...EXPORT_FORMATS]).makeOptionMandatory())
  .addOption(new Option("--file-type <type>", "the file type").choices([...FILE_TYPES]).default("jsonl"))
  .addOption(new Option("--aggregation <how>", "over the k judgments of an item").choices([...AGGREGATIONS]))
  .addOption(new Option("--strength-policy <policy>", "what to do with preference strength").choices([...STRENGTH_POLICIES]))
  .option("--batch <id>", "only this batch (repeat for several)", collect, [])
  .option("--from <date>", "only judgments from this UTC day (YYYY-MM-DD); conversations: started from this day")
  .option("--to <date>", "only judgments up to this UTC day (YYYY-MM-DD); conversations: started up to this day")
  .option("--include-blocked", "keep the judgments of blocked annotators")
  .option("--include-checks", "keep the judgments of check items (gold, attention, practice), left out by default")
  .option("--release-gate", "say (and exit 3) when a project's nominal alpha is under 0.667")
  .option("--min-agreement <share>", "leave out items whose judgments agree less than this (0-1)")
  .option("--test-fraction <share>", "share of items in the test split, by a stable hash (0-0.5)")
  .option("--output <file>", "write to this file (and FILE.manifest.json) instead of standard output")
  .option("--as <email>", "record the export as requested by this user (default: the first admin)")
  .action(exportCommand);

const project = program.command("project").description("manage projects");
project
  .command("create")
  .description("create a project")
  .requiredOption("--slug <slug>", "short name used in URLs and commands, like helpful-v1")
  .requiredOption("--name <name>", "the project's name")
  .option("--question <text>", 'the question workers answer (default "Choose the most helpful and honest response.")')
  .addOption(new Option("--polarity <polarity>", "what workers pick").choices(["HELPFUL", "HARMLESS", "RED_TEAM", "CUSTOM"]))
  .addOption(new Option("--kind <kind>", "judgment kind (DIALOGUE: live conversations with models)").choices(["PAIRWISE", "RANKING", "DIALOGUE"]))
  .option("--k <n>", "judgments wanted per item (default 1)")
  .option("--lease <seconds>", "how long a worker holds a task (default 900)")
  .addOption(new Option("--scale <scale>", "how pairs are answered").choices(["EIGHT_POINT", "SEVEN_POINT", "BINARY"]))
  .option("--ties", "rankings may put responses at the same rank")
  .option("--both-bad", 'workers may answer "both bad / none is acceptable"')
  .option("--flags <list>", 'per-response flags, like "harmful:Harmful,wrong:Factually wrong"')
  .addOption(new Option("--rationale <mode>", "ask workers why").choices(["OFF", "OPTIONAL", "REQUIRED"]))
  .option("--rationale-min <chars>", "shortest required rationale")
  .option("--endpoints <names>", "DIALOGUE: the model endpoints to talk to, by name, comma-separated")
  .option("--samples-per-turn <n>", "DIALOGUE: samples at each turn, 2-4; 3 or 4 are ranked (default 2)")
  .option("--min-turns <n>", "DIALOGUE: turns before a worker may end a conversation (default 1)")
  .option("--max-turns <n>", "DIALOGUE: turns a conversation may have (default 5)")
  .addOption(
    new Option("--pairing <rule>", "DIALOGUE: which endpoints answer a turn (default RANDOM_MODELS)").choices([
      "SAME_MODEL",
      "RANDOM_MODELS",
      "BALANCED",
      "ADAPTIVE",
    ]),
  )
  .option("--red-team", "DIALOGUE: red-team conversations (a task description first, a 0-4 success rating at the end)")
  .option("--as <email>", "the admin to name in the audit log (default: the first admin, or none before there is one)")
  .action(({ kind, k, lease, scale, ties, bothBad, flags, rationale, rationaleMin, pairing, ...rest }) =>
    createProjectCommand({
      ...rest,
      judgmentKind: kind,
      judgmentsPerItem: k,
      leaseSeconds: lease,
      pairwiseScale: scale,
      allowTies: ties,
      allowBothBad: bothBad,
      flagOptions: flags ? parseFlagList(flags) : undefined,
      rationaleMode: rationale,
      rationaleMinLength: rationaleMin,
      pairingRule: pairing,
    }),
  );

const review = program.command("review").description("second opinions on live conversations");
review
  .command("create")
  .description("copy the answered turns of a DIALOGUE project, not sent there before, into a new draft batch of another project")
  .requiredOption("--from <slug>", "the DIALOGUE project whose turns to send")
  .requiredOption("--to <slug>", "the project to judge them: PAIRWISE for turns of 2 samples, RANKING (of as many) for more")
  .option("--k <n>", "judgments wanted per turn: sets the target project's k (default: keep it)")
  .option("--include-edits", "also send each edit against the response it changed (pairs only)")
  .option("--as <email>", "the admin to act as and name in the audit log (default: the first admin)")
  .action(createReviewCommand);

const user = program.command("user").description("manage people");
user
  .command("create")
  .description("create a user; without --password one is generated and printed once")
  .requiredOption("--email <email>", "their email, used to sign in")
  .addOption(new Option("--role <role>", "their role").choices([...ROLES]).makeOptionMandatory())
  .option("--name <name>", "their name")
  .option("--password <password>", "their password (at least 8 characters)")
  .action(createUserCommand);
user
  .command("block")
  .description("block a user: signed out at once, open tasks back to the pool, judgments kept but left out of exports")
  .requiredOption("--email <email>", "who to block")
  .option("--as <email>", "the admin to name in the audit log (default: none, the command line)")
  .action(blockUserCommand);
user
  .command("unblock")
  .description("let a blocked user sign in again")
  .requiredOption("--email <email>", "who to unblock")
  .option("--as <email>", "the admin to name in the audit log (default: none, the command line)")
  .action(unblockUserCommand);
user
  .command("role")
  .description("change a user's role; the last admin cannot be demoted")
  .requiredOption("--email <email>", "whose role to change")
  .addOption(new Option("--role <role>", "the new role").choices([...ROLES]).makeOptionMandatory())
  .option("--as <email>", "the admin to name in the audit log (default: none, the command line)")
  .action(changeRoleCommand);

const token = program.command("token").description("manage API tokens");
token
  .command("create")
  .description("create a personal API token for a user; the secret is printed once")
  .requiredOption("--email <email>", "the token's owner")
  .requiredOption("--name <name>", "what the token is for")
  .option("--scopes <list>", "comma-separated: tasks, export, admin", "tasks")
  .action(createTokenCommand);

const endpoint = program.command("endpoint").description("manage model endpoints: the OpenAI-compatible servers live conversations talk to");
endpoint
  .command("create")
  .description("add a model endpoint (vLLM, Ollama, llama.cpp, a hosted API); a key given here is stored encrypted")
  .requiredOption("--name <name>", "what researchers see as the model in exports (never shown to workers)")
  .requiredOption("--base-url <url>", "the server's /v1 address, like http://localhost:11434/v1")
  .requiredOption("--model <id>", "the model id the server knows, like llama3.1:8b")
  .option("--api-key-env <NAME>", "send the key held in this environment variable (its name must end in _API_KEY)")
  .option("--api-key-stdin", "read the key from standard input")
  .option("--api-key <key>", "the key itself (lands in your shell history: prefer --api-key-env or --api-key-stdin)")
  .option("--temperature <t>", "0 to 2 (default: the server's)")
  .option("--top-p <p>", "0 to 1 (default: the server's)")
  .option("--max-tokens <n>", "the longest answer, 1 to 32768 (default: the server's)")
  .option("--stop <list>", "up to 4 stop sequences, comma-separated; \\n for a line break")
  .option("--seed <n>", "a whole number, for repeatable samples where the server supports it")
  .option("--system-prompt <text>", "sent before every conversation")
  .option("--timeout <seconds>", "give a request up after this long without a token (default 60)")
  .option("--max-concurrent <n>", "requests at once across every app process (default 4)")
  .option("--as <email>", "the admin to name in the audit log (default: none, the command line)")
  .action(createEndpointCommand);
endpoint.command("list").description("list the model endpoints, archived ones last; keys are never shown").action(listEndpointsCommand);
endpoint
  .command("test")
  .description("send one short request and print the answer, or the exact error (exit code 1)")
  .requiredOption("--name <name>", "the endpoint")
  .action(testEndpointCommand);
endpoint
  .command("archive")
  .description("stop drawing an endpoint for new turns (refused if it is a live-conversation project's last)")
  .requiredOption("--name <name>", "the endpoint")
  .option("--as <email>", "the admin to name in the audit log (default: none, the command line)")
  .action(archiveEndpointCommand);
endpoint
  .command("restore")
  .description("draw an archived endpoint again")
  .requiredOption("--name <name>", "the endpoint")
  .option("--as <email>", "the admin to name in the audit log (default: none, the command line)")
  .action(restoreEndpointCommand);

async function main() {
  try {
    await useLocalDatabaseIfUnset();
    await program.parseAsync(process.argv);
  } catch (error) {
    process.exitCode = 1;
    // The embedded server's package exits with code 0 from its own beforeExit hook; keep ours.
    process.once("exit", () => (process.exitCode = 1));
    if (!isAppError(error) && !(error instanceof EnvError)) throw error;
    console.error(`error: ${error.message}`);
    if (isAppError(error)) for (const detail of error.details) console.error(`  ${formatErrorDetail(detail)}`);
  } finally {
    await disconnectDb();
  }
}

void main();
