import { Button, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A modal around one form: Cancel and a submit button (with a test id) that submits the form. */
export function FormModal(props: {
  open: boolean;
  title: ReactNode;
  onCancel: () => void;
  onSubmit: () => void;
  saving: boolean;
  submitText?: string;
  submitTestId?: string;
  /** Runs once the modal has closed, to forget the last attempt's error. */
  afterClose?: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('admin');
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onCancel}
      destroyOnHidden
      afterClose={props.afterClose}
      footer={
        <>
          <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
          <Button type="primary" loading={props.saving} onClick={props.onSubmit} data-testid={props.submitTestId}>
            {props.submitText ?? t('common.save')}
          </Button>
        </>
      }
    >
      {props.children}
    </Modal>
  );
}
