// Helpers for the employee page's component tests (happy-dom): mount a component, wait until it and
// every component inside it have rendered, and look through shadow roots as a person sees the page.
import type { LitElement } from 'lit';

function isLit(node: Element): node is LitElement {
  return 'updateComplete' in node;
}

/** Every element under root (not root itself), through shadow roots, including root's own shadow root. */
function* shadowTree(root: ParentNode): Generator<Element> {
  if (root instanceof Element && root.shadowRoot) yield* shadowTree(root.shadowRoot);
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* shadowTree(el.shadowRoot);
  }
}

/** Waits until no component anywhere in the tree has an update pending. */
export async function settle(root: ParentNode = document.body): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const pending = [...shadowTree(root)].filter(isLit).map((el) => el.updateComplete);
    const results = await Promise.all(pending);
    await Promise.resolve();
    if (results.every(Boolean)) return;
  }
}

export async function mount<T extends HTMLElement>(tag: string, props: Partial<T> = {}): Promise<T> {
  const el = document.createElement(tag) as T;
  Object.assign(el, props);
  document.body.append(el);
  await settle();
  return el;
}

/**
 * Like querySelectorAll, but a space (descendant) also crosses shadow roots: 'wtt-sync-state button'
 * finds the buttons inside <wtt-sync-state>'s shadow root. (So no spaces inside attribute values.)
 */
export function $all<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  let scopes: ParentNode[] = [root];
  for (const part of selector.trim().split(/\s+/)) {
    const found = new Set<Element>();
    for (const scope of scopes) for (const el of shadowTree(scope)) if (el.matches(part)) found.add(el);
    scopes = [...found];
  }
  return scopes as unknown as T[];
}

export function $<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const found = $all<T>(root, selector)[0];
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

/** The text a person sees: text nodes through shadow roots, slots aside, spaces collapsed. */
export function textOf(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === 3) parts.push(n.textContent ?? '');
    if (n instanceof Element && (n.tagName === 'STYLE' || n.tagName === 'SCRIPT')) return;
    if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
    for (const c of n.childNodes) walk(c);
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The element that has the focus, looking into shadow roots. */
export function deepActiveElement(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

export function clear(): void {
  document.body.replaceChildren();
}
