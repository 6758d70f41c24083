// What an export counts as it goes, for its progress and its manifest: what was read, written and left
// out, and the pseudonyms it gave workers.
import type { ExportOptions } from "@/lib/exports/export-options";
import type { Column, FormatContext } from "@/lib/exports/formats/format";
import type { ExportQuality, ReleaseGate } from "@/lib/exports/export-quality";
import { LeftOut } from "@/lib/exports/left-out";
import { PREFLAB_VERSION, sortedCounts, type ExportManifest } from "@/lib/exports/manifest";
import type { Split } from "@/lib/exports/writers/row-writer";

export type ExportProgress = { judgmentsRead: number; rows: number };

export class ExportTally {
  readonly leftOut = new LeftOut();
  readonly context: FormatContext;
  private readonly pseudonyms = new Map<string, string>();
  private readonly met = new Set<string>();
  private items = 0;
  private judgmentsRead = 0;
  private conversationsRead = 0;
  private rows = 0;
  private readonly rowsBySplit = { train: 0, test: 0 };
  private releaseGate?: ReleaseGate;

  constructor(
    private readonly options: ExportOptions,
    private readonly columns: Column[],
  ) {
    this.context = {
      options,
      leftOut: this.leftOut,
      annotator: (workerId) => {
        this.met.add(workerId);
        return this.pseudonym(workerId);
      },
    };
  }

  /** annotator-0001 for the first worker numbered, and so on; the count is of workers behind written rows. */
  private pseudonym(workerId: string): string {
    if (!this.pseudonyms.has(workerId)) this.pseudonyms.set(workerId, `annotator-${String(this.pseudonyms.size + 1).padStart(4, "0")}`);
    return this.pseudonyms.get(workerId)!;
  }

  /** The quality figures read in the export's snapshot: the gate goes in the manifest, annotators' figures in rows. */
  useQuality({ releaseGate, annotators }: ExportQuality) {
    this.releaseGate = releaseGate;
    if (annotators) this.context.annotatorQuality = (project, workerId) => annotators.get(project)?.get(workerId) ?? null;
  }

  /** Numbers these workers first, in this order, before any row is made. */
  numberWorkers(workerIds: string[]) {
    for (const workerId of workerIds) this.pseudonym(workerId);
  }

  readItems(items: number, judgments: number) {
    this.items += items;
    this.judgmentsRead += judgments;
  }

  readConversation() {
    this.conversationsRead++;
  }

  wroteRow(split: Split) {
    this.rows++;
    this.rowsBySplit[split]++;
  }

  progress(): ExportProgress {
    return { judgmentsRead: this.judgmentsRead, rows: this.rows };
  }

  describe(): Omit<ExportManifest, "file"> {
    const { leftOut } = this;
    return {
      preflab: PREFLAB_VERSION,
      format: this.options.format,
      fileType: this.options.fileType,
      options: this.options,
      schema: this.columns,
      counts: {
        items: this.items,
        annotators: this.met.size,
        judgmentsRead: this.judgmentsRead,
        judgmentsIncluded: this.judgmentsRead - leftOut.judgmentTotal(),
        judgmentsLeftOut: sortedCounts(leftOut.judgments),
        rows: this.rows,
        rowsBySplit: { ...this.rowsBySplit },
        rowsLeftOut: sortedCounts(leftOut.rows),
        ...(this.options.format === "conversations"
          ? {
              conversations: {
                read: this.conversationsRead,
                included: this.conversationsRead - leftOut.conversationTotal(),
                leftOut: sortedCounts(leftOut.conversations),
                turnsLeftOut: sortedCounts(leftOut.turns),
              },
            }
          : {}),
      },
      ...(this.releaseGate ? { releaseGate: this.releaseGate } : {}),
    };
  }
}
