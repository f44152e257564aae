// What the compose form holds and the payload it makes: pure, so it is tested without a page.
import type { AdminPayload, BroadcastAudience, BroadcastChannel } from '../../../../common/admin-api.ts';
import { epochAt } from '../../components/zoned-time.ts';

export type AudienceKind = 'all' | 'groups' | 'on_shift' | 'emails';

export interface Draft {
  text_ru: string;
  text_en: string;
  audience: AudienceKind;
  groups: string[];
  /** As typed: one a line, or separated by commas or semicolons. */
  emails: string;
  telegram: boolean;
  email: boolean;
  when: 'now' | 'at';
  /** 'yyyy-MM-ddTHH:mm' (a datetime-local input), in the spreadsheet's time zone. */
  at: string;
}

export const EMPTY_DRAFT: Draft = { text_ru: '', text_en: '', audience: 'all', groups: [], emails: '', telegram: true, email: false, when: 'now', at: '' };

export function emailsOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
}

export function audienceOf(d: Draft): BroadcastAudience {
  switch (d.audience) {
    case 'all':
      return { all: true };
    case 'on_shift':
      return { on_shift: true };
    case 'groups':
      return { groups: d.groups };
    case 'emails':
      return { emails: emailsOf(d.emails) };
  }
}

export function channelsOf(d: Draft): BroadcastChannel[] {
  return [...(d.telegram ? (['telegram'] as const) : []), ...(d.email ? (['email'] as const) : [])];
}

/** The moment of `at` in the zone; undefined when sending now or not filled in. */
export function atOf(d: Draft, zone: string): number | undefined {
  if (d.when !== 'at') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(d.at);
  return m ? epochAt(m[1], m[2], zone) : undefined;
}

export function previewPayload(d: Draft, zone: string): AdminPayload<'broadcast.preview'> {
  const at = atOf(d, zone);
  return { text_ru: d.text_ru.trim(), text_en: d.text_en.trim(), audience: audienceOf(d), channels: channelsOf(d), ...(at === undefined ? {} : { at }) };
}
