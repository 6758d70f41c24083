// One-line notes a redirect can carry to the next page (?note=...), about the task just left.
export const TASK_NOTES = {
  "answered-elsewhere": "The last task had already been answered (in another tab, or by an earlier try): the first answer was kept.",
} as const;

export type TaskNote = keyof typeof TASK_NOTES;

export function taskNote(value: string | undefined): string | undefined {
  return value && value in TASK_NOTES ? TASK_NOTES[value as TaskNote] : undefined;
}
