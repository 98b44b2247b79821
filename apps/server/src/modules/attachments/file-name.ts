const MAX_CHARS = 200;

// C0/C1 controls, and the invisible direction marks that can make "gpj.exe" display as "exe.jpg".
const UNSAFE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/gu;

/**
 * A client's file name, fit to keep as metadata and show to people: the last path segment, no control or
 * direction characters, at most 200 characters with the extension kept. Never used in a path on disk.
 */
export function cleanFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const name = base.replace(UNSAFE, '').trim().replace(/^\.+/, '');
  const chars = [...name];
  if (chars.length <= MAX_CHARS) return name || 'file';
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? [...name.slice(dot)] : [];
  if (ext.length > 20) return chars.slice(0, MAX_CHARS).join('');
  return chars.slice(0, MAX_CHARS - ext.length).join('') + ext.join('');
}
