import { AppError } from '../../platform/errors.js';

/**
 * The file types an upload may have. The type is decided on the server: the extension picks the candidate and
 * the first bytes must carry that format's signature; what the client claims (the part's Content-Type) is
 * ignored. SVG, HTML and anything else a browser could run are not in the list.
 */
export type FileType = {
  extensions: readonly string[];
  contentType: string;
  /** Images are shown inline in the conversation; everything else is a download. */
  kind: 'image' | 'file';
  matches: (head: Buffer) => boolean;
};

/** Enough of the start of a file for every signature below (the mp4 `ftyp` box, the text checks). */
export const SNIFF_BYTES = 4096;

const startsWith = (head: Buffer, ...bytes: number[]) => bytes.every((b, i) => head[i] === b);
const ascii = (head: Buffer, at: number, text: string) => head.toString('latin1', at, at + text.length) === text;

const isZip = (head: Buffer) => startsWith(head, 0x50, 0x4b, 0x03, 0x04);

// Major or compatible brands of the `ftyp` box of MP4 video and audio; HEIF/AVIF images and QuickTime are not.
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ']);

function isMp4(head: Buffer): boolean {
  if (head.length < 12 || !ascii(head, 4, 'ftyp')) return false;
  const boxEnd = Math.min(head.readUInt32BE(0), head.length);
  if (MP4_BRANDS.has(head.toString('latin1', 8, 12))) return true;
  for (let at = 16; at + 4 <= boxEnd; at += 4) {
    if (MP4_BRANDS.has(head.toString('latin1', at, at + 4))) return true;
  }
  return false;
}

// An ID3v2 tag, or an MPEG audio Layer III frame header (11 sync bits, layer bits 01).
const isMp3 = (head: Buffer) =>
  ascii(head, 0, 'ID3') || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0 && ((head[1] ?? 0) & 0x06) === 0x02);

// Markup at the start of a "text" file: refused, so a page can never be served from here even by a browser
// that ignores nosniff.
const MARKUP_START = /^\s*<(?:!doctype|!--|\?xml|[a-z][a-z0-9-]*[\s/>])/i;

/** Text has no NUL bytes (binaries do, in their first KiBs) and does not open with markup. */
function isPlainText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  const text = head.toString('utf8', startsWith(head, 0xef, 0xbb, 0xbf) ? 3 : 0);
  return !MARKUP_START.test(text);
}

const OOXML = 'application/vnd.openxmlformats-officedocument';

export const FILE_TYPES: readonly FileType[] = [
  {
    extensions: ['png'],
    contentType: 'image/png',
    kind: 'image',
    matches: (h) => startsWith(h, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  },
  {
    extensions: ['jpg', 'jpeg'],
    contentType: 'image/jpeg',
    kind: 'image',
    matches: (h) => startsWith(h, 0xff, 0xd8, 0xff),
  },
  {
    extensions: ['gif'],
    contentType: 'image/gif',
    kind: 'image',
    matches: (h) => ascii(h, 0, 'GIF87a') || ascii(h, 0, 'GIF89a'),
  },
  {
    extensions: ['webp'],
    contentType: 'image/webp',
    kind: 'image',
    matches: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WEBP'),
  },
  { extensions: ['pdf'], contentType: 'application/pdf', kind: 'file', matches: (h) => ascii(h, 0, '%PDF-') },
  { extensions: ['txt'], contentType: 'text/plain', kind: 'file', matches: isPlainText },
  { extensions: ['csv'], contentType: 'text/csv', kind: 'file', matches: isPlainText },
  {
    extensions: ['zip'],
    contentType: 'application/zip',
    kind: 'file',
    // An empty archive is only its end-of-directory record.
    matches: (h) => isZip(h) || startsWith(h, 0x50, 0x4b, 0x05, 0x06),
  },
  { extensions: ['docx'], contentType: `${OOXML}.wordprocessingml.document`, kind: 'file', matches: isZip },
  { extensions: ['xlsx'], contentType: `${OOXML}.spreadsheetml.sheet`, kind: 'file', matches: isZip },
  { extensions: ['pptx'], contentType: `${OOXML}.presentationml.presentation`, kind: 'file', matches: isZip },
  { extensions: ['mp3'], contentType: 'audio/mpeg', kind: 'file', matches: isMp3 },
  { extensions: ['mp4'], contentType: 'video/mp4', kind: 'file', matches: isMp4 },
];

const byExtension = new Map(FILE_TYPES.flatMap((t) => t.extensions.map((ext) => [ext, t] as const)));

export const ACCEPTED_EXTENSIONS = [...byExtension.keys()];

const extensionOf = (fileName: string) => {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
};

/** The type of an upload from its (cleaned) name and first bytes, or a 415 naming what is accepted. */
export function detectFileType(fileName: string, head: Buffer): FileType {
  const ext = extensionOf(fileName);
  const type = byExtension.get(ext);
  if (!type) {
    const what = ext ? `.${ext} files are` : 'files without an extension are';
    throw new AppError(
      'unsupported_media_type',
      `${what} not accepted; accepted: ${ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(', ')}`,
    );
  }
  if (!type.matches(head)) {
    throw new AppError('unsupported_media_type', `the file's content is not ${type.contentType} (named .${ext})`);
  }
  return type;
}

// WebM: an EBML header whose DocType is "webm" (MediaRecorder's output in Chromium and Firefox).
const isWebm = (head: Buffer) => startsWith(head, 0x1a, 0x45, 0xdf, 0xa3) && head.subarray(0, 64).includes('webm');

/** Call recordings only (purpose `call_recording`): WebM audio or video, never a general upload type. */
export function detectRecordingType(fileName: string, head: Buffer, declaredType: string): FileType {
  if (extensionOf(fileName) !== 'webm') {
    throw new AppError('unsupported_media_type', 'a call recording is a .webm file (video/webm or audio/webm)');
  }
  if (!isWebm(head)) throw new AppError('unsupported_media_type', "the file's content is not WebM");
  const contentType = declaredType.toLowerCase().startsWith('audio/') ? 'audio/webm' : 'video/webm';
  return { extensions: ['webm'], contentType, kind: 'file', matches: isWebm };
}
