// HtmlService facade: HTML outputs and templates. Template scriptlets run as a function compiled in the
// execution's realm (ctx.compileFunction), so they see the bundle's globals (an include() helper, say).
import fs from 'node:fs';
import path from 'node:path';
import type { FacadeContext } from '../runtime/contracts.ts';
import { EmuBlob } from './blob.ts';

export const XFrameOptionsMode = Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const);
export const SandboxMode = Object.freeze({ EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const);

/** reference/html/html-output#addMetaTag: "Only the following meta tags are allowed". */
export const ALLOWED_META_TAGS = ['apple-mobile-web-app-capable', 'google-site-verification', 'mobile-web-app-capable', 'viewport'];

export function noHtmlFileMessage(filename: string): string {
  return `No HTML file named ${filename} was found.`;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** What the web server needs to serve an HtmlOutput. */
export interface HtmlOutputPayload {
  content: string;
  title: string;
  faviconUrl: string | null;
  metaTags: { name: string; content: string }[];
  /** ALLOWALL lets any site frame the page (X-Frame-Options left out). */
  xFrameOptionsMode: keyof typeof XFrameOptionsMode;
  sandboxMode: keyof typeof SandboxMode;
  width: number;
  height: number;
}

type HtmlOutputApi = Pick<
  GoogleAppsScript.HTML.HtmlOutput,
  | 'setTitle'
  | 'getTitle'
  | 'getContent'
  | 'setContent'
  | 'append'
  | 'setWidth'
  | 'setHeight'
  | 'getWidth'
  | 'getHeight'
  | 'setXFrameOptionsMode'
  | 'addMetaTag'
  | 'setFaviconUrl'
  | 'setSandboxMode'
>;

type Out = GoogleAppsScript.HTML.HtmlOutput;

export class EmuHtmlOutput implements HtmlOutputApi {
  private readonly state: HtmlOutputPayload;

  constructor(
    private readonly ctx: FacadeContext,
    content: string,
  ) {
    this.state = {
      content,
      title: '',
      faviconUrl: null,
      metaTags: [],
      xFrameOptionsMode: 'DEFAULT',
      sandboxMode: 'IFRAME',
      // Initial dialog size until setWidth/setHeight (not documented; the emulator's choice).
      width: 600,
      height: 400,
    };
  }

  setTitle(title: string): Out {
    this.ctx.meter.count('HtmlOutput.setTitle');
    this.state.title = String(title);
    return this.self();
  }

  getTitle(): string {
    this.ctx.meter.count('HtmlOutput.getTitle');
    return this.state.title;
  }

  getContent(): string {
    this.ctx.meter.count('HtmlOutput.getContent');
    return this.state.content;
  }

  setContent(content: string): Out {
    this.ctx.meter.count('HtmlOutput.setContent');
    this.state.content = String(content);
    return this.self();
  }

  append(addedContent: string): Out {
    this.ctx.meter.count('HtmlOutput.append');
    this.state.content += String(addedContent);
    return this.self();
  }

  setWidth(width: number): Out {
    this.ctx.meter.count('HtmlOutput.setWidth');
    this.state.width = this.pixels(width);
    return this.self();
  }

  setHeight(height: number): Out {
    this.ctx.meter.count('HtmlOutput.setHeight');
    this.state.height = this.pixels(height);
    return this.self();
  }

  getWidth(): number {
    this.ctx.meter.count('HtmlOutput.getWidth');
    return this.state.width;
  }

  getHeight(): number {
    this.ctx.meter.count('HtmlOutput.getHeight');
    return this.state.height;
  }

  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): Out {
    const name = String(mode);
    if (!Object.hasOwn(XFrameOptionsMode, name)) this.ctx.fail('Invalid argument: mode');
    this.ctx.meter.count('HtmlOutput.setXFrameOptionsMode');
    this.state.xFrameOptionsMode = name as keyof typeof XFrameOptionsMode;
    return this.self();
  }

  addMetaTag(name: string, content: string): Out {
    const n = String(name);
    if (!ALLOWED_META_TAGS.includes(n)) this.ctx.fail(`Invalid argument: name (meta tag "${n}" is not allowed)`);
    this.ctx.meter.count('HtmlOutput.addMetaTag');
    this.state.metaTags.push({ name: n, content: String(content) });
    return this.self();
  }

  setFaviconUrl(iconUrl: string): Out {
    this.ctx.meter.count('HtmlOutput.setFaviconUrl');
    this.state.faviconUrl = String(iconUrl);
    return this.self();
  }

  /** reference/html/sandbox-mode: IFRAME is the only mode left; the others are ignored, as on Google. */
  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): Out {
    const name = String(mode);
    if (!Object.hasOwn(SandboxMode, name)) this.ctx.fail('Invalid argument: mode');
    this.ctx.meter.count('HtmlOutput.setSandboxMode');
    this.state.sandboxMode = name as keyof typeof SandboxMode;
    return this.self();
  }

  payload(): HtmlOutputPayload {
    return { ...this.state, metaTags: this.state.metaTags.map((t) => ({ ...t })) };
  }

  private pixels(v: unknown): number {
    const n = Number(v);
    if (!Number.isFinite(n)) this.ctx.fail(`Cannot convert '${String(v)}' to int.`);
    return Math.trunc(n);
  }

  private self(): Out {
    return this as unknown as Out;
  }
}

