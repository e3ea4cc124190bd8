// The human-readable report: files, then failed rules with their first offending rows, rules not
// checked with the reason, and the rules that passed; a summary line last. Every piece of text that comes
// from the files or the schemas goes through `printable`, so the report holds no control character but
// its own line ends.
import { printable } from '../encoding/controlChars.js';
import type { RuleReport, ValidationReport } from './report.js';

function number(value: number): string {
  return value.toLocaleString('en-US');
}

function ruleLine(rule: RuleReport, label: string): string {
  const table = rule.table ?? 'all';
  return `${label.padEnd(11)} ${printable(rule.id).padEnd(32)} ${table.padEnd(11)} ${printable(rule.name)}`;
}

function exampleLines(rule: RuleReport): string[] {
  const lines: string[] = [];
  for (const example of rule.examples) {
    const file = printable(example.file);
    const where = example.line > 0 ? `${file}:${example.line}` : file;
    const values = Object.entries(example.values).map(([name, value]) => `${printable(name)}=${printable(JSON.stringify(value))}`).join(' ');
    lines.push(`    ${where}${example.key ? ` ${printable(example.key)}` : ''}: ${printable(example.problem)}${values ? `  [${values}]` : ''}`);
  }
  if (rule.violations > rule.examples.length) lines.push(`    ... and ${number(rule.violations - rule.examples.length)} more`);
  return lines;
}

export function formatTextReport(report: ValidationReport): string {
  const lines: string[] = [`ecomgen validate ${printable(report.directory)}`, ''];
  for (const file of report.files) {
    const notes = [file.lineEnding !== 'LF' && file.lineEnding !== 'none' ? `${file.lineEnding} line ends` : '', file.checked ? '' : `rows not checked: ${printable(file.note ?? '')}`].filter(Boolean);
    lines.push(`  ${printable(file.file).padEnd(16)} ${number(file.rows).padStart(12)} rows ${number(file.bytes).padStart(14)} bytes${notes.length ? `  (${notes.join('; ')})` : ''}`);
  }
  lines.push(`  sessions: ${printable(report.sessions)}`, '');
  const failed = report.rules.filter((rule) => rule.status === 'failed');
  const notChecked = report.rules.filter((rule) => rule.status === 'not_checked');
  const passed = report.rules.filter((rule) => rule.status === 'passed');
  for (const rule of failed) {
    lines.push(`${ruleLine(rule, 'FAILED')} ${number(rule.violations)} violation${rule.violations === 1 ? '' : 's'}`);
    lines.push(`    ${printable(rule.description)}`);
    lines.push(...exampleLines(rule));
  }
  for (const rule of notChecked) lines.push(`${ruleLine(rule, 'NOT CHECKED')} ${printable(rule.reason ?? '')}`);
  for (const rule of passed) lines.push(ruleLine(rule, 'passed'));
  const { summary } = report;
  lines.push(
    '',
    `${report.valid ? 'valid' : 'INVALID'}: ${summary.failed} rule${summary.failed === 1 ? '' : 's'} failed (${number(summary.violations)} violation${summary.violations === 1 ? '' : 's'}), ${summary.passed} passed, ${summary.notChecked} not checked, in ${(report.elapsedMs / 1000).toFixed(1)}s`,
  );
  return `${lines.join('\n')}\n`;
}
