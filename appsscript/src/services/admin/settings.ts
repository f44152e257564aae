// Settings: the Settings tab's keys an admin edits (SETTING_KEYS), the spreadsheet's time zone, and the
// secrets in Script Properties (SECRET_NAMES). A secret is set or replaced, never read back: the console only
// learns whether each is set, and the Audit says that it was replaced, never what to.
//
// One save can change three stores (the Settings tab, the spreadsheet's time zone, Script Properties), so
// unlike a single-row save it can be cut between them. Hence, under the script lock and in this order: the
// Audit row keyed by request_id, then the zone, then Settings, then the secrets; a retry that finds its own
// Audit row skips the version check (the version moved because of its own first try) and makes what is
// still missing, so nothing is doubled or lost. A change of the check interval or the zone re-installs the
// triggers, after the lock (installing takes the lock itself); a retry that finds nothing left to change
// but its Audit row there re-installs too, in case the cut came before that.
//
// A zone Sheets refuses fails the save after its Audit row is written, before anything else is changed (no
// service can tell a valid zone beforehand: Utilities quietly formats an unknown zone as GMT). The console
// offers zones from a list, so this takes a mistyped zone sent to the API by hand, and the Audit row then
// names a change that never took.
import { SECRET_NAMES, SETTING_KEYS, type AdminParsed, type AdminReplies, type SettingKey } from '../../../../common/admin-api.ts';
import { BadRequest, Conflict } from '../../errors.ts';
import type { AdminDeps } from './deps.ts';
import { appendAudit, auditedAlready } from './audited.ts';
import { rowVersion } from './keyed-tab.ts';

type SettingsReply = AdminReplies['settings.get'];

/** Settings whose change moves the triggers (a new zone moves the daily runs as well). */
const TRIGGER_KEYS: readonly SettingKey[] = ['check_interval_minutes'];

export function getSettings(deps: AdminDeps): SettingsReply {
  return snapshot(deps, deps.tables().settings());
}

export function saveSettings(deps: AdminDeps, req: AdminParsed<'settings.save'>): SettingsReply {
  const done = deps.withLock(() => {
    const tables = deps.tables();
    const settings = tables.settings();
    const current = snapshot(deps, settings);
    const values = new Map<string, string>();
    for (const key of SETTING_KEYS) {
      const wanted = req.values[key];
      if (wanted !== undefined && wanted !== current.values[key]) values.set(key, wanted);
    }
    const zone = req.time_zone !== undefined && req.time_zone !== '' && req.time_zone !== current.time_zone ? req.time_zone : null;
    // Sheets keeps a date-time as the wall-clock time it shows: a new zone would silently move every time
    // already recorded. So the zone is chosen before the first status change, never after.
    if (zone !== null && !tables.isEmpty('Log')) {
      const message = 'the time zone can only change before the first status is recorded / часовой пояс меняется только до первой записи статуса';
      throw new BadRequest(`The time zone cannot change once statuses are recorded (it would move every recorded time)`, `Часовой пояс нельзя менять, когда статусы уже записаны (сдвинулись бы все записанные времена)`, {
        fields: [{ field: 'time_zone', message }],
      });
    }
    const secrets = SECRET_NAMES.filter((name) => (req.secrets?.[name] ?? '') !== '');
    const retried = auditedAlready(deps, req.request_id);
    if (values.size === 0 && zone === null && secrets.length === 0) return { reply: current, settings, reinstall: retried };
    if (!retried) {
      if (req.version !== undefined && req.version !== current.version) {
        throw new Conflict('Someone changed the settings since you opened them; here is what they are now', 'Кто-то изменил настройки, пока вы редактировали; вот текущие значения', {
          current,
        });
      }
      const changed = [...values.keys()];
      appendAudit(deps, req.request_id, {
        action: 'settings.save',
        target: 'settings',
        before: { ...pick(current.values, changed), ...(zone ? { time_zone: current.time_zone } : {}) },
        after: {
          ...Object.fromEntries(values),
          ...(zone ? { time_zone: zone } : {}),
          ...(secrets.length ? { secrets: Object.fromEntries(secrets.map((name) => [name, 'replaced'])) } : {}),
        },
      });
    }
    // The zone first: it is the one change Sheets may refuse, and then nothing else is made.
    if (zone !== null) setZone(deps, zone);
    if (values.size > 0) tables.setSettings(values);
    for (const name of secrets) deps.secrets.set(name, req.secrets?.[name] ?? '');
    const after = new Map(settings);
    for (const [key, value] of values) after.set(key, value);
    return { reply: snapshot(deps, after, zone ?? current.time_zone), settings: after, reinstall: zone !== null || TRIGGER_KEYS.some((k) => values.has(k)) || retried };
  });
  // As after every admin save (and as onEdit does after a hand edit of Settings).
  deps.invalidateReference();
  if (done.reinstall) deps.reinstallTriggers(done.settings);
  return done.reply;
}

/** `zone` when the caller knows it (it just set it): asking Sheets again would cost a call. */
function snapshot(deps: AdminDeps, settings: ReadonlyMap<string, string>, zone?: string): SettingsReply {
  const values = Object.fromEntries(SETTING_KEYS.map((k) => [k, settings.get(k) ?? ''])) as Record<SettingKey, string>;
  const timeZone = zone ?? deps.spreadsheet.timeZone();
  return {
    values,
    time_zone: timeZone,
    secrets: Object.fromEntries(SECRET_NAMES.map((name) => [name, deps.secrets.isSet(name)])) as SettingsReply['secrets'],
    // Secrets are left out: whether one is set is no edit anyone could overwrite by accident.
    version: rowVersion([...SETTING_KEYS.map((k) => values[k]), timeZone]),
  };
}

function setZone(deps: AdminDeps, zone: string): void {
  try {
    deps.spreadsheet.setTimeZone(zone);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new BadRequest(`Sheets did not take the time zone ${zone} (${why})`, `Таблица не приняла часовой пояс ${zone} (${why})`, {
      fields: [{ field: 'time_zone', message: `not a time zone Sheets knows: ${zone} / Таблица не знает такого часового пояса: ${zone}` }],
    });
  }
}

function pick(values: Record<string, string>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, values[k]]));
}
