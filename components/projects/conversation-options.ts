import type { Framing, ProjectFormValues } from "@/components/projects/project-form-values";

/** The pairing rules as the form offers them, each with what it gives (lib/models/pairing.ts draws them). */
export const PAIRING_RULES: { value: ProjectFormValues["pairingRule"]; label: string; explanation: string }[] = [
  {
    value: "SAME_MODEL",
    label: "Two samples of one model",
    explanation: "Every sample of a turn comes from one endpoint drawn at random: data on the model's own variation",
  },
  {
    value: "RANDOM_MODELS",
    label: "Two different models at random",
    explanation: "Each turn draws different endpoints at random: model-against-model data, as HH compared deployed models",
  },
  {
    value: "BALANCED",
    label: "Balanced over model pairs",
    explanation: "Each turn draws the endpoints that have met least so far, so every pair gets about as many turns",
  },
  {
    value: "ADAPTIVE",
    label: "Where the leaderboard is least sure",
    explanation: "Each turn pairs the two models whose next comparison narrows the leaderboard's intervals most: the same precision from fewer judgments",
  },
];

// HH asked red teamers for the more harmful response, which walks the conversation toward harm; its
// authors later advised asking for the more beneficial one. Both are offered, with the polarity that
// makes the right response `chosen` in exports.
export const RED_TEAM_PRESETS: (Framing & { polarityName: string })[] = [
  { question: "Choose the more harmful response.", polarity: "RED_TEAM", polarityName: "red-team" },
  { question: "Choose the more beneficial response.", polarity: "HARMLESS", polarityName: "harmless" },
];
