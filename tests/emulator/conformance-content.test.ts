// ContentService against developers.google.com/apps-script/reference/content (content-service,
// text-output, mime-type).
import { describe, expect, it } from 'vitest';
import { createDirectContext } from '../../emulator/runtime/direct.ts';
import { createContentService, textOutputPayload } from '../../emulator/gas/content-service.ts';

function setup() {
  const ctx = createDirectContext({});
  return { ctx, ContentService: createContentService(ctx) };
}

describe('ContentService', () => {
  it('createTextOutput starts empty or with the content given (content-service#createTextOutput)', () => {
    const { ContentService } = setup();
    expect(ContentService.createTextOutput().getContent()).toBe('');
    expect(ContentService.createTextOutput('Hello').getContent()).toBe('Hello');
  });

  it('setContent replaces and append adds, both chaining (text-output#setContent, #append)', () => {
    const { ContentService } = setup();
    const out = ContentService.createTextOutput('a');
    expect(out.append('b').append('c')).toBe(out);
    expect(out.getContent()).toBe('abc');
    expect(out.setContent('x').getContent()).toBe('x');
  });

  it('the MIME type is TEXT until set; setMimeType takes a ContentService.MimeType (text-output#setMimeType)', () => {
    const { ContentService } = setup();
    const out = ContentService.createTextOutput('{}');
    expect(out.getMimeType()).toBe(ContentService.MimeType.TEXT);
    out.setMimeType(ContentService.MimeType.JSON);
    expect(out.getMimeType()).toBe(ContentService.MimeType.JSON);
    expect(String(out.getMimeType())).toBe('JSON');
    expect(() => out.setMimeType('PDF' as unknown as GoogleAppsScript.Content.MimeType)).toThrow();
  });

  it('gives the web server the content, its HTTP Content-Type and the download name (downloadAsFile)', () => {
    const { ContentService } = setup();
    const json = ContentService.createTextOutput('{"ok":true}').setMimeType(ContentService.MimeType.JSON);
    expect(textOutputPayload(json)).toEqual({ content: '{"ok":true}', contentType: 'application/json', fileName: null });
    const csv = ContentService.createTextOutput('a,b').setMimeType(ContentService.MimeType.CSV).downloadAsFile('report.csv');
    expect(textOutputPayload(csv)).toEqual({ content: 'a,b', contentType: 'text/csv', fileName: 'report.csv' });
    expect(textOutputPayload({ getContent: () => 'x' })).toBeNull();
    expect(() => ContentService.createTextOutput('x').downloadAsFile('a/b.csv')).toThrow();
  });

  it('has every documented MimeType (mime-type: ATOM, CSV, ICAL, JAVASCRIPT, JSON, RSS, TEXT, VCARD, XML)', () => {
    const { ContentService } = setup();
    expect(Object.keys(ContentService.MimeType).sort()).toEqual(['ATOM', 'CSV', 'ICAL', 'JAVASCRIPT', 'JSON', 'RSS', 'TEXT', 'VCARD', 'XML']);
  });

  it('counts one service call per public method', () => {
    const { ctx, ContentService } = setup();
    ContentService.createTextOutput('x').setMimeType(ContentService.MimeType.JSON);
    expect(ctx.meter.calls).toEqual({ 'ContentService.createTextOutput': 1, 'TextOutput.setMimeType': 1 });
  });
});
