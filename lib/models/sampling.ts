// An endpoint's sampling settings, as stored and as fixed on each sample (client-safe: the models page
// describes them too).
export type EndpointSampling = {
  temperature: number | null;
  topP: number | null;
  maxTokens: number | null;
  stop: string[];
  seed: number | null;
  systemPrompt: string | null;
};
