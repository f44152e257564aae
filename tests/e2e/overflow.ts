// What "fits the screen" means for the narrow-screen test, checked in the page itself: no horizontal
// scroll, no element reaching past the viewport's left or right edge, and no element whose content is
// wider than its own box (a label sticking out of its button by 2 px, a field out of its card), through
// every shadow root. Elements of 1 px or less are the visually hidden texts for screen readers.
import type { Page } from 'playwright-core';

// A string, not a function: the test runner's transform would add helpers the page does not have.
const FIND_OVERFLOW = `(() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px wide');
  const describe = (el, path) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const text = (el.textContent || el.value || '').replace(/\\s+/g, ' ').trim().slice(0, 50);
    return path + ' > ' + el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls + (text ? ' "' + text + '"' : '');
  };
  const walk = (root, path) => {
    for (const el of root.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      const name = () => describe(el, path);
      if (r.width > 1 && r.height > 1) {
        if (r.left < -0.5 || r.right > width + 0.5) problems.push(name() + ' spans ' + r.left.toFixed(1) + '..' + r.right.toFixed(1) + ' px');
        if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth) problems.push(name() + ' holds ' + el.scrollWidth + ' px in ' + el.clientWidth + ' px');
      }
      if (el.shadowRoot) walk(el.shadowRoot, path + ' > ' + el.tagName.toLowerCase());
    }
  };
  walk(document, '');
  return problems;
})()`;

/** Every overflow on the page as it is laid out now; [] when everything fits. */
export async function overflowsOf(page: Page): Promise<string[]> {
  return page.evaluate(FIND_OVERFLOW) as Promise<string[]>;
}
