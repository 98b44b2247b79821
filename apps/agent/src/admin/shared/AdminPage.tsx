import { Alert, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page of the console: title, a line about it, actions on the right, then the content. */
export function AdminPage(props: {
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
  error?: string | null;
  children: ReactNode;
}) {
  return (
    <section style={{ maxWidth: 1200 }}>
      <header
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'flex-start',
          justifyContent: 'space-between',
          gap: 12,
          marginBottom: 16,
        }}
      >
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {props.title}
          </Typography.Title>
          {props.description && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {props.description}
            </Typography.Text>
          )}
        </div>
        {props.extra && <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>{props.extra}</div>}
      </header>
      {props.error && <Alert type="error" showIcon title={props.error} style={{ marginBottom: 16 }} />}
      {props.children}
    </section>
  );
}
