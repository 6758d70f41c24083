import type { Shortcut } from "@/components/comparison/use-shortcuts";
import { PAIRWISE_SCALES, type PairwiseScaleName } from "@/lib/judgment-scales";

/** The keys of the task page, as the ? dialog lists them. */
export function taskShortcuts(options: {
  kind: "PAIRWISE" | "RANKING";
  scale: PairwiseScaleName;
  responses: number;
  instantSubmit: boolean;
  allowTies: boolean;
  allowBothBad: boolean;
  hasFlags: boolean;
  hasRationale: boolean;
}): Shortcut[] {
  const shortcuts: Shortcut[] = [];
  if (options.kind === "PAIRWISE") {
    const levels = PAIRWISE_SCALES[options.scale];
    shortcuts.push({
      keys: `1–${levels.length}`,
      description: `${levels.map((l) => l.label).join(" · ")}${options.instantSubmit ? " (answers at once)" : ""}`,
    });
  } else {
    shortcuts.push(
      { keys: "K", description: "Go to your ranking" },
      { keys: "↑ ↓", description: "Choose a response in the ranking" },
      { keys: "Alt+↑ Alt+↓", description: "Move the chosen response up or down" },
      { keys: `1–${options.responses}`, description: "Put the chosen response at that rank" },
    );
    if (options.allowTies) shortcuts.push({ keys: "T", description: "Tie the chosen response with the one above (again to untie)" });
  }
  if (options.allowBothBad) shortcuts.push({ keys: "B", description: "Both bad / none is acceptable (again to undo)" });
  if (options.hasFlags) shortcuts.push({ keys: "F", description: "Go to the flags of response A (Tab for the rest)" });
  if (options.hasRationale) shortcuts.push({ keys: "R", description: "Write why (Ctrl+Enter submits from there)" });
  if (!options.instantSubmit) shortcuts.push({ keys: "Enter", description: "Submit and take the next task" });
  shortcuts.push(
    { keys: "D", description: "Show or hide the differences between the responses" },
    { keys: "X", description: "Expand or collapse long responses" },
    { keys: "I", description: "Show the instructions" },
    { keys: "E", description: "Ask for more time" },
    { keys: "S", description: "Skip this task, with a reason" },
    { keys: "?", description: "This list" },
    { keys: "Esc", description: "Close a dialog" },
  );
  return shortcuts;
}