/** The server's side: the payload of an HtmlOutput a doGet returned, or null for anything else. */
export function htmlOutputPayload(value: unknown): HtmlOutputPayload | null {
  return value instanceof EmuHtmlOutput ? value.payload() : null;
}

// ---------------------------------------------------------------------------------------------------
// Templates: <? code ?>, <?= printed, HTML-escaped ?>, <?!= printed as is ?>

type Segment = { kind: 'text' | 'code' | 'print' | 'raw'; text: string };

export function parseTemplate(source: string): Segment[] {
  const segments: Segment[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('<?', i);
    if (open < 0) {
      segments.push({ kind: 'text', text: source.slice(i) });
      break;
    }
    if (open > i) segments.push({ kind: 'text', text: source.slice(i, open) });
    const close = source.indexOf('?>', open + 2);
    if (close < 0) throw new SyntaxError('Unterminated scriptlet: "<?" without "?>"');
    let inner = source.slice(open + 2, close);
    let kind: Segment['kind'] = 'code';
    if (inner.startsWith('!=')) {
      kind = 'raw';
      inner = inner.slice(2);
    } else if (inner.startsWith('=')) {
      kind = 'print';
      inner = inner.slice(1);
    }
    segments.push({ kind, text: inner });
    i = close + 2;
  }
  return segments;
}

/** The body of the function a template compiles to; getCode() shows it. */
export function templateCode(source: string): string {
  const lines = ['var __out = [];', 'var output = { append: function (s) { __out.push(String(s)); return output; }, appendUntrusted: function (s) { __out.push(__escape(String(s))); return output; } };'];
  for (const s of parseTemplate(source)) {
    if (s.kind === 'text') lines.push(`__out.push(${JSON.stringify(s.text)});`);
    else if (s.kind === 'print') lines.push(`__out.push(__escape(String(${s.text})));`);
    else if (s.kind === 'raw') lines.push(`__out.push(String(${s.text}));`);
    else lines.push(s.text);
  }
  lines.push("return __out.join('');");
  return lines.join('\n');
}

const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await arguments eval __out __escape output').split(' '),
);

const templateSources = new WeakMap<object, string>();

type HtmlTemplateApi = Pick<GoogleAppsScript.HTML.HtmlTemplate, 'evaluate' | 'getCode'>;

/** Its own enumerable properties are the template's variables (template.data = x; then <?= data ?>). */
export class EmuHtmlTemplate implements HtmlTemplateApi {
  [propName: string]: any;

