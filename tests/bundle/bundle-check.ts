// Static checks of the built Apps Script bundle, shared by the bundle test.
import ts from 'typescript';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface BundleReport {
  topLevelFunctions: string[];
  moduleSyntax: string[];
  /** Identifiers used but defined neither by ECMAScript nor by Apps Script. */
  unknownGlobals: string[];
}

const require = createRequire(import.meta.url);
const GAS_TYPES = join(dirname(require.resolve('@types/google-apps-script/package.json')));

export function checkBundle(code: string): BundleReport {
  const file = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const topLevelFunctions: string[] = [];
  for (const st of file.statements) {
    if (ts.isFunctionDeclaration(st) && st.name) topLevelFunctions.push(st.name.text);
  }
  const moduleSyntax: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n) || ts.isExportAssignment(n)) moduleSyntax.push(n.getText().slice(0, 60));
    if (ts.isMetaProperty(n) && n.keywordToken === ts.SyntaxKind.ImportKeyword) moduleSyntax.push('import.meta');
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) moduleSyntax.push('import()');
    if (ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) moduleSyntax.push(`export ${n.getText().slice(0, 40)}`);
    ts.forEachChild(n, visit);
  };
  visit(file);
  return { topLevelFunctions, moduleSyntax, unknownGlobals: unknownGlobals(code) };
}

/** Type-checks the bundle as plain JavaScript against ES2022 and the Apps Script typings only. */
function unknownGlobals(code: string): string[] {
  const options: ts.CompilerOptions = {
    allowJs: true,
    checkJs: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    types: [],
    typeRoots: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile;
  host.getSourceFile = (name, lang, ...rest) =>
    name === '/bundle/Code.js' ? ts.createSourceFile(name, code, lang, true, ts.ScriptKind.JS) : read.call(host, name, lang, ...rest);
  host.fileExists = ((orig) => (name: string) => name === '/bundle/Code.js' || orig(name))(host.fileExists.bind(host));
  const program = ts.createProgram(['/bundle/Code.js', join(GAS_TYPES, 'index.d.ts')], options, host);
  const names = new Set<string>();
  for (const d of program.getSemanticDiagnostics(program.getSourceFile('/bundle/Code.js'))) {
    // 2304: Cannot find name 'x'. 2580/2591/2582/2593: the same, with a hint to install @types/node or DOM libs.
    if ([2304, 2580, 2582, 2591, 2593, 2552].includes(d.code) && d.file && d.start !== undefined) {
      names.add(code.slice(d.start, d.start + (d.length ?? 0)));
    }
  }
  return [...names].sort();
}
