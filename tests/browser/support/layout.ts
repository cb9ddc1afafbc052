import type { Locator, Page } from 'playwright-core';

/**
 * How far the page reaches past the screen's width, sideways: 0 or less when
 * nothing is wider. Measured against the screen, not `innerWidth`: a phone
 * widens its layout viewport to the content, so `innerWidth` grows with it.
 */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - screen.width);
}

/**
 * Why an element is not wholly on screen, or null when it is: it pokes out of
 * the viewport or out of an ancestor that clips (a scroller, overflow: hidden),
 * or its own content is cut (its text wider than its box). A control further
 * down a long list is first scrolled to, as a person would: only sideways is
 * the screen's edge a fault.
 */
export function clipping(element: Locator): Promise<string | null> {
  return element.evaluate((node) => {
    const below = node.getBoundingClientRect();
    if (below.top < 0 || below.bottom > window.innerHeight) window.scrollBy(0, below.top - window.innerHeight / 2);
    const box = node.getBoundingClientRect();
    const inside = (outer: { left: number; right: number; top: number; bottom: number }) =>
      box.left >= outer.left - 0.5 && box.right <= outer.right + 0.5 && box.top >= outer.top - 0.5 && box.bottom <= outer.bottom + 0.5;
    if (box.width === 0 || box.height === 0) return 'it is not shown';
    if (!inside({ left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight })) return 'it pokes out of the screen';
    for (let parent = node.parentElement; parent; parent = parent.parentElement) {
      const { overflowX, overflowY } = getComputedStyle(parent);
      if ((overflowX !== 'visible' || overflowY !== 'visible') && !inside(parent.getBoundingClientRect())) return `it is cut off by .${parent.className}`;
    }
    if (node.scrollWidth > node.clientWidth) return `its content is ${node.scrollWidth - node.clientWidth} px wider than its box`;
    return null;
  });
}
