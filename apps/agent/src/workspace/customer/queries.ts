import { useQuery } from '@tanstack/react-query';
import type { Contact, ContactNote, PageContext } from '@warmdesk/protocol';
import { api } from '../../api/http';
import { keys } from '../../api/queries';

export type CustomerContext = { context: Partial<PageContext>; lastSeenAt: string | null };

export const notesKey = (contactId: string) => ['contact-notes', contactId] as const;
export const contextKey = (conversationId: string) => ['customer-context', conversationId] as const;

export const useContact = (id: string) =>
  useQuery({ queryKey: keys.contact(id), queryFn: () => api<Contact>(`/contacts/${id}`) });

export const useContactNotes = (contactId: string) =>
  useQuery({
    queryKey: notesKey(contactId),
    queryFn: () => api<{ items: ContactNote[] }>(`/contacts/${contactId}/notes`).then((r) => r.items),
  });

export const useCustomerContext = (conversationId: string) =>
  useQuery({
    queryKey: contextKey(conversationId),
    queryFn: () => api<CustomerContext>(`/conversations/${conversationId}/customer-context`),
    refetchInterval: 30_000,
  });
