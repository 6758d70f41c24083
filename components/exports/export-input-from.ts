function numberOrUndefined(value: FormDataEntryValue | null): number | undefined {
  return value === null || value === "" ? undefined : Number(value);
}

/** The export form's fields as the export action takes them; the server checks them again. */
export function exportInputFrom(form: FormData, projects: string[]) {
  return {
    format: form.get("format"),
    fileType: form.get("fileType"),
    projects,
    batches: form.getAll("batches"),
    from: form.get("from") || undefined,
    to: form.get("to") || undefined,
    // A disabled field (an option the format does not take) is not in the form data: its default applies.
    aggregation: form.get("aggregation") ?? undefined,
    strengthPolicy: form.get("strengthPolicy") ?? undefined,
    excludeBlockedAnnotators: form.get("excludeBlocked") === "on",
    includeChecks: form.get("includeChecks") === "on",
    minAgreement: numberOrUndefined(form.get("minAgreement")),
    testFraction: numberOrUndefined(form.get("testFraction")) ?? 0,
    releaseGate: form.get("releaseGate") === "on",
  };
}
