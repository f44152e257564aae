// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { API_URL_PLACEHOLDER, normaliseApiUrl, readInjectedApiUrl, resolveApiUrl } from '../../client/src/components/api-url-setting.ts';
import '../../client/src/components/api-url-form.ts';
import type { ApiUrlForm } from '../../client/src/components/api-url-form.ts';
import { setLang } from '../../client/src/i18n/locale.ts';
import { $, clear, mount, settle, textOf } from './ui-helpers.ts';

const GOOGLE = 'https://script.google.com/macros/s/AKfy/exec';
const base = { injected: null, stored: null, built: '' };

describe('where the web app is', () => {
  it('the local runtime: the build\'s same-origin /exec', () => {
    expect(resolveApiUrl({ ...base, pageUrl: 'http://127.0.0.1:8080/', built: '/exec' })).toEqual({ url: 'http://127.0.0.1:8080/exec', origin: 'build' });
  });

  it('?api= wins over everything, then what doGet wrote, then the saved choice, then the build', () => {
    const all = { pageUrl: `https://host.example/wtt/?api=${encodeURIComponent(GOOGLE)}`, injected: 'https://a.example/exec', stored: 'https://b.example/exec', built: 'https://c.example/exec' };
    expect(resolveApiUrl(all)).toEqual({ url: GOOGLE, origin: 'query' });
    expect(resolveApiUrl({ ...all, pageUrl: 'https://host.example/wtt/' })?.origin).toBe('server');
    expect(resolveApiUrl({ ...all, pageUrl: 'https://host.example/wtt/', injected: API_URL_PLACEHOLDER })?.url).toBe('https://b.example/exec');
    expect(resolveApiUrl({ ...all, pageUrl: 'https://host.example/wtt/', injected: null, stored: null })?.url).toBe('https://c.example/exec');
  });

  it('the inlined page on the local runtime, served at /exec, talks to its own address', () => {
    expect(resolveApiUrl({ ...base, pageUrl: 'http://127.0.0.1:8080/exec?x=1', injected: API_URL_PLACEHOLDER })).toEqual({ url: 'http://127.0.0.1:8080/exec', origin: 'self' });
  });

  it('nothing known (a static build without WTT_API_URL, or doGet that wrote nothing): the page asks', () => {
    expect(resolveApiUrl({ ...base, pageUrl: 'https://n-abc-script.googleusercontent.com/userCodeAppPanel', injected: API_URL_PLACEHOLDER })).toBeNull();
    expect(resolveApiUrl({ ...base, pageUrl: 'https://static.example/' })).toBeNull();
  });

  it('only absolute http(s) addresses are taken', () => {
    expect(normaliseApiUrl('javascript:alert(1)', 'https://x.example/')).toBeNull();
    expect(normaliseApiUrl('  ', 'https://x.example/')).toBeNull();
    expect(normaliseApiUrl(`${GOOGLE}#frag`, 'https://x.example/')).toBe(GOOGLE);
  });

  it('reads the address doGet wrote into the page', () => {
    document.head.innerHTML = `<meta name="wtt-api-url" content="${GOOGLE}">`;
    expect(readInjectedApiUrl(document)).toBe(GOOGLE);
    document.head.innerHTML = '';
    expect(readInjectedApiUrl(document)).toBeNull();
  });
});

describe('the address field', () => {
  afterEach(() => clear());

  it('refuses what is not an address and reports a good one', async () => {
    setLang('en');
    const form = await mount<ApiUrlForm>('wtt-api-url-form');
    const seen: string[] = [];
    form.addEventListener('wtt-api-url', (e) => seen.push(e.detail.url));
    const input = $<HTMLInputElement>(form, 'input#api-url');
    expect(textOf($(form, 'label[for="api-url"]'))).toBe('Web-app URL');
    input.value = 'script.google.com';
    $<HTMLButtonElement>(form, 'button').click();
    await settle();
    expect(seen).toEqual([]);
    expect(textOf($(form, '#api-url-error'))).toContain('https://');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    input.value = ` ${GOOGLE} `;
    $<HTMLButtonElement>(form, 'button').click();
    await settle();
    expect(seen).toEqual([GOOGLE]);
  });
});
