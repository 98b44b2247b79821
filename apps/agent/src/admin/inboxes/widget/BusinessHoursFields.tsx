import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Select, Space, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { timeZoneOptions } from '../../shared/time-zones';
import { DAYS, type Day, TIME_OPTIONS, type TimeRange } from './settings-model';

const MAX_RANGES = 4;
const WORKDAYS: Day[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** Closed dates; a wrapper, as the multiple-date picker passes no test id or id to its own element. */
function HolidaysPicker(props: { value?: Dayjs[]; onChange?: (dates: Dayjs[]) => void }) {
  return (
    <div data-testid="widget-holidays">
      <DatePicker
        multiple
        maxTagCount="responsive"
        value={props.value}
        onChange={(dates) => props.onChange?.(dates ?? [])}
        style={{ width: '100%' }}
      />
    </div>
  );
}

/** One weekday: its opening ranges (none: closed that day). */
function DayRow({ day }: { day: Day }) {
  const { t } = useTranslation('admin');
  return (
    <Form.List name={['businessHours', 'weekly', day]}>
      {(rows, { add, remove }) => (
        <div
          style={{ display: 'flex', gap: 12, padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
          data-testid={`hours-${day}`}
        >
          <Typography.Text strong style={{ width: 64, flex: 'none', lineHeight: '32px' }}>
            {t(`widget.hours.days.${day}`)}
          </Typography.Text>
          <div style={{ flex: 1, minWidth: 0 }}>
            {rows.length === 0 && (
              <Typography.Text type="secondary" style={{ lineHeight: '32px', marginRight: 8 }}>
                {t('widget.hours.closed')}
              </Typography.Text>
            )}
            {rows.map((row) => (
              <Space key={row.key} align="start" wrap style={{ marginBottom: 4 }}>
                <Form.Item name={[row.name, 'from']} style={{ marginBottom: 0 }}>
                  <Select options={TIME_OPTIONS} showSearch style={{ width: 96 }} aria-label={t('widget.hours.from')} />
                </Form.Item>
                <span style={{ lineHeight: '32px' }}>–</span>
                <Form.Item
                  name={[row.name, 'to']}
                  dependencies={[['businessHours', 'weekly', day, row.name, 'from']]}
                  style={{ marginBottom: 0 }}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: async (_, to: string) => {
                        const from = getFieldValue(['businessHours', 'weekly', day, row.name, 'from']) as string;
                        if (from && to && from >= to) throw new Error(t('widget.hours.order'));
                      },
                    }),
                  ]}
                >
                  <Select options={TIME_OPTIONS} showSearch style={{ width: 96 }} aria-label={t('widget.hours.to')} />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('common.remove')}
                  onClick={() => remove(row.name)}
                />
              </Space>
            ))}
            {rows.length < MAX_RANGES && (
              <Button
                type="link"
                size="small"
                icon={<PlusOutlined />}
                onClick={() => add(rows.length ? { from: '13:00', to: '18:00' } : { from: '09:00', to: '18:00' })}
                style={{ paddingInline: 0 }}
              >
                {rows.length ? t('widget.hours.addRange') : t('widget.hours.open')}
              </Button>
            )}
          </div>
        </div>
      )}
    </Form.List>
  );
}

/** When the inbox is staffed: time zone, weekly hours and closed dates. Outside them the widget takes messages. */
export function BusinessHoursFields() {
  const { t } = useTranslation('admin');
  const form = Form.useFormInstance();
  const enabled = Form.useWatch(['businessHours', 'enabled'], form) as boolean | undefined;
  const zones = useMemo(timeZoneOptions, []);
  const fillWorkdays = () => {
    const range: TimeRange = { from: '09:00', to: '18:00' };
    for (const d of DAYS) form.setFieldValue(['businessHours', 'weekly', d], WORKDAYS.includes(d) ? [range] : []);
  };

  return (
    <>
      <Form.Item
        name={['businessHours', 'enabled']}
        label={t('widget.hours.enabled')}
        extra={t('widget.hours.help')}
        valuePropName="checked"
      >
        <Switch data-testid="widget-hours-enabled" />
      </Form.Item>
      <div style={enabled ? undefined : { opacity: 0.55 }}>
        <Form.Item name={['businessHours', 'timezone']} label={t('widget.hours.timezone')}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={zones} data-testid="widget-hours-timezone" />
        </Form.Item>
        <Form.Item label={t('widget.hours.weekly')} style={{ marginBottom: 8 }}>
          <Button size="small" onClick={fillWorkdays}>
            {t('widget.hours.workdays')}
          </Button>
        </Form.Item>
        <div style={{ marginBottom: 16 }}>
          {DAYS.map((d) => (
            <DayRow key={d} day={d} />
          ))}
        </div>
        <Form.Item
          name={['businessHours', 'holidays']}
          label={t('widget.hours.holidays')}
          extra={t('widget.hours.holidaysHelp')}
        >
          <HolidaysPicker />
        </Form.Item>
      </div>
    </>
  );
}
