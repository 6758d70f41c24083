/** The class of the people page's small secondary buttons. */
export const smallButton = "rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 disabled:opacity-60";
