// What an admin does on a console page in the component tests: types, chooses, clicks, and waits for the
// fake server's answer to be drawn.
import { $ } from '../client/ui-helpers.ts';
import { flush } from './fake-script-run.ts';

export function type(el: HTMLElement, selector: string, value: string): void {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, selector);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

export function choose(el: HTMLElement, selector: string, value: string): void {
  const select = $<HTMLSelectElement>(el, selector);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

export async function click(el: HTMLElement, selector: string): Promise<void> {
  $<HTMLElement>(el, selector).click();
  await flush();
}

export async function mountPage<T extends HTMLElement>(tag: string): Promise<T> {
  const el = document.createElement(tag) as T;
  document.body.append(el);
  await flush();
  return el;
}
