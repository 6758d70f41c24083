// Published worked examples the agreement measures are tested against.

/** Fleiss (1971): 10 subjects, 14 raters, 5 categories; counts[subject][category]. Kappa 0.210. */
export const FLEISS_1971_COUNTS = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

/**
 * Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011): four coders, twelve units, values 1-5,
 * null where a coder did not code the unit. Alpha 0.743 nominal, 0.815 ordinal, 0.849 interval.
 */
export const KRIPPENDORFF_2011_CODERS: (number | null)[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];

/** The coders' values unit by unit, missing ones left out. */
export const KRIPPENDORFF_2011_UNITS: number[][] = KRIPPENDORFF_2011_CODERS[0].map((_, unit) =>
  KRIPPENDORFF_2011_CODERS.map((coder) => coder[unit]).filter((value): value is number => value !== null),
);
