import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/http';

/** One entry of a `validation_failed` answer's `details`: `path` like `body.config.widget.color`. */
export type FieldIssue = { path: string; message: string };
export type NamePath = (string | number)[];
export type FieldError = { name: NamePath; errors: string[] };

const isIssue = (v: unknown): v is FieldIssue =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as FieldIssue).path === 'string' &&
  typeof (v as FieldIssue).message === 'string';

/** The field issues of a validation error (none for any other error). */
export function issuesOf(err: unknown): FieldIssue[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return err.details.filter(isIssue);
}

/** Path segments after `prefix` (`body.` by default), numbers as numbers: `body.fields.0.key` -> ['fields', 0, 'key']. */
export function segmentsOf(path: string, prefix = 'body.'): NamePath | null {
  if (!path.startsWith(prefix)) return null;
  return path
    .slice(prefix.length)
    .split('.')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Server issues as antd form field errors. `toName` maps the server's path (after `prefix`) to the form's field
 * name, or null for an issue no field shows (it stays in the summary).
 */
export function fieldErrorsOf(
  err: unknown,
  prefix = 'body.',
  toName: (segments: NamePath) => NamePath | null = (s) => s,
): FieldError[] {
  const byName = new Map<string, FieldError>();
  for (const issue of issuesOf(err)) {
    const segments = segmentsOf(issue.path, prefix);
    const name = segments && segments.length > 0 ? toName(segments) : null;
    if (!name) continue;
    const key = JSON.stringify(name);
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byName.set(key, entry);
  }
  return [...byName.values()];
}

const KNOWN_CODES = new Set([
  'validation_failed',
  'bad_request',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'unauthorized',
  'csrf_failed',
]);

/** A sentence for an error: the kind of failure in the user's language, then the server's own words. */
export function describeError(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    const kind = KNOWN_CODES.has(err.code) ? t(`admin:errors.${err.code}`) : t('admin:errors.generic');
    return err.message ? `${kind} (${err.message})` : kind;
  }
  if (err instanceof TypeError) return t('admin:errors.network');
  return err instanceof Error ? err.message : String(err);
}

/** Field errors for a form, with a `conflict` answer (a duplicate name or code) put on the field it concerns. */
export function formErrorsOf(
  err: unknown,
  options: { conflict?: FieldError; prefix?: string; toName?: (segments: NamePath) => NamePath | null } = {},
): FieldError[] {
  if (options.conflict && err instanceof ApiError && err.code === 'conflict') return [options.conflict];
  return fieldErrorsOf(err, options.prefix, options.toName);
}

/** Puts server field errors on a typed form (the server's paths are checked at run time, not by the compiler). */
export function showFieldErrors<T>(form: FormInstance<T>, errors: FieldError[]): void {
  form.setFields(errors as Parameters<FormInstance<T>['setFields']>[0]);
}
