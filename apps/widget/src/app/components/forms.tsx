import type { PreChatField } from '@warmdesk/protocol';
import { useState } from 'preact/hooks';
import type { Translate } from '../i18n.js';

type Values = Record<string, string>;

function Field(props: {
  id: string;
  label: string;
  type?: 'text' | 'email' | 'tel';
  required?: boolean;
  multiline?: boolean;
  options?: string[];
  value: string;
  onChange: (value: string) => void;
  t: Translate;
}) {
  const { id, label, required, value, onChange, t } = props;
  const read = (e: Event) => onChange((e.currentTarget as HTMLInputElement).value);
  return (
    <label class="wd-field" for={id}>
      <span>
        {label} {required ? <abbr title={t('required')}>*</abbr> : <small>({t('optional')})</small>}
      </span>
      {props.options ? (
        <select id={id} required={required} value={value} onChange={read}>
          <option value="">{t('choose')}</option>
          {props.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : props.multiline ? (
        <textarea id={id} required={required} value={value} onInput={read} rows={4} />
      ) : (
        <TextInput id={id} type={props.type ?? 'text'} required={required} value={value} onInput={read} />
      )}
    </label>
  );
}

/** Preact's input typings want a literal `type`; one branch per kind keeps them exact. */
function TextInput(p: {
  id: string;
  type: 'text' | 'email' | 'tel';
  required?: boolean;
  value: string;
  onInput: (e: Event) => void;
}) {
  const { type, ...rest } = p;
  if (type === 'email') return <input type="email" {...rest} />;
  if (type === 'tel') return <input type="tel" {...rest} />;
  return <input type="text" {...rest} />;
}

const inputType = (f: PreChatField): 'text' | 'email' | 'tel' =>
  f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : 'text';

/** The inbox's pre-chat form; name, email and phone go to the contact, the rest to its attributes. */
export function PreChatForm(props: {
  fields: PreChatField[];
  t: Translate;
  onSubmit: (profile: Values, attributes: Values) => Promise<void>;
}) {
  const { fields, t } = props;
  const [values, setValues] = useState<Values>({});
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="wd-form"
      data-testid="warmdesk-prechat"
      onSubmit={(e) => {
        e.preventDefault();
        const profile: Values = {};
        const attributes: Values = {};
        for (const f of fields) {
          const v = values[f.key]?.trim();
          if (!v) continue;
          if (f.type === 'name' || f.type === 'email' || f.type === 'phone') profile[f.type] = v;
          else attributes[f.type === 'topic' ? 'topic' : f.key] = v;
        }
        props.onSubmit(profile, attributes).catch((err: Error) => setError(err.message));
      }}
    >
      <h2>{t('preChatTitle')}</h2>
      {fields.map((f) => (
        <Field
          key={f.key}
          id={`wd-${f.key}`}
          label={f.label}
          type={inputType(f)}
          required={f.required}
          options={f.type === 'topic' ? (f.options ?? []) : undefined}
          value={values[f.key] ?? ''}
          onChange={(v) => setValues({ ...values, [f.key]: v })}
          t={t}
        />
      ))}
      {error && (
        <p class="wd-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="wd-primary">
        {t('preChatSubmit')}
      </button>
    </form>
  );
}

/** Leaving a message while nobody is there (or instead of waiting): the message and a way to be reached. */
export function LeaveMessageForm(props: {
  t: Translate;
  intro?: string;
  onCancel?: () => void;
  onSubmit: (body: { content: string; name?: string; email?: string; phone?: string }) => Promise<void>;
}) {
  const { t } = props;
  const [v, setV] = useState<Values>({});
  const [error, setError] = useState<string | null>(null);
  const set = (key: string) => (value: string) => setV({ ...v, [key]: value });
  return (
    <form
      class="wd-form"
      data-testid="warmdesk-leave-message"
      onSubmit={(e) => {
        e.preventDefault();
        const pick = (k: string) => v[k]?.trim() || undefined;
        if (!pick('email') && !pick('phone')) return setError(t('leaveNeedContact'));
        props
          .onSubmit({ content: v.content ?? '', name: pick('name'), email: pick('email'), phone: pick('phone') })
          .catch((err: Error) => setError(err.message));
      }}
    >
      <h2>{t('leaveTitle')}</h2>
      <p>{props.intro ?? t('leaveIntro')}</p>
      <Field
        id="wd-content"
        label={t('leaveMessage')}
        required
        multiline
        value={v.content ?? ''}
        onChange={set('content')}
        t={t}
      />
      <Field id="wd-name" label={t('name')} value={v.name ?? ''} onChange={set('name')} t={t} />
      <Field id="wd-email" label={t('email')} type="email" value={v.email ?? ''} onChange={set('email')} t={t} />
      <Field id="wd-phone" label={t('phone')} type="tel" value={v.phone ?? ''} onChange={set('phone')} t={t} />
      {error && (
        <p class="wd-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="wd-primary">
        {t('leaveSubmit')}
      </button>
      {props.onCancel && (
        <button type="button" class="wd-link" onClick={props.onCancel}>
          {t('back')}
        </button>
      )}
    </form>
  );
}
