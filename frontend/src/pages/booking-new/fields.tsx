/** The booking form's first fields: lab, team, title, day and times, participants. */
import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { DateField, TimeField } from '../../components/DateTimeInput.tsx'
import { InputField } from '../../components/InputField.tsx'
import { FieldLabel } from '../../components/kit.tsx'
import { t, tn } from '../../i18n/index.ts'
import { today } from '../../lib/format.ts'
import type { BookingFormStore } from './form-store.ts'

export function LabField(props: { store: BookingFormStore }) {
  const { form, setForm, labsByHub, lab, labName } = props.store
  return (
    <div class="sc-field">
      <FieldLabel for="b-lab" label={t('form.lab')} required />
      <select id="b-lab" class="form-select" required value={form.labId} onChange={(e) => setForm('labId', e.currentTarget.value)}>
        <option value="">{t('form.chooseLab')}</option>
        <For each={labsByHub()}>
          {(g) => (
            <optgroup label={g.hub}>
              <For each={g.labs}>
                {(l) => (
                  <option value={l.id} selected={l.id === form.labId}>
                    {labName(l)} ({t(`labType.${l.type}`)}, {tn('catalogue.capacity', l.capacity)})
                  </option>
                )}
              </For>
            </optgroup>
          )}
        </For>
      </select>
      <Show when={lab()}>
        {(l) => (
          <p class="form-text small mb-0" id="b-lab-hub">
            <span class="fw-semibold">
              {l().hub?.name}
              <Show when={l().hub?.name}>{' · '}</Show>
            </span>
            {l().approvalRequired ? t('lab.approvalRequired') : t('lab.noApproval')} <A href={`/labs/${l().id}`}>{t('common.details')}</A>
          </p>
        )}
      </Show>
    </div>
  )
}

export function TeamField(props: { store: BookingFormStore }) {
  const { form, setForm, teams, staff } = props.store
  return (
    <div class="sc-field">
      <label for="b-team">{t('form.team')}</label>
      <Show when={teams().length > 0 || staff()} fallback={<p class="text-danger mb-0">{t('bookings.noTeam')}</p>}>
        <select id="b-team" class="form-select" value={form.teamId} onChange={(e) => setForm('teamId', e.currentTarget.value)}>
          <Show when={staff()}>
            <option value="">{t('form.staffNoTeam')}</option>
          </Show>
          <For each={teams()}>
            {(team) => (
              <option value={team.id} selected={team.id === form.teamId}>
                {team.name}
              </option>
            )}
          </For>
        </select>
      </Show>
    </div>
  )
}

export function TitleField(props: { store: BookingFormStore }) {
  const { form, setForm } = props.store
  return (
    <div class="sc-field">
      <FieldLabel for="b-title" label={t('form.activity')} required />
      <input
        id="b-title"
        class="form-control"
        required
        maxLength={200}
        aria-describedby="b-title-help"
        value={form.title}
        onInput={(e) => setForm('title', e.currentTarget.value)}
      />
      <small id="b-title-help" class="form-text">
        {t('form.activityHelp')}
      </small>
    </div>
  )
}

export function WhenFields(props: { store: BookingFormStore }) {
  const { form, setForm } = props.store
  return (
    <div class="row g-3">
      <DateField
        id="b-date"
        class="col-12 col-sm-5"
        label={t('form.date')}
        required
        min={today()}
        value={form.date}
        onValue={(v) => setForm('date', v)}
      />
      <TimeField
        id="b-start"
        class="col-6 col-sm-3"
        label={t('form.startTime')}
        required
        value={form.startTime}
        onValue={(v) => setForm('startTime', v)}
      />
      <TimeField
        id="b-end"
        class="col-6 col-sm-3"
        label={t('form.endTime')}
        required
        value={form.endTime}
        onValue={(v) => setForm('endTime', v)}
      />
    </div>
  )
}

export function ParticipantsField(props: { store: BookingFormStore }) {
  const { form, setForm, lab } = props.store
  return (
    <InputField
      id="b-participants"
      label={t('form.participants')}
      type="number"
      inputmode="numeric"
      min="1"
      max={lab()?.capacity}
      style={{ 'max-width': '10rem' }}
      value={form.participants}
      onValue={(v) => setForm('participants', v)}
    />
  )
}
