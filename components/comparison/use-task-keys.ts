"use client";

import { useShortcuts } from "@/components/comparison/use-shortcuts";
import type { WorkspaceTask } from "@/components/comparison/workspace-task";
import { PAIRWISE_SCALES } from "@/lib/judgment-scales";

type Options = {
  project: WorkspaceTask["project"];
  locked: boolean;
  hasFlags: boolean;
  bothBad: boolean;
  choose: (strength: number) => void;
  trySubmit: () => void;
  setBothBad: (bothBad: boolean) => void;
  toggleDifferences: () => void;
  toggleExpanded: () => void;
  openDialog: (dialog: "help" | "instructions" | "skip") => void;
  extend: () => void;
};

/** The task page's keys, as taskShortcuts lists them for the worker. */
export function useTaskKeys({
  project,
  locked,
  hasFlags,
  bothBad,
  choose,
  trySubmit,
  setBothBad,
  toggleDifferences,
  toggleExpanded,
  openDialog,
  extend,
}: Options) {
  useShortcuts((event) => {
    const key = event.key.toLowerCase();
    const levels = PAIRWISE_SCALES[project.pairwiseScale];
    const digit = Number(event.key);
    if (project.judgmentKind === "PAIRWISE" && !event.altKey && digit >= 1 && digit <= levels.length) {
      if (!locked) choose(levels[digit - 1].strength);
    } else if (event.key === "Enter") {
      if (event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement || event.target instanceof HTMLLIElement) return false;
      trySubmit();
    } else if (key === "b" && project.allowBothBad) {
      if (!locked) setBothBad(!bothBad);
    } else if (key === "k" && project.judgmentKind === "RANKING")
      document.querySelector<HTMLElement>('[aria-label="Your ranking, best first"] li[tabindex="0"]')?.focus();
    else if (key === "f" && hasFlags) document.querySelector<HTMLInputElement>('[data-flags="A"] input')?.focus();
    else if (key === "r" && project.rationaleMode !== "OFF") document.getElementById("rationale")?.focus();
    else if (key === "d") toggleDifferences();
    else if (key === "x") toggleExpanded();
    else if (key === "i" && project.hasInstructions) openDialog("instructions");
    else if (key === "e") extend();
    else if (key === "s" && !locked) openDialog("skip");
    else if (event.key === "?") openDialog("help");
    else return false;
    return true;
  });
}
