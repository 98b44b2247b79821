import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { PreviewPanel } from './PreviewPanel';
import { foregroundOn, HEX_COLOR, type WidgetFormValues } from './settings-model';

export type PreviewView = 'chat' | 'preChat';

/**
 * A mock of the widget as customers will see it, drawn from the unsaved form: the launcher in the chosen colour
 * and side, the panel's header, the greeting, and the pre-chat form when it is on.
 */
export function WidgetPreview(props: {
  values: Partial<WidgetFormValues>;
  inboxName: string;
  /** Which screen to show when the pre-chat form is on (null: the form, as customers first see it). */
  view: PreviewView | null;
  onViewChange: (view: PreviewView) => void;
}) {
  const { values, inboxName, view } = props;
  const { t, i18n } = useTranslation('admin');
  const color = values.color && HEX_COLOR.test(values.color) ? values.color : '#1f6feb';
  const left = values.position === 'left';
  const lng = values.locale && values.locale !== 'auto' ? values.locale : i18n.language;
  const fields = values.preChat?.enabled ? (values.preChat.fields ?? []).filter(Boolean) : [];
  const shown: PreviewView = fields.length === 0 ? 'chat' : (view ?? 'preChat');

  return (
    <div data-testid="widget-preview">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <strong>{t('widget.preview.title')}</strong>
        {fields.length > 0 && (
          <Segmented<PreviewView>
            size="small"
            value={shown}
            onChange={props.onViewChange}
            options={[
              { value: 'preChat', label: t('widget.preview.preChat') },
              { value: 'chat', label: t('widget.preview.chat') },
            ]}
          />
        )}
      </div>
      <div
        style={{
          position: 'relative',
          height: 560,
          borderRadius: 12,
          border: '1px solid #e4e7eb',
          background: 'repeating-linear-gradient(135deg, #f6f7f9 0 12px, #f0f2f5 12px 24px)',
          overflow: 'hidden',
        }}
      >
        <div
          style={{
            position: 'absolute',
            bottom: 88,
            [left ? 'left' : 'right']: 16,
            width: 'min(320px, calc(100% - 32px))',
            height: 440,
            borderRadius: 12,
            overflow: 'hidden',
            background: '#fff',
            boxShadow: '0 8px 28px rgba(0,0,0,0.18)',
          }}
        >
          <PreviewPanel
            color={color}
            title={values.title?.trim() || inboxName}
            logoUrl={values.logoUrl?.trim() || null}
            greeting={values.greeting?.trim() ?? ''}
            fields={shown === 'preChat' ? fields : null}
            lng={lng}
          />
        </div>
        <div
          data-testid="widget-preview-launcher"
          style={{
            position: 'absolute',
            bottom: 20,
            [left ? 'left' : 'right']: 20,
            width: 56,
            height: 56,
            borderRadius: '50%',
            background: color,
            color: foregroundOn(color),
            display: 'grid',
            placeItems: 'center',
            boxShadow: '0 4px 14px rgba(0,0,0,0.27)',
          }}
        >
          <svg viewBox="0 0 24 24" width="28" height="28" fill="currentColor" aria-hidden="true">
            <path d="M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z" />
          </svg>
        </div>
      </div>
    </div>
  );
}
