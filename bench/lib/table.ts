// Plain-text tables for the terminal: numbers right-aligned with thousands separators, text left-aligned.
import type { CellValue, Table } from './report.ts';

export function formatCell(v: CellValue): string {
  if (v === null) return '-';
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatTable(t: Table): string {
  const cells = t.rows.map((r) => r.map(formatCell));
  const widths = t.columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const numeric = t.columns.map((_, i) => t.rows.every((r) => typeof r[i] !== 'string'));
  const line = (r: string[]) => r.map((s, i) => (numeric[i] ? s.padStart(widths[i]) : s.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [t.title, line(t.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  for (const n of t.notes ?? []) out.push(`  ${n}`);
  return out.join('\n');
}
