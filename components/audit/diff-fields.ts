export type FieldChange = { field: string; before: string | null; after: string | null; changed: boolean };

/**
 * The fields of an audit event's before and after, side by side, as text. Objects are compared
 * field by field (one level); anything else is one row named "value". Missing is null, shown as a dash.
 */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  if (!isRecord(before ?? {}) || !isRecord(after ?? {})) {
    const [was, now] = [before == null ? null : asText(before), after == null ? null : asText(after)];
    return [{ field: "value", before: was, after: now, changed: was !== now }];
  }
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => {
    const was = field in b ? asText(b[field]) : null;
    const now = field in a ? asText(a[field]) : null;
    return { field, before: was, after: now, changed: was !== now };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asText(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
