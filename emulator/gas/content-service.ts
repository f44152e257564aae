// ContentService facade: text a web app returns (doGet/doPost), and how the server turns it into an
// HTTP response (textOutputPayload).
import type { FacadeContext } from '../runtime/contracts.ts';

/** reference/content/mime-type. Values are their names, as the other emulated enums. */
export const MimeType = Object.freeze({
  ATOM: 'ATOM',
  CSV: 'CSV',
  ICAL: 'ICAL',
  JAVASCRIPT: 'JAVASCRIPT',
  JSON: 'JSON',
  RSS: 'RSS',
  TEXT: 'TEXT',
  VCARD: 'VCARD',
  XML: 'XML',
} as const);

export type MimeTypeName = keyof typeof MimeType;

export const CONTENT_TYPES: Record<MimeTypeName, string> = {
  ATOM: 'application/atom+xml',
  CSV: 'text/csv',
  ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript',
  JSON: 'application/json',
  RSS: 'application/rss+xml',
  TEXT: 'text/plain',
  VCARD: 'text/vcard',
  XML: 'text/xml',
};

type TextOutputApi = Pick<
  GoogleAppsScript.Content.TextOutput,
  'setContent' | 'getContent' | 'append' | 'setMimeType' | 'getMimeType' | 'downloadAsFile'
>;

type MimeEnum = GoogleAppsScript.Content.MimeType;

export class EmuTextOutput implements TextOutputApi {
  private content: string;
  private mimeType: MimeTypeName = 'TEXT';
  private fileName: string | null = null;

  constructor(
    private readonly ctx: FacadeContext,
    content: string,
  ) {
    this.content = content;
  }

  setContent(content: string): GoogleAppsScript.Content.TextOutput {
    this.ctx.meter.count('TextOutput.setContent');
    this.content = String(content);
    return this.self();
  }

  getContent(): string {
    this.ctx.meter.count('TextOutput.getContent');
    return this.content;
  }

  append(addedContent: string): GoogleAppsScript.Content.TextOutput {
    this.ctx.meter.count('TextOutput.append');
    this.content += String(addedContent);
    return this.self();
  }

  setMimeType(mimeType: MimeEnum): GoogleAppsScript.Content.TextOutput {
    const name = String(mimeType);
    if (!Object.hasOwn(MimeType, name)) this.ctx.fail(`Invalid argument: mimeType`);
    this.ctx.meter.count('TextOutput.setMimeType');
    this.mimeType = name as MimeTypeName;
    return this.self();
  }

  /** Default TEXT: reference/content/text-output "text/plain" unless set. */
  getMimeType(): MimeEnum {
    this.ctx.meter.count('TextOutput.getMimeType');
    return this.mimeType as unknown as MimeEnum;
  }

  /** reference/content/text-output#downloadAsFile: "Tells browsers to download rather than display this content". */
  downloadAsFile(filename: string): GoogleAppsScript.Content.TextOutput {
    const name = String(filename);
    if (!name || /[\\/:*?"<>|\r\n]/.test(name)) this.ctx.fail(`Invalid argument: filename`);
    this.ctx.meter.count('TextOutput.downloadAsFile');
    this.fileName = name;
    return this.self();
  }

  /** For the web server: what to send. */
  payload(): TextOutputPayload {
    return { content: this.content, contentType: CONTENT_TYPES[this.mimeType], fileName: this.fileName };
  }

  private self(): GoogleAppsScript.Content.TextOutput {
    return this as unknown as GoogleAppsScript.Content.TextOutput;
  }
}

export interface TextOutputPayload {
  content: string;
  /** The HTTP Content-Type, e.g. application/json. */
  contentType: string;
  /** Set by downloadAsFile: send Content-Disposition: attachment; filename=... */
  fileName: string | null;
}

/** The server's side: the payload of a TextOutput a doGet/doPost returned, or null for anything else. */
export function textOutputPayload(value: unknown): TextOutputPayload | null {
  return value instanceof EmuTextOutput ? value.payload() : null;
}

type ContentServiceApi = Pick<GoogleAppsScript.Content.ContentService, 'MimeType' | 'createTextOutput'>;

export function createContentService(ctx: FacadeContext): ContentServiceApi {
  return {
    MimeType: MimeType as unknown as typeof GoogleAppsScript.Content.MimeType,
    createTextOutput(content?: string) {
      ctx.meter.count('ContentService.createTextOutput');
      return new EmuTextOutput(ctx, content === undefined ? '' : String(content)) as unknown as GoogleAppsScript.Content.TextOutput;
    },
  };
}
