// Checks that a page fits the phone it is shown on: nothing makes it scroll sideways.
import { expect, type Page } from "@playwright/test";

type Offender = { selector: string; text: string; left: number; right: number; width: number };
type Measurement = { scrollWidth: number; innerWidth: number; clientWidth: number; widest: Offender | null };

/**
 * Runs in the page. Finds the element reaching furthest past the left or right edge of the layout
 * viewport, counting only what is visible: a part clipped by a scrolling or overflow-hidden ancestor
 * (a code block that scrolls in its own box) does not count.
 */
function measureOverflow(): Measurement {
  const viewport = document.documentElement.clientWidth;
  const clips = new Map<Element, { left: number; right: number }>();
  const clipOf = (element: Element): { left: number; right: number } => {
    const known = clips.get(element);
    if (known) return known;
    const parent = element.parentElement;
    let clip = parent && parent !== document.documentElement ? clipOf(parent) : { left: -Infinity, right: Infinity };
    if (parent && parent !== document.body && parent !== document.documentElement && getComputedStyle(parent).overflowX !== "visible") {
      const box = parent.getBoundingClientRect();
      clip = { left: Math.max(clip.left, box.left), right: Math.min(clip.right, box.right) };
    }
    clips.set(element, clip);
    return clip;
  };
  const describe = (element: Element) => {
    const parts: string[] = [];
    for (let node: Element | null = element; node && node !== document.body && parts.length < 4; node = node.parentElement) {
      const label = node.getAttribute("aria-label");
      const classes = [...node.classList].slice(0, 4).map((name) => `.${CSS.escape(name)}`);
      parts.unshift(`${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ""}${classes.join("")}${label ? `[aria-label="${label}"]` : ""}`);
    }
    return parts.join(" > ");
  };
  let widest: Offender | null = null;
  let widestExcess = 0.5;
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const clip = clipOf(element);
    const left = Math.max(box.left, clip.left) + window.scrollX;
    const right = Math.min(box.right, clip.right) + window.scrollX;
    if (right <= left) continue;
    const excess = Math.max(right - viewport, -left);
    if (excess > widestExcess) {
      widestExcess = excess;
      const text = (element.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 80);
      widest = { selector: describe(element), text, left: Math.round(left), right: Math.round(right), width: Math.round(box.width) };
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, clientWidth: viewport, widest };
}

/**
 * Asserts the page does not scroll sideways at its viewport's width: the document is no wider than
 * the window, and no visible element sticks out past either edge (the failure names the one that sticks
 * out most). The width checked against is also the one the test set: a phone that zooms out to fit an
 * overflowing page reports a wider window, which would hide the overflow.
 */
export async function expectNoSidewaysScroll(page: Page, where = new URL(page.url()).pathname) {
  const set = page.viewportSize()?.width ?? Infinity;
  const measured = await page.evaluate(measureOverflow);
  const width = Math.min(set, measured.innerWidth, measured.clientWidth);
  const { widest } = measured;
  const culprit = widest
    ? `widest: ${widest.selector} (${widest.width} px wide, from ${widest.left} to ${widest.right}) "${widest.text}"`
    : "no single element sticks out";
  expect(measured.scrollWidth, `${where} is ${measured.scrollWidth} px wide at ${width} px; ${culprit}`).toBeLessThanOrEqual(width);
  expect(widest, `${where} has an element past the edge of a ${width} px screen; ${culprit}`).toBeNull();
}
