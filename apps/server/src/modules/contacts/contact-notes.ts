import type { ContactNote } from '@warmdesk/protocol';
import type { Pool } from 'pg';
import { type AgentPrincipal, hasRole } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';

type NoteRow = {
  id: string;
  contact_id: string;
  author_user_id: string | null;
  author_name: string | null;
  content: string;
  created_at: Date;
};

const NOTE_SELECT = `SELECT n.id, n.contact_id, n.author_user_id, u.name AS author_name, n.content, n.created_at
  FROM contact_notes n LEFT JOIN users u ON u.id = n.author_user_id`;

const present = (r: NoteRow): ContactNote => ({
  id: r.id,
  contactId: r.contact_id,
  author: r.author_user_id ? { id: r.author_user_id, name: r.author_name ?? '' } : null,
  content: r.content,
  createdAt: r.created_at.toISOString(),
});

async function assertContact(db: Pool, accountId: string, contactId: string) {
  const { rowCount } = await db.query('SELECT 1 FROM contacts WHERE account_id = $1 AND id = $2', [
    accountId,
    contactId,
  ]);
  if (!rowCount) throw new AppError('not_found', 'contact not found');
}

/** Newest first. */
export async function listContactNotes(db: Pool, accountId: string, contactId: string): Promise<ContactNote[]> {
  await assertContact(db, accountId, contactId);
  const { rows } = await db.query<NoteRow>(
    `${NOTE_SELECT} WHERE n.account_id = $1 AND n.contact_id = $2 ORDER BY n.created_at DESC, n.id DESC LIMIT 500`,
    [accountId, contactId],
  );
  return rows.map(present);
}

export async function addContactNote(
  db: Pool,
  author: AgentPrincipal,
  contactId: string,
  content: string,
): Promise<ContactNote> {
  await assertContact(db, author.accountId, contactId);
  const { rows } = await db.query<NoteRow>(
    `WITH n AS (
       INSERT INTO contact_notes (account_id, contact_id, author_user_id, content) VALUES ($1, $2, $3, $4) RETURNING *
     )
     ${NOTE_SELECT.replace('FROM contact_notes n', 'FROM n')}`,
    [author.accountId, contactId, author.userId, content],
  );
  const row = rows[0];
  if (!row) throw new AppError('internal', 'note not stored');
  return present(row);
}

/** The note's author or an admin deletes it. */
export async function deleteContactNote(
  db: Pool,
  actor: AgentPrincipal,
  contactId: string,
  noteId: string,
): Promise<void> {
  const { rows } = await db.query<{ author_user_id: string | null }>(
    'SELECT author_user_id FROM contact_notes WHERE account_id = $1 AND contact_id = $2 AND id = $3',
    [actor.accountId, contactId, noteId],
  );
  const note = rows[0];
  if (!note) throw new AppError('not_found', 'note not found');
  if (note.author_user_id !== actor.userId && !hasRole(actor, 'admin')) {
    throw new AppError('forbidden', 'only the author or an admin deletes a note');
  }
  await db.query('DELETE FROM contact_notes WHERE account_id = $1 AND id = $2', [actor.accountId, noteId]);
}
