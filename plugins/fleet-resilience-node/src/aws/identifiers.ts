import { InputError } from '@backstage/errors';
import type { AccountRegion } from '../sources/types';

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && ACCOUNT_ID.test(value);
}

export function isRegion(value: unknown): value is string {
  return typeof value === 'string' && REGION.test(value);
}

/** Refuses an account ID or region that could not be real before it reaches a client or a URL. */
export function checkAccountRegion(target: AccountRegion): AccountRegion {
  if (!isAccountId(target.accountId)) {
    throw new InputError(
      `'${target.accountId}' is not a 12-digit AWS account ID`,
    );
  }
  if (!isRegion(target.region)) {
    throw new InputError(
      `'${target.region}' is not an AWS region code like us-east-1`,
    );
  }
  return target;
}

/** `<account>/<region>`, as problems and errors name a scope. */
export function scopeName(target: AccountRegion): string {
  return `${target.accountId}/${target.region}`;
}
