// JSON text in the layout Python's json.dumps(ensure_ascii=False) writes: ", " and ": " separators.
// Published preference datasets (HH-RLHF among them) are written this way, so records Preflab
// exports compare byte for byte with the sources they came from.

export function toJsonText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${toJsonText(v)}`).join(", ")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function toJsonLine(value: unknown): string {
  return `${toJsonText(value)}\n`;
}
