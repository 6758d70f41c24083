// Export options from a URL's query, for the streamed GET endpoint: ?format=trl&fileType=csv&...
// Lists are comma-separated; everything else is parsed by the options schema afterwards.

const LISTS = new Set(["projects", "batches"]);
const NUMBERS = new Set(["minAgreement", "testFraction"]);
const BOOLEANS = new Set(["excludeBlockedAnnotators", "includeChecks", "releaseGate"]);

export function optionsFromQuery(query: URLSearchParams, defaults: Record<string, unknown> = {}): Record<string, unknown> {
  const options: Record<string, unknown> = { ...defaults };
  for (const [key, value] of query) {
    if (LISTS.has(key))
      options[key] = [
        ...((options[key] as string[] | undefined) ?? []),
        ...value
          .split(",")
          .map((v) => v.trim())
          .filter(Boolean),
      ];
    else if (NUMBERS.has(key)) options[key] = value === "" ? undefined : Number(value);
    else if (BOOLEANS.has(key)) options[key] = value === "true" ? true : value === "false" ? false : value;
    else options[key] = value;
  }
  return options;
}
