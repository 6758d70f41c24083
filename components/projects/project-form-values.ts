import type { FlagOption } from "@/lib/judgment-scales";

export type ProjectFormValues = {
  name: string;
  instructions: string;
  question: string;
  polarity: "HELPFUL" | "HARMLESS" | "RED_TEAM" | "CUSTOM";
  judgmentKind: "PAIRWISE" | "RANKING";
  judgmentsPerItem: number;
  leaseSeconds: number;
  maxOpenLeases: number;
  dailyCap: number | null;
  pairwiseScale: "EIGHT_POINT" | "SEVEN_POINT" | "BINARY";
  allowTies: boolean;
  allowBothBad: boolean;
  flagOptions: FlagOption[];
  rationaleMode: "OFF" | "OPTIONAL" | "REQUIRED";
  rationaleMinLength: number;
  groupIds: string[];
};

// The schema's defaults (prisma/schema.prisma), shown in a new project's form.
export const PROJECT_DEFAULTS: ProjectFormValues = {
  name: "",
  instructions: "",
  question: "Choose the most helpful and honest response.",
  polarity: "HELPFUL",
  judgmentKind: "PAIRWISE",
  judgmentsPerItem: 1,
  leaseSeconds: 900,
  maxOpenLeases: 1,
  dailyCap: null,
  pairwiseScale: "EIGHT_POINT",
  allowTies: false,
  allowBothBad: false,
  flagOptions: [],
  rationaleMode: "OFF",
  rationaleMinLength: 0,
  groupIds: [],
};

export const POLARITY_LABELS: Record<ProjectFormValues["polarity"], string> = {
  HELPFUL: "Helpful: the pick is chosen",
  HARMLESS: "Harmless: workers pick the safer response; the pick is chosen",
  RED_TEAM: "Red team: workers pick the more harmful; the other one is chosen",
  CUSTOM: "Custom: the pick is chosen",
};
