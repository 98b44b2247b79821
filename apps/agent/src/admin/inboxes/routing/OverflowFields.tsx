import { Checkbox, Form, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';

type Option = { value: string; label: string };

/** Overflow: thresholds (queue length, estimated wait), what the customer is offered, a spill team. */
export function OverflowFields({ teams }: { teams: Option[] }) {
  const { t } = useTranslation('routing');
  const enabled = Form.useWatch(['overflow', 'enabled']) as boolean | undefined;
  return (
    <>
      <Form.Item
        name={['overflow', 'enabled']}
        label={t('overflow.enabled')}
        extra={t('overflow.help')}
        valuePropName="checked"
      >
        <Switch data-testid="routing-overflow-enabled" />
      </Form.Item>
      <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }}>
        <Form.Item name={['overflow', 'maxQueueLength']} label={t('overflow.maxQueueLength')}>
          <InputNumber
            min={1}
            max={100_000}
            precision={0}
            placeholder={t('overflow.noLimit')}
            disabled={!enabled}
            style={{ width: 180 }}
            data-testid="routing-overflow-length"
          />
        </Form.Item>
        <Form.Item name={['overflow', 'maxWaitSeconds']} label={t('overflow.maxWaitSeconds')}>
          <InputNumber
            min={1}
            max={86_400}
            precision={0}
            placeholder={t('overflow.noLimit')}
            disabled={!enabled}
            style={{ width: 180 }}
            data-testid="routing-overflow-wait"
          />
        </Form.Item>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 24 }}>
        <Form.Item name={['overflow', 'offerMessage']} valuePropName="checked">
          <Checkbox disabled={!enabled}>{t('overflow.offerMessage')}</Checkbox>
        </Form.Item>
        <Form.Item name={['overflow', 'offerCallback']} valuePropName="checked">
          <Checkbox disabled={!enabled}>{t('overflow.offerCallback')}</Checkbox>
        </Form.Item>
        <Form.Item name={['overflow', 'offerBot']} valuePropName="checked">
          <Checkbox disabled={!enabled} data-testid="routing-overflow-bot">
            {t('overflow.offerBot')}
          </Checkbox>
        </Form.Item>
      </div>
      <Form.Item name={['overflow', 'spillTeamId']} label={t('overflow.spillTeam')} extra={t('overflow.spillTeamHelp')}>
        <Select
          allowClear
          options={teams}
          placeholder={t('overflow.noSpill')}
          disabled={!enabled}
          style={{ maxWidth: 320 }}
          data-testid="routing-overflow-spill"
        />
      </Form.Item>
    </>
  );
}
