import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Inbox } from '@warmdesk/protocol';
import type { FormInstance } from 'antd';
import { api } from '../../api/http';
import { keys } from '../../api/queries';
import { fieldErrorsOf, showFieldErrors } from '../shared/api-errors';
import { useNotify } from '../shared/useNotify';

/**
 * Saves one section of an inbox's `config` (e.g. `routing`, `bot`) with the inbox PATCH, every other key kept;
 * the server's field errors land on the form's fields.
 */
export function useSaveInboxConfig<V>(
  inbox: Inbox,
  section: string,
  form: FormInstance<V>,
  toConfig: (values: V) => unknown,
) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const errorPath = `body.config.${section}.`;
  const save = useMutation({
    mutationFn: (v: V) =>
      api<Inbox>(`/inboxes/${inbox.id}`, {
        method: 'PATCH',
        body: { config: { ...inbox.config, [section]: toConfig(v) } },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.inbox(inbox.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.inboxes, exact: true });
      notify.done();
    },
    onError: (err) => showFieldErrors(form, fieldErrorsOf(err, errorPath)),
  });
  return { save, fieldErrorsShown: fieldErrorsOf(save.error, errorPath).length > 0 };
}
