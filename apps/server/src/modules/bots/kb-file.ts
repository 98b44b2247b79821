/*
 * The knowledge base as a spreadsheet file: CSV (RFC 4180) or TSV, UTF-8, header `id,question,answer,tags,enabled`,
 * one row per question variant (rows with the same id are one entry). Fields may be quoted in both formats, so
 * answers keep their commas, quotes, tabs and line breaks.
 */

export type KbFileFormat = 'csv' | 'tsv';
export const KB_FILE_COLUMNS = ['id', 'question', 'answer', 'tags', 'enabled'] as const;
/** Tags within one field. */
export const TAG_SEPARATOR = '|';

const BOM = '\uFEFF';
const delimiterOf = (format: KbFileFormat) => (format === 'csv' ? ',' : '\t');

/** Spreadsheets run cells starting with these as formulas; a leading apostrophe keeps them text. */
const FORMULA_START = /^[=+\-@]/;

function escapeField(value: string, delimiter: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /["\r\n]/.test(safe) || safe.includes(delimiter) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The file: a byte-order mark (spreadsheet programs then read UTF-8), the header, CRLF line ends. */
export function serializeKbFile(format: KbFileFormat, rows: readonly (readonly string[])[]): string {
  const delimiter = delimiterOf(format);
  const lines = [KB_FILE_COLUMNS, ...rows].map((r) => r.map((f) => escapeField(f, delimiter)).join(delimiter));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** TSV when the name says so, else CSV when it says so, else whichever delimiter the header line uses. */
export function detectFormat(fileName: string, text: string): KbFileFormat {
  if (/\.(tsv|tab)$/i.test(fileName)) return 'tsv';
  if (/\.csv$/i.test(fileName)) return 'csv';
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return header.includes('\t') ? 'tsv' : 'csv';
}

export type ParsedRecord = { line: number; fields: string[] };

/**
 * Records with the line each starts on (1 = the header). Quoted fields may hold delimiters, doubled quotes and
 * line breaks; an unterminated quote ends the file and is reported.
 */
export function parseKbFile(
  text: string,
  format: KbFileFormat,
): { records: ParsedRecord[]; error: { line: number; message: string } | null } {
  const delimiter = delimiterOf(format);
  const src = text.replace(/^\uFEFF/, '');
  const records: ParsedRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < src.length) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
    i++;
  }
  if (quoted) return { records, error: { line: quoteLine, message: 'a quoted field is never closed' } };
  if (field !== '' || fields.length > 0) endRecord();
  return { records, error: null };
}

/** A cell as written, without the apostrophe that kept a formula-like value text. */
export function cellText(value: string | undefined): string {
  const v = (value ?? '').replace(/\r\n?/g, '\n').trim();
  return v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v;
}
