// Shared test pieces for the login tests: a node:crypto HMAC (the same function Utilities computes) and
// employee rows.
import { createHmac } from 'node:crypto';
import type { Employee } from '../../appsscript/src/domain/model.ts';

export const nodeHmac = (data: string, key: string): string => createHmac('sha256', key).update(data, 'utf8').digest('base64url');

export function employee(over: Partial<Employee> = {}): Employee {
  return {
    id: 'E1',
    email: 'anna@example.com',
    name: 'Анна Петрова',
    group: 'Support',
    role: 'employee',
    timezone: '',
    telegram_chat_id: '',
    token_version: 1,
    active: true,
    ...over,
  };
}
