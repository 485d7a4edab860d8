// Formatting of ratios and markdown tables, and writing a section of bench/BENCHMARKS.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const ms = (n: number, digits = 2) => `${n.toFixed(digits)} ms`;
export const pct = (n: number, digits = 1) => `${(n * 100).toFixed(digits)}%`;

/** value / ceiling as a percentage: how much of the ceiling the measured thing reaches. */
export const ratio = (value: number, ceiling: number) => (ceiling > 0 ? pct(value / ceiling) : 'n/a');

/** Extra cost of `value` over `baseline` (latencies): +12.3%. */
export const overhead = (value: number, baseline: number) => {
  const o = value / baseline - 1;
  return `${o >= 0 ? '+' : ''}${(o * 100).toFixed(1)}%`;
};

export function table(header: string[], rows: (string | number)[][], align?: ('l' | 'r')[]): string {
  const a = align ?? header.map((_, i) => (i === 0 ? 'l' : 'r'));
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), `|${a.map((x) => (x === 'r' ? '---:' : '---')).join('|')}|`, ...rows.map(line)].join('\n');
}

const FILE_HEADER = `# Benchmarks

Every figure here is a ratio against a ceiling measured in the same run on the same machine
(a bare \`node:http\` server doing the same work, the same SQL without the feature, the raw
primitive in-process), because absolute numbers move with the machine and its load while the
ratio says what the feature costs. Each section names the exact command that produced it. No
test asserts a wall-clock time.
`;

/**
 * Replaces the section that starts with `heading` (up to the next "## " heading), or inserts it
 * above `above` (another section's heading), or appends it; gives the file its header when it
 * has none. Other sections are left byte-for-byte as they were.
 */
export function writeSection(file: string, heading: string, body: string, above: string): void {
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (!/^# /m.test(text)) text = `${FILE_HEADER}\n${text.replace(/^\s+/, '')}`;
  const section = `${heading}\n\n${body.trim()}\n\n`;
  const start = text.indexOf(`${heading}\n`);
  if (start >= 0) {
    const next = text.slice(start + heading.length).search(/^## /m);
    const end = next >= 0 ? start + heading.length + next : text.length;
    text = text.slice(0, start) + section + text.slice(end);
  } else {
    const at = text.indexOf(`${above}\n`);
    text = at >= 0 ? text.slice(0, at) + section + text.slice(at) : `${text.trimEnd()}\n\n${section}`;
  }
  writeFileSync(file, `${text.trimEnd()}\n`);
}
