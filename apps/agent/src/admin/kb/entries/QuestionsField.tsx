import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from './entry-model';

/** The question variants: add, remove, reorder; the first one is the entry's title. */
export function QuestionsField({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation('kb');
  return (
    <Form.Item label={t('fields.questions')} extra={t('editor.questionsHelp')} required>
      <Form.List
        name="questions"
        rules={[
          {
            validator: async (_, value: string[] | undefined) => {
              if (!(value ?? []).some((q) => q?.trim())) throw new Error(t('editor.needQuestion'));
            },
          },
        ]}
      >
        {(rows, { add, remove, move }, { errors }) => (
          <div data-testid="kb-questions">
            {rows.map((row, index) => (
              <div key={row.key} style={{ display: 'flex', gap: 4, alignItems: 'flex-start' }}>
                <Form.Item
                  name={[row.name]}
                  rules={[
                    { whitespace: true, required: index === 0, message: t('editor.needQuestion') },
                    { max: LIMITS.question },
                  ]}
                  style={{ flex: 1, marginBottom: 8 }}
                >
                  <Input
                    maxLength={LIMITS.question}
                    prefix={index === 0 ? <Tag color="blue">{t('editor.titleMark')}</Tag> : undefined}
                    placeholder={index === 0 ? t('editor.titlePlaceholder') : t('editor.variantPlaceholder')}
                    aria-label={index === 0 ? t('editor.titleLabel') : t('editor.variantLabel', { n: index + 1 })}
                    data-testid="kb-question"
                  />
                </Form.Item>
                {!disabled && (
                  <>
                    <Button
                      type="text"
                      icon={<ArrowUpOutlined />}
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                      aria-label={t('editor.moveUp', { n: index + 1 })}
                      title={t('editor.moveUp', { n: index + 1 })}
                    />
                    <Button
                      type="text"
                      icon={<ArrowDownOutlined />}
                      disabled={index === rows.length - 1}
                      onClick={() => move(index, index + 1)}
                      aria-label={t('editor.moveDown', { n: index + 1 })}
                      title={t('editor.moveDown', { n: index + 1 })}
                    />
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      disabled={rows.length === 1}
                      onClick={() => remove(row.name)}
                      aria-label={t('editor.removeQuestion', { n: index + 1 })}
                      title={t('editor.removeQuestion', { n: index + 1 })}
                    />
                  </>
                )}
              </div>
            ))}
            <Form.ErrorList errors={errors} />
            {!disabled && rows.length < LIMITS.questions && (
              <Button icon={<PlusOutlined />} onClick={() => add('')} data-testid="kb-add-question">
                {t('editor.addQuestion')}
              </Button>
            )}
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}
