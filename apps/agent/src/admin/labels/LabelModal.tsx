import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LabelDefinition } from '@warmdesk/protocol';
import { ColorPicker, Form, Input } from 'antd';
import type { Color } from 'antd/es/color-picker';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { keys } from '../../api/queries';
import { formErrorsOf, showFieldErrors } from '../shared/api-errors';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FormModal } from '../shared/FormModal';
import { useNotify } from '../shared/useNotify';

type Values = { name: string; color: string; description: string };

export const LABEL_PRESETS = ['#1677ff', '#52c41a', '#faad14', '#f5222d', '#722ed1', '#13c2c2', '#eb2f96', '#8c8c8c'];

/** Creating a label (name, colour, description) or changing an existing one's colour and description. */
export function LabelModal(props: { open: boolean; label: LabelDefinition | null; onClose: () => void }) {
  const { label, onClose } = props;
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const errorsOf = (err: unknown) =>
    formErrorsOf(err, { conflict: { name: ['name'], errors: [t('labels.nameTaken')] } });
  const save = useMutation({
    mutationFn: ({ name, ...rest }: Values) =>
      label
        ? api<LabelDefinition>(`/labels/${label.id}`, { method: 'PATCH', body: rest })
        : api<LabelDefinition>('/labels', { method: 'POST', body: { name, ...rest } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.labels });
      notify.done();
      onClose();
    },
    onError: (err) => showFieldErrors(form, errorsOf(err)),
  });

  return (
    <FormModal
      open={props.open}
      title={label ? t('labels.editTitle', { name: label.name }) : t('labels.newTitle')}
      onCancel={onClose}
      onSubmit={() => form.submit()}
      saving={save.isPending}
      submitTestId="label-save"
      afterClose={save.reset}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          name: label?.name ?? '',
          color: label?.color ?? '#1677ff',
          description: label?.description ?? '',
        }}
        onFinish={(values) =>
          save.mutate({ name: values.name.trim(), color: values.color, description: values.description.trim() })
        }
      >
        <ErrorAlert error={save.error} shownOnFields={errorsOf(save.error).length > 0} />
        <Form.Item
          name="name"
          label={t('labels.fields.name')}
          extra={label ? t('labels.nameFixed') : t('labels.nameHelp')}
          rules={[
            { required: true, whitespace: true },
            { max: 50 },
            { pattern: /^\s*[\p{L}\p{N}_\-.:]+\s*$/u, message: t('labels.nameRule') },
          ]}
        >
          <Input disabled={label !== null} autoComplete="off" data-testid="label-name" />
        </Form.Item>
        <Form.Item
          name="color"
          label={t('labels.fields.color')}
          getValueFromEvent={(color: Color) => color.toHexString()}
        >
          <ColorPicker
            disabledAlpha
            showText
            format="hex"
            presets={[{ label: t('labels.presets'), colors: LABEL_PRESETS }]}
            data-testid="label-color"
          />
        </Form.Item>
        <Form.Item name="description" label={t('labels.fields.description')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="label-description" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
