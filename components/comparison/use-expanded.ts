"use client";

import { useState } from "react";

/** Which long responses are shown in full; all of them open or close together with X. */
export function useExpanded(labels: string[]) {
  const [expanded, setExpanded] = useState<string[]>([]);
  return {
    isExpanded: (label: string) => expanded.includes(label),
    toggle: (label: string) => setExpanded((current) => (current.includes(label) ? current.filter((l) => l !== label) : [...current, label])),
    toggleAll: () => setExpanded((current) => (current.length > 0 ? [] : labels)),
  };
}
