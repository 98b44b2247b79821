import type { Inbox } from '@warmdesk/protocol';
import { Form, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../shared/ErrorAlert';
import { StickySaveBar } from '../shared/StickySaveBar';
import { useNotify } from '../shared/useNotify';
import { useSaveInboxConfig } from './useSaveInboxConfig';

type Props<V> = {
  inbox: Inbox;
  /** The `config` key the form saves (`bot`, `routing`, `calls`); also the prefix of its test ids. */
  section: string;
  initialValues: V;
  toConfig: (values: V) => unknown;
  resetLabel: string;
  /** The tab's own form instance (it may watch fields). */
  form: FormInstance<V>;
  children: ReactNode;
};

/** One inbox settings tab: the form, the server's errors on its fields, and the sticky save / reset bar. */
export function InboxConfigForm<V extends object>({
  inbox,
  section,
  initialValues,
  toConfig,
  resetLabel,
  form,
  children,
}: Props<V>) {
  const { t } = useTranslation('admin');
  const notify = useNotify();
  const { save, fieldErrorsShown } = useSaveInboxConfig(inbox, section, form, toConfig);
  return (
    <Form<V>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(v) => save.mutate(v)}
      onFinishFailed={() => notify.failed(new Error(t('widget.fixErrors')))}
      scrollToFirstError
      style={{ maxWidth: 820 }}
      data-testid={`${section}-form`}
    >
      <ErrorAlert error={save.error} shownOnFields={fieldErrorsShown} />
      {children}
      <StickySaveBar
        saving={save.isPending}
        onReset={() => form.resetFields()}
        saveLabel={t('common.save')}
        resetLabel={resetLabel}
        saveTestId={`${section}-save`}
      />
    </Form>
  );
}