  constructor(ctx: FacadeContext, source: string) {
    templateSources.set(this, source);
    Object.defineProperty(this, 'ctx', { value: ctx, enumerable: false });
  }

  evaluate(): Out {
    const ctx = this.ctx as FacadeContext;
    ctx.meter.count('HtmlTemplate.evaluate');
    const names = Object.keys(this).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && !RESERVED.has(k));
    const fn = ctx.compileFunction([...names, '__escape'], templateCode(templateSources.get(this)!));
    const html = fn.apply(this, [...names.map((k) => this[k]), escapeHtml]);
    return new EmuHtmlOutput(ctx, String(html)) as unknown as Out;
  }

  getCode(): string {
    (this.ctx as FacadeContext).meter.count('HtmlTemplate.getCode');
    return templateCode(templateSources.get(this)!);
  }
}

// ---------------------------------------------------------------------------------------------------

/** <bundleDir>/<filename>.html, never outside bundleDir; "Index.html" is accepted for "Index" too. */
function readProjectHtml(ctx: FacadeContext, filename: string): string {
  const root = path.resolve(ctx.bundleDir);
  const candidates = [`${filename}.html`];
  if (filename.endsWith('.html')) candidates.push(filename);
  for (const c of candidates) {
    const file = path.resolve(root, c);
    if (!file.startsWith(root + path.sep)) continue;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return fs.readFileSync(file, 'utf8');
  }
  return ctx.fail(noHtmlFileMessage(filename));
}

function htmlSource(ctx: FacadeContext, method: string, html: unknown): string {
  if (html === undefined) return '';
  if (typeof html === 'string') return html;
  if (html instanceof EmuBlob) return html.bytes.toString('utf8');
  return ctx.fail(`The parameters (${html === null ? 'null' : typeof html}) don't match the method signature for HtmlService.${method}.`);
}

type HtmlServiceApi = Pick<
  GoogleAppsScript.HTML.HtmlService,
  'XFrameOptionsMode' | 'SandboxMode' | 'createHtmlOutput' | 'createHtmlOutputFromFile' | 'createTemplate' | 'createTemplateFromFile'
>;

export function createHtmlService(ctx: FacadeContext): HtmlServiceApi {
  return {
    XFrameOptionsMode: XFrameOptionsMode as unknown as typeof GoogleAppsScript.HTML.XFrameOptionsMode,
    SandboxMode: SandboxMode as unknown as typeof GoogleAppsScript.HTML.SandboxMode,

    createHtmlOutput(html?: any): Out {
      const source = htmlSource(ctx, 'createHtmlOutput', html);
      ctx.meter.count('HtmlService.createHtmlOutput');
      return new EmuHtmlOutput(ctx, source) as unknown as Out;
    },

    /** reference/html/html-service#createHtmlOutputFromFile: the file's content, scriptlets not run. */
    createHtmlOutputFromFile(filename: string): Out {
      const source = readProjectHtml(ctx, String(filename));
      ctx.meter.count('HtmlService.createHtmlOutputFromFile');
      return new EmuHtmlOutput(ctx, source) as unknown as Out;
    },

    createTemplate(html: any): GoogleAppsScript.HTML.HtmlTemplate {
      const source = htmlSource(ctx, 'createTemplate', html);
      ctx.meter.count('HtmlService.createTemplate');
      return new EmuHtmlTemplate(ctx, source) as unknown as GoogleAppsScript.HTML.HtmlTemplate;
    },

    createTemplateFromFile(filename: string): GoogleAppsScript.HTML.HtmlTemplate {
      const source = readProjectHtml(ctx, String(filename));
      ctx.meter.count('HtmlService.createTemplateFromFile');
      return new EmuHtmlTemplate(ctx, source) as unknown as GoogleAppsScript.HTML.HtmlTemplate;
    },
  };
}
