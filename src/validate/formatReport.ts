// The human-readable report: files, then failed rules with their first offending rows, rules not
// checked with the reason, and the rules that passed; a summary line last.
import type { RuleReport, ValidationReport } from './report.js';

function number(value: number): string {
  return value.toLocaleString('en-US');
}

function ruleLine(rule: RuleReport, label: string): string {
  const table = rule.table ?? 'all';
  return `${label.padEnd(11)} ${rule.id.padEnd(32)} ${table.padEnd(11)} ${rule.name}`;
}

function exampleLines(rule: RuleReport): string[] {
  const lines: string[] = [];
  for (const example of rule.examples) {
    const where = example.line > 0 ? `${example.file}:${example.line}` : example.file;
    const values = Object.entries(example.values).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(' ');
    lines.push(`    ${where}${example.key ? ` ${example.key}` : ''}: ${example.problem}${values ? `  [${values}]` : ''}`);
  }
  if (rule.violations > rule.examples.length) lines.push(`    ... and ${number(rule.violations - rule.examples.length)} more`);
  return lines;
}

export function formatTextReport(report: ValidationReport): string {
  const lines: string[] = [`ecomgen validate ${report.directory}`, ''];
  for (const file of report.files) {
    const notes = [file.lineEnding !== 'LF' ? `${file.lineEnding} line ends` : '', file.checked ? '' : `rows not checked: ${file.note ?? ''}`].filter(Boolean);
    lines.push(`  ${file.file.padEnd(16)} ${number(file.rows).padStart(12)} rows ${number(file.bytes).padStart(14)} bytes${notes.length ? `  (${notes.join('; ')})` : ''}`);
  }
  lines.push(`  sessions: ${report.sessions}`, '');
  const failed = report.rules.filter((rule) => rule.status === 'failed');
  const notChecked = report.rules.filter((rule) => rule.status === 'not_checked');
  const passed = report.rules.filter((rule) => rule.status === 'passed');
  for (const rule of failed) {
    lines.push(`${ruleLine(rule, 'FAILED')} ${number(rule.violations)} violation${rule.violations === 1 ? '' : 's'}`);
    lines.push(`    ${rule.description}`);
    lines.push(...exampleLines(rule));
  }
  for (const rule of notChecked) lines.push(`${ruleLine(rule, 'NOT CHECKED')} ${rule.reason ?? ''}`);
  for (const rule of passed) lines.push(ruleLine(rule, 'passed'));
  const { summary } = report;
  lines.push(
    '',
    `${report.valid ? 'valid' : 'INVALID'}: ${summary.failed} rule${summary.failed === 1 ? '' : 's'} failed (${number(summary.violations)} violation${summary.violations === 1 ? '' : 's'}), ${summary.passed} passed, ${summary.notChecked} not checked, in ${(report.elapsedMs / 1000).toFixed(1)}s`,
  );
  return `${lines.join('\n')}\n`;
}
