import type { PreChatField } from '@warmdesk/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { foregroundOn } from './settings-model';

const BORDER = '1px solid #d0d7de';
const inputStyle = { border: BORDER, borderRadius: 6, padding: '6px 9px', background: '#fff', minHeight: 32 };

/** The panel of the widget mock: header, then either the pre-chat form or the conversation with its greeting. */
export function PreviewPanel(props: {
  color: string;
  title: string;
  logoUrl: string | null;
  greeting: string;
  fields: PreChatField[] | null;
  lng: string;
}) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(props.lng, 'admin', 'widget.preview');
  const fg = foregroundOn(props.color);
  // A logo this page may not load (another site, blocked by the console's CSP, or a typo) falls back to the initial.
  const [brokenLogo, setBrokenLogo] = useState<string | null>(null);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', fontSize: 13 }}>
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 10,
          padding: '12px 14px',
          background: props.color,
          color: fg,
        }}
      >
        {props.logoUrl && props.logoUrl !== brokenLogo ? (
          <img
            src={props.logoUrl}
            alt=""
            onError={() => setBrokenLogo(props.logoUrl)}
            style={{ width: 34, height: 34, borderRadius: '50%', objectFit: 'cover' }}
          />
        ) : (
          <span
            aria-hidden="true"
            style={{
              width: 34,
              height: 34,
              borderRadius: '50%',
              background: 'rgba(255,255,255,0.25)',
              display: 'grid',
              placeItems: 'center',
              fontWeight: 600,
            }}
          >
            {props.title.slice(0, 1)}
          </span>
        )}
        <div style={{ flex: 1, minWidth: 0 }}>
          <div
            style={{
              fontWeight: 600,
              fontSize: 15,
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              whiteSpace: 'nowrap',
            }}
            data-testid="widget-preview-title"
          >
            {props.title}
          </div>
          <div style={{ fontSize: 12, opacity: 0.9 }}>{t('online')}</div>
        </div>
        <span aria-hidden="true" style={{ fontSize: 20, lineHeight: 1 }}>
          ×
        </span>
      </div>
      {props.fields ? (
        <div style={{ flex: 1, overflow: 'auto', padding: 14, display: 'flex', flexDirection: 'column', gap: 10 }}>
          <div style={{ fontWeight: 600, fontSize: 15 }}>{t('preChatTitle')}</div>
          {props.fields.map((f) => (
            <div key={f.key} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
              <span>
                {f.label || f.key}{' '}
                {f.required ? (
                  <span style={{ color: '#cf222e' }}>*</span>
                ) : (
                  <small style={{ color: '#57606a' }}>({t('optional')})</small>
                )}
              </span>
              <div style={{ ...inputStyle, color: '#8c959f' }}>
                {f.type === 'topic' ? `${(f.options ?? []).join(' / ') || t('choose')} ▾` : ''}
              </div>
            </div>
          ))}
          <div
            style={{
              alignSelf: 'flex-start',
              background: props.color,
              color: fg,
              borderRadius: 8,
              padding: '7px 14px',
            }}
          >
            {t('start')}
          </div>
        </div>
      ) : (
        <>
          <div
            style={{ flex: 1, padding: 12, background: '#f6f8fa', display: 'flex', flexDirection: 'column', gap: 8 }}
          >
            {props.greeting && (
              <div
                data-testid="widget-preview-greeting"
                style={{
                  alignSelf: 'flex-start',
                  maxWidth: '80%',
                  padding: '8px 12px',
                  borderRadius: 14,
                  background: '#fff',
                  boxShadow: '0 1px 1px rgba(0,0,0,0.06)',
                  whiteSpace: 'pre-wrap',
                  overflowWrap: 'anywhere',
                }}
              >
                {props.greeting}
              </div>
            )}
            <div
              style={{
                alignSelf: 'flex-end',
                maxWidth: '80%',
                padding: '8px 12px',
                borderRadius: 14,
                background: props.color,
                color: fg,
              }}
            >
              {t('sample')}
            </div>
          </div>
          <div style={{ display: 'flex', gap: 6, padding: 8, borderTop: BORDER }}>
            <div style={{ ...inputStyle, flex: 1, color: '#8c959f' }}>{t('placeholder')}</div>
            <div style={{ background: props.color, color: fg, borderRadius: 8, padding: '6px 14px' }}>{t('send')}</div>
          </div>
        </>
      )}
    </div>
  );
}
