// Streaming RFC 4180 reader: yields one record at a time with the line it starts on, so memory does
// not grow with the file. Quoted fields may hold commas, doubled quotes and line breaks.
import fs from 'node:fs';

export interface CsvRecord {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  fields: string[];
  /** Bytes of the file consumed so far (for progress). */
  bytesRead: number;
}

export async function* readCsv(path: string): AsyncGenerator<CsvRecord> {
  const stream = fs.createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoteSeen = false;
  let line = 1;
  let startLine = 1;
  let bytes = 0;
  let pendingCr = false;
  let quotePending = false;
  let first = true;
  const endRecord = (): CsvRecord | null => {
    fields.push(field);
    const rec = fields.length === 1 && fields[0] === '' && !quoteSeen ? null : { line: startLine, fields, bytesRead: bytes };
    fields = [];
    field = '';
    quoteSeen = false;
    return rec;
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    bytes += Buffer.byteLength(chunk, 'utf8');
    let text = chunk;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const out: CsvRecord[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quotePending) {
        quotePending = false;
        if (c === '"') {
          field += '"';
          continue;
        }
        inQuotes = false;
      }
      if (pendingCr) {
        pendingCr = false;
        if (c === '\n') continue;
      }
      if (inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else if (i + 1 === text.length) {
            // The closing quote may be the first half of a doubled quote split across chunks.
            quotePending = true;
          } else {
            inQuotes = false;
          }
        } else {
          if (c === '\n') line++;
          field += c;
        }
        continue;
      }
      if (c === '"' && field === '') {
        inQuotes = true;
        quoteSeen = true;
      } else if (c === ',') {
        fields.push(field);
        field = '';
      } else if (c === '\n' || c === '\r') {
        if (c === '\r') pendingCr = true;
        const rec = endRecord();
        if (rec) out.push(rec);
        line++;
        startLine = line;
      } else {
        field += c;
      }
    }
    for (const rec of out) yield rec;
  }
  const last = endRecord();
  if (last) yield last;
}
