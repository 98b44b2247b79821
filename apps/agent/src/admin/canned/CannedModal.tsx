import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CannedResponse } from '@warmdesk/protocol';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { keys } from '../../api/queries';
import { formErrorsOf, showFieldErrors } from '../shared/api-errors';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FormModal } from '../shared/FormModal';
import { useNotify } from '../shared/useNotify';

type Values = { shortCode: string; content: string };

/** Creating (`canned` null) or editing a canned response; a short code already in use is shown on its field. */
export function CannedModal(props: { open: boolean; canned: CannedResponse | null; onClose: () => void }) {
  const { canned, onClose } = props;
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const errorsOf = (err: unknown) =>
    formErrorsOf(err, { conflict: { name: ['shortCode'], errors: [t('canned.codeTaken')] } });
  const save = useMutation({
    mutationFn: (body: Values) =>
      canned
        ? api<CannedResponse>(`/canned-responses/${canned.id}`, { method: 'PATCH', body })
        : api<CannedResponse>('/canned-responses', { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.canned });
      notify.done();
      onClose();
    },
    onError: (err) => showFieldErrors(form, errorsOf(err)),
  });

  return (
    <FormModal
      open={props.open}
      title={canned ? t('canned.editTitle') : t('canned.newTitle')}
      onCancel={onClose}
      onSubmit={() => form.submit()}
      saving={save.isPending}
      submitTestId="canned-save"
      afterClose={save.reset}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ shortCode: canned?.shortCode ?? '', content: canned?.content ?? '' }}
        onFinish={(values) => save.mutate({ shortCode: values.shortCode.trim(), content: values.content })}
      >
        <ErrorAlert error={save.error} shownOnFields={errorsOf(save.error).length > 0} />
        <Form.Item
          name="shortCode"
          label={t('canned.fields.shortCode')}
          extra={t('canned.shortCodeHelp')}
          rules={[
            { required: true, whitespace: true },
            { max: 40 },
            { pattern: /^\s*[\p{L}\p{N}_\-.]+\s*$/u, message: t('canned.shortCodeRule') },
          ]}
        >
          <Input prefix="/" autoComplete="off" data-testid="canned-shortcode" />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('canned.fields.content')}
          rules={[{ required: true, whitespace: true }, { max: 10_000 }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 12 }}
            showCount
            maxLength={10_000}
            data-testid="canned-content"
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
