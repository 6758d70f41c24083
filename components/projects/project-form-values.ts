import type { FlagOption } from "@/lib/judgment-scales";

export type ProjectFormValues = {
  name: string;
  instructions: string;
  question: string;
  polarity: "HELPFUL" | "HARMLESS" | "RED_TEAM" | "CUSTOM";
  judgmentKind: "PAIRWISE" | "RANKING" | "DIALOGUE";
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
  endpointIds: string[];
  samplesPerTurn: number;
  minTurns: number;
  maxTurns: number;
  pairingRule: "SAME_MODEL" | "RANDOM_MODELS" | "BALANCED" | "ADAPTIVE";
  redTeam: boolean;
  goldRate: number;
  goldMinAnswers: number;
  goldThreshold: number;
  qualificationPassMark: number | null;
  overlapMax: number | null;
  overlapDisagreement: number;
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
  endpointIds: [],
  samplesPerTurn: 2,
  minTurns: 1,
  maxTurns: 5,
  pairingRule: "RANDOM_MODELS",
  redTeam: false,
  goldRate: 0,
  goldMinAnswers: 10,
  goldThreshold: 0.7,
  qualificationPassMark: null,
  overlapMax: null,
  overlapDisagreement: 0.3,
};

export const POLARITY_LABELS: Record<ProjectFormValues["polarity"], string> = {
  HELPFUL: "Helpful: the pick is chosen",
  HARMLESS: "Harmless: workers pick the safer response; the pick is chosen",
  RED_TEAM: "Red team: workers pick the more harmful; the other one is chosen",
  CUSTOM: "Custom: the pick is chosen",
};

/** What the question and polarity fields hold; red-team presets set both at once. */
export type Framing = Pick<ProjectFormValues, "question" | "polarity">;

/** A project's kind as staff read it in lists and headers. */
export const JUDGMENT_KIND_NAMES: Record<ProjectFormValues["judgmentKind"], string> = {
  PAIRWISE: "pairwise",
  RANKING: "ranking",
  DIALOGUE: "live conversations",
};
