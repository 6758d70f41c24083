"use client";

import { useEffect } from "react";

/**
 * Marks the document once React has hydrated it: until then a click on a client-side control does
 * nothing, or submits a form natively. Scripted visitors (the end-to-end specs) wait for the mark.
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
