/** The class of the export form's inputs and selects. */
export const exportFieldClass = "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5";
