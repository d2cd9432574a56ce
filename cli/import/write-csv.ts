/** RFC 4180 CSV writing for the import rejects file and the exports: quote only fields that need it. */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function formatCsvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsvLine(values: readonly string[]): string {
  return values.map(formatCsvField).join(',') + '\n';
}
