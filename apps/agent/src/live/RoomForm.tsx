import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { LiveCardBody, LiveRoom, LiveRoomCreateBody, LiveRoomUpdateBody } from '@warmdesk/protocol';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Spin, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { AdminPage } from '../admin/shared/AdminPage';
import { useInboxes, useTeams, useUsers } from '../api/queries';
import { addCard, removeCard, useLiveRoom, useSaveRoom } from './api';
import { LIVE_NS } from './i18n';
import { SharePanel } from './SharePanel';

type CardRow = { id?: string; title: string; price?: string; imageUrl?: string; linkUrl: string };
type Values = {
  title: string;
  description?: string;
  coverUrl?: string;
  scheduledAt?: Dayjs | null;
  inboxId: string;
  teamId?: string | null;
  bitrateCapKbps: number;
  recording: boolean;
  coHostUserIds?: string[];
  cards?: CardRow[];
};

const blankToNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);
const cardBody = (c: CardRow): LiveCardBody => ({
  title: c.title,
  price: blankToNull(c.price),
  imageUrl: blankToNull(c.imageUrl),
  linkUrl: c.linkUrl.trim(),
});

/** Creates a room (/live/new) or edits one (/live/:id/edit): details, schedule, inbox, team, co-hosts, cards. */
export function RoomForm() {
  const { id } = useParams();
  const { t } = useTranslation(LIVE_NS);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const room = useLiveRoom(id);
  const save = useSaveRoom(id);
  const inboxes = useInboxes();
  const teams = useTeams();
  const users = useUsers();
  const [form] = Form.useForm<Values>();
  const widgetInboxes = (inboxes.data ?? []).filter((i) => i.type === 'web_widget');
  const firstInbox = widgetInboxes[0]?.id;
  // A new room goes to the first widget inbox unless another is picked (the list loads after the form).
  useEffect(() => {
    if (!id && firstInbox && !form.getFieldValue('inboxId')) form.setFieldValue('inboxId', firstInbox);
  }, [id, firstInbox, form]);

  if (id && !room.data) return <Spin style={{ margin: 48 }} />;
  const current = room.data;
  const initial: Partial<Values> = current
    ? {
        title: current.title,
        description: current.description,
        coverUrl: current.coverUrl ?? undefined,
        scheduledAt: current.scheduledAt ? dayjs(current.scheduledAt) : null,
        inboxId: current.inboxId,
        teamId: current.teamId,
        bitrateCapKbps: current.bitrateCapKbps,
        recording: current.recording,
        coHostUserIds: current.coHosts.map((c) => c.id),
        cards: current.cards.map((c) => ({
          id: c.id,
          title: c.title,
          price: c.price ?? undefined,
          imageUrl: c.imageUrl ?? undefined,
          linkUrl: c.linkUrl,
        })),
      }
    : { bitrateCapKbps: 1500, recording: false, inboxId: firstInbox, cards: [] };

  const submit = async (v: Values) => {
    const common = {
      title: v.title,
      description: v.description ?? '',
      coverUrl: blankToNull(v.coverUrl),
      scheduledAt: v.scheduledAt ? v.scheduledAt.toISOString() : null,
      teamId: v.teamId ?? null,
      bitrateCapKbps: v.bitrateCapKbps,
      recording: v.recording,
    };
    try {
      let saved: LiveRoom;
      if (current) {
        const body: LiveRoomUpdateBody = { ...common, coHostUserIds: v.coHostUserIds ?? [] };
        saved = await save.mutateAsync(body);
        await syncCards(current, v.cards ?? []);
      } else {
        const body: LiveRoomCreateBody = { ...common, inboxId: v.inboxId, cards: (v.cards ?? []).map(cardBody) };
        saved = await save.mutateAsync(body);
        if (v.coHostUserIds?.length) await save.mutateAsync({ coHostUserIds: v.coHostUserIds });
      }
      message.success(current ? t('form.saved') : t('form.created'));
      navigate(`/live/${saved.id}`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  /** Cards removed from the form are deleted, new rows added (existing cards keep their clicks). */
  const syncCards = async (before: LiveRoom, rows: CardRow[]) => {
    const kept = new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
    for (const card of before.cards) if (!kept.has(card.id)) await removeCard(before.id, card.id);
    for (const row of rows) if (!row.id) await addCard(before.id, cardBody(row));
  };

  return (
    <AdminPage title={current ? t('editRoom') : t('newRoom')}>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={(v) => void submit(v)}
          style={{ flex: '1 1 420px', maxWidth: 640 }}
          data-testid="live-room-form"
        >
          <Form.Item name="title" label={t('form.title')} rules={[{ required: true, max: 120 }]}>
            <Input data-testid="live-form-title" />
          </Form.Item>
          <Form.Item name="description" label={t('form.description')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} data-testid="live-form-description" />
          </Form.Item>
          <Form.Item name="coverUrl" label={t('form.coverUrl')} rules={[{ type: 'url' }]}>
            <Input placeholder="https://" />
          </Form.Item>
          <Form.Item name="scheduledAt" label={t('form.scheduledAt')}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="inboxId" label={t('form.inbox')} rules={[{ required: true }]}>
            <Select
              disabled={!!current}
              loading={inboxes.isLoading}
              options={(inboxes.data ?? [])
                .filter((i) => i.type === 'web_widget')
                .map((i) => ({ value: i.id, label: i.name }))}
              data-testid="live-form-inbox"
            />
          </Form.Item>
          <Form.Item name="teamId" label={t('form.team')}>
            <Select allowClear options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="bitrateCapKbps" label={t('form.bitrate')} rules={[{ required: true }]}>
              <InputNumber min={100} max={8000} step={100} />
            </Form.Item>
            <Form.Item name="recording" label={t('form.recording')} valuePropName="checked">
              <Switch data-testid="live-form-recording" />
            </Form.Item>
          </Space>
          <Form.Item name="coHostUserIds" label={t('form.coHosts')}>
            <Select
              mode="multiple"
              maxCount={5}
              optionFilterProp="label"
              options={(users.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <CardsFields />
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="live-form-submit">
            {t('common:save')}
          </Button>
        </Form>
        {current && (
          <div style={{ flex: '0 1 320px' }}>
            <SharePanel room={current} />
          </div>
        )}
      </div>
    </AdminPage>
  );
}

function CardsFields() {
  const { t } = useTranslation(LIVE_NS);
  return (
    <Form.List name="cards">
      {(fields, { add, remove }) => (
        <Card size="small" title={t('form.cards')} style={{ marginBottom: 16 }}>
          {fields.map((field) => (
            <Space key={field.key} align="start" wrap style={{ display: 'flex' }} data-testid="live-form-card">
              <Form.Item name={[field.name, 'title']} rules={[{ required: true, max: 120 }]}>
                <Input placeholder={t('form.cardTitle')} data-testid="live-form-card-title" />
              </Form.Item>
              <Form.Item name={[field.name, 'price']} rules={[{ max: 40 }]}>
                <Input placeholder={t('form.cardPrice')} style={{ width: 100 }} data-testid="live-form-card-price" />
              </Form.Item>
              <Form.Item name={[field.name, 'imageUrl']} rules={[{ type: 'url' }]}>
                <Input placeholder={t('form.cardImage')} />
              </Form.Item>
              <Form.Item name={[field.name, 'linkUrl']} rules={[{ required: true, type: 'url' }]}>
                <Input placeholder={t('form.cardLink')} data-testid="live-form-card-link" />
              </Form.Item>
              <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ title: '', linkUrl: '' })}
            data-testid="live-form-add-card"
          >
            {t('form.addCard')}
          </Button>
        </Card>
      )}
    </Form.List>
  );
}
