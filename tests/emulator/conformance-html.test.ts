// HtmlService against developers.google.com/apps-script/reference/html (html-service, html-output,
// html-template) and guides/html/templates (scriptlets).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createDirectContext } from '../../emulator/runtime/direct.ts';
import { createHtmlService, htmlOutputPayload } from '../../emulator/gas/html-service.ts';

function setup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wtt-html-'));
  const bundleDir = path.join(root, 'bundle');
  fs.mkdirSync(bundleDir);
  fs.writeFileSync(path.join(bundleDir, 'Index.html'), '<h1>Index <?= 1 + 1 ?></h1>');
  fs.writeFileSync(path.join(bundleDir, 'Page.html'), '<ul><? for (const i of items) { ?><li><?= i ?></li><? } ?></ul>');
  fs.writeFileSync(path.join(root, 'secret.html'), 'secret');
  const ctx = createDirectContext({}, { bundleDir });
  return { ctx, bundleDir, HtmlService: createHtmlService(ctx) };
}

describe('HtmlService outputs', () => {
  it('createHtmlOutput holds the HTML; setContent, append, setTitle chain (html-output#setContent, #append, #setTitle)', () => {
    const { HtmlService } = setup();
    expect(HtmlService.createHtmlOutput().getContent()).toBe('');
    const out = HtmlService.createHtmlOutput('<b>Hello</b>');
    expect(out.append(', world').setTitle('Greeting')).toBe(out);
    expect(out.getContent()).toBe('<b>Hello</b>, world');
    expect(out.getTitle()).toBe('Greeting');
    expect(out.setContent('<i>x</i>').getContent()).toBe('<i>x</i>');
    expect(out.setWidth(250).setHeight(300).getWidth()).toBe(250);
    expect(out.getHeight()).toBe(300);
  });

  it('createHtmlOutputFromFile reads <name>.html without running its scriptlets (html-service#createHtmlOutputFromFile)', () => {
    const { HtmlService } = setup();
    expect(HtmlService.createHtmlOutputFromFile('Index').getContent()).toBe('<h1>Index <?= 1 + 1 ?></h1>');
    expect(HtmlService.createHtmlOutputFromFile('Index.html').getContent()).toBe('<h1>Index <?= 1 + 1 ?></h1>');
  });

  it('a missing file fails with "No HTML file named ... was found.", and nothing outside the project is read', () => {
    const { HtmlService } = setup();
    expect(() => HtmlService.createHtmlOutputFromFile('Nope')).toThrow('No HTML file named Nope was found.');
    expect(() => HtmlService.createTemplateFromFile('Nope')).toThrow('No HTML file named Nope was found.');
    expect(() => HtmlService.createHtmlOutputFromFile('../secret')).toThrow('No HTML file named ../secret was found.');
  });

  it('carries the page settings to the server: X-Frame-Options, meta tags, favicon (html-output#setXFrameOptionsMode, #addMetaTag, #setFaviconUrl)', () => {
    const { HtmlService } = setup();
    const out = HtmlService.createHtmlOutput('<p>x</p>')
      .setTitle('Tracker')
      .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL)
      .addMetaTag('viewport', 'width=device-width, initial-scale=1')
      .setFaviconUrl('https://example.com/icon.png')
      .setSandboxMode(HtmlService.SandboxMode.IFRAME);
    expect(htmlOutputPayload(out)).toMatchObject({
      content: '<p>x</p>',
      title: 'Tracker',
      xFrameOptionsMode: 'ALLOWALL',
      metaTags: [{ name: 'viewport', content: 'width=device-width, initial-scale=1' }],
      faviconUrl: 'https://example.com/icon.png',
      sandboxMode: 'IFRAME',
    });
    expect(htmlOutputPayload(HtmlService.createHtmlOutput(''))?.xFrameOptionsMode).toBe('DEFAULT');
    // html-output#addMetaTag: "Only the following meta tags are allowed" (viewport, mobile-web-app-capable...).
    expect(() => out.addMetaTag('refresh', '5')).toThrow();
    expect(htmlOutputPayload('not an output')).toBeNull();
  });
});

describe('HtmlService templates', () => {
  it('<?= ?> prints HTML-escaped, <?!= ?> prints as is, <? ?> runs code; assigned properties are variables (guides/html/templates)', () => {
    const { HtmlService } = setup();
    const t = HtmlService.createTemplate('<p><?= name ?></p><?!= raw ?><? if (show) { ?>shown<? } else { ?>hidden<? } ?>');
    t.name = '<b>"Ann" & \'Bob\'</b>';
    t.raw = '<i>ok</i>';
    t.show = false;
    expect(t.evaluate().getContent()).toBe('<p>&lt;b&gt;&quot;Ann&quot; &amp; &#39;Bob&#39;&lt;/b&gt;</p><i>ok</i>hidden');
    t.show = true;
    expect(t.evaluate().getContent()).toContain('shown');
  });

  it('createTemplateFromFile evaluates the file, loops included (html-service#createTemplateFromFile, html-template#evaluate)', () => {
    const { HtmlService } = setup();
    const t = HtmlService.createTemplateFromFile('Page');
    t.items = ['a', '<b>'];
    expect(t.evaluate().getContent()).toBe('<ul><li>a</li><li>&lt;b&gt;</li></ul>');
    expect(HtmlService.createTemplateFromFile('Index').evaluate().getContent()).toBe('<h1>Index 2</h1>');
  });

  it('runs scriptlets in the execution\'s realm, where the script\'s global functions live (the include() pattern)', () => {
    const { ctx, bundleDir } = setup();
    const realm = vm.createContext({});
    vm.runInContext("function include(name) { return '[' + name + ']'; }", realm);
    ctx.compileFunction = (params, body) => vm.compileFunction(body, params, { parsingContext: realm }) as (...a: any[]) => unknown;
    fs.writeFileSync(path.join(bundleDir, 'Shell.html'), '<?!= include("Styles") ?><?= typeof process ?>');
    expect(createHtmlService(ctx).createTemplateFromFile('Shell').evaluate().getContent()).toBe('[Styles]undefined');
  });

  it('an error in a scriptlet propagates from evaluate()', () => {
    const { HtmlService } = setup();
    expect(() => HtmlService.createTemplate('<?= missingVariable ?>').evaluate()).toThrow(/missingVariable/);
  });

  it('getCode shows the JavaScript the template compiles to (html-template#getCode)', () => {
    const { HtmlService } = setup();
    const code = HtmlService.createTemplate('<p><?= x ?></p>').getCode();
    expect(code).toContain('"<p>"');
    expect(code).toMatch(/String\(\s*x\s*\)/);
  });

  it('counts one service call per public method', () => {
    const { ctx, HtmlService } = setup();
    HtmlService.createTemplate('<?= 1 ?>').evaluate().setTitle('t');
    expect(ctx.meter.calls).toEqual({ 'HtmlService.createTemplate': 1, 'HtmlTemplate.evaluate': 1, 'HtmlOutput.setTitle': 1 });
  });
});
