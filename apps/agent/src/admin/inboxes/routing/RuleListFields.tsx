import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Form, Input, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Option = { value: string; label: string };
const MAX_RULES = 50;

/** One list of routing rules: per row a condition (`field`) and the team it sends to. */
function RuleList(props: {
  name: 'topicRules' | 'entryRules';
  field: 'topic' | 'urlContains';
  label: string;
  help: string;
  condition: ReactNode;
  teams: Option[];
}) {
  const { t } = useTranslation('routing');
  return (
    <Form.Item label={props.label} extra={props.help}>
      <Form.List name={props.name}>
        {(rows, { add, remove }) => (
          <div data-testid={`routing-${props.name}`}>
            {rows.map((row) => (
              <div
                key={row.key}
                style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}
                data-testid="routing-rule"
              >
                <Form.Item
                  name={[row.name, props.field]}
                  rules={[{ required: true, whitespace: true, message: t('required') }, { max: 200 }]}
                  style={{ flex: '1 1 200px', marginBottom: 8 }}
                >
                  {props.condition}
                </Form.Item>
                <Form.Item
                  name={[row.name, 'teamId']}
                  rules={[{ required: true, message: t('required') }]}
                  style={{ flex: '1 1 180px', marginBottom: 8 }}
                >
                  <Select options={props.teams} placeholder={t('chooseTeam')} aria-label={t('team')} />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('remove')}
                  title={t('remove')}
                  onClick={() => remove(row.name)}
                />
              </div>
            ))}
            {rows.length < MAX_RULES && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ [props.field]: '', teamId: undefined })}
                data-testid={`routing-add-${props.name}`}
              >
                {t('addRule')}
              </Button>
            )}
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** Topic rules (pre-chat topic -> team) and entry-page rules (URL contains -> team). */
export function RuleListFields({ topics, teams }: { topics: string[]; teams: Option[] }) {
  const { t } = useTranslation('routing');
  const topicOptions = topics.map((x) => ({ value: x, label: x }));
  return (
    <>
      <RuleList
        name="topicRules"
        field="topic"
        label={t('topicRules')}
        help={topics.length > 0 ? t('topicRulesHelp') : `${t('topicRulesHelp')} ${t('noTopics')}`}
        teams={teams}
        condition={
          topics.length > 0 ? (
            <AutoComplete options={topicOptions} placeholder={t('topic')} aria-label={t('topic')} />
          ) : (
            <Input placeholder={t('topic')} aria-label={t('topic')} />
          )
        }
      />
      <RuleList
        name="entryRules"
        field="urlContains"
        label={t('entryRules')}
        help={t('entryRulesHelp')}
        teams={teams}
        condition={<Input placeholder={t('urlContainsPlaceholder')} aria-label={t('urlContains')} />}
      />
    </>
  );
}
