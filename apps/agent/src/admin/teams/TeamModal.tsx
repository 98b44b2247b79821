import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Team } from '@warmdesk/protocol';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { keys, useUsers } from '../../api/queries';
import { formErrorsOf, showFieldErrors } from '../shared/api-errors';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FormModal } from '../shared/FormModal';
import { useNotify } from '../shared/useNotify';

type Values = { name: string; skills: string[]; memberIds: string[] };

/** Creating a team (`team` null) or changing its name, skills and members. */
export function TeamModal({ open, team, onClose }: { open: boolean; team: Team | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const notify = useNotify();
  const users = useUsers();
  const [form] = Form.useForm<Values>();
  const errorsOf = (err: unknown) =>
    formErrorsOf(err, { conflict: { name: ['name'], errors: [t('teams.nameTaken')] } });
  const save = useMutation({
    mutationFn: (body: Values) =>
      team ? api<Team>(`/teams/${team.id}`, { method: 'PATCH', body }) : api<Team>('/teams', { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.teams });
      notify.done();
      onClose();
    },
    onError: (err) => showFieldErrors(form, errorsOf(err)),
  });
  const memberOptions = (users.data ?? [])
    .filter((u) => u.active || team?.memberIds.includes(u.id))
    .map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }));

  return (
    <FormModal
      open={open}
      title={team ? t('teams.editTitle', { name: team.name }) : t('teams.newTitle')}
      onCancel={onClose}
      onSubmit={() => form.submit()}
      saving={save.isPending}
      submitTestId="team-save"
      afterClose={save.reset}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ name: team?.name ?? '', skills: team?.skills ?? [], memberIds: team?.memberIds ?? [] }}
        onFinish={(values) => save.mutate({ ...values, name: values.name.trim() })}
      >
        <ErrorAlert error={save.error} shownOnFields={errorsOf(save.error).length > 0} />
        <Form.Item name="name" label={t('teams.fields.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="team-name" />
        </Form.Item>
        <Form.Item name="skills" label={t('teams.fields.skills')} extra={t('teams.skillsHelp')}>
          <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} data-testid="team-skills" />
        </Form.Item>
        <Form.Item name="memberIds" label={t('teams.fields.members')}>
          <Select
            mode="multiple"
            options={memberOptions}
            loading={users.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('teams.membersPlaceholder')}
            data-testid="team-members"
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
