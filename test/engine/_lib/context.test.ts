// The engine's shared option reader and helpers (src/engine/_lib/context.ts): every
// refused option is a whole `invalid_option` error (option, reason, message in en and
// zh-CN), checked through the public functions; the small pure helpers directly.
import { describe, expect, it } from 'vitest';
import { checkTime, eventBase, lastEventTime, readOptions, shown } from '../../../src/engine/_lib/context.js';
import { evaluateTransition, type FunnelError, makeIssue, nextSteps, parseCustomer, transition, type Customer, type FunnelIssue, type Opportunity } from '../../../src/index.js';
import { CREATED, hours, makeDeal, makePipeline, thrown } from '../_fixtures.js';

const pipeline = makePipeline();


/** The whole `invalid_option` error: code, params, and the message in both locales. */
function expectInvalidOption(e: FunnelError, option: string, reason: Record<string, unknown>, en: string, zh: string): void {
  expect(e.code).toBe('invalid_option');
  expect(e.params).toEqual({ option, reason });
  expect(e.message).toBe(`Invalid option "${option}": ${en}.`);
  expect(e.localizedMessage('zh-CN')).toBe(`选项“${option}”无效：${zh}。`);
}

const customer: Customer = parseCustomer({ id: 'acme', name: 'Acme', contacts: [{ id: 'ct-wang', name: '王总', role: 'decision_maker' }] });

describe('readOptions: the options object itself', () => {
  it('refuses options that are not an object (a string, a number, null)', () => {
    for (const bad of ['fast', 42, null]) {
      expectInvalidOption(
        thrown(() => evaluateTransition(makeDeal(), pipeline, { type: 'suspend' }, bad as never)),
        'options',
        { code: 'must_be_object', en: 'must be an object', 'zh-CN': '必须是对象' },
        'must be an object',
        '必须是对象',
      );
    }
  });

  it('without options at all, reads the defaults (English, no time, nothing else)', () => {
    expect(readOptions(undefined, false)).toEqual({
      locale: 'en',
      at: undefined,
      by: undefined,
      guards: undefined,
      expectedVersion: undefined,
      idempotencyKey: undefined,
      customer: undefined,
    });
  });

  it('a changing function needs `at`: at_required', () => {
    expectInvalidOption(
      thrown(() => transition(makeDeal(), pipeline, { type: 'suspend' }, {} as never)),
      'at',
      { code: 'at_required', en: 'is required: pass the time of the change', 'zh-CN': '必须提供：请传入变更发生的时间' },
      'is required: pass the time of the change',
      '必须提供：请传入变更发生的时间',
    );
    // A dry run may go without it.
    expect(readOptions({}, false).at).toBeUndefined();
  });
});

describe('readOptions: each option', () => {
  it('`by` must be a non-empty string (an empty one and a number are refused)', () => {
    for (const by of ['', 7]) {
      expectInvalidOption(
        thrown(() => transition(makeDeal(), pipeline, { type: 'suspend' }, { at: hours(1), by: by as never })),
        'by',
        { code: 'must_be_user_id', en: 'must be a non-empty user id', 'zh-CN': '必须是非空的用户 ID' },
        'must be a non-empty user id',
        '必须是非空的用户 ID',
      );
    }
    expect(readOptions({ by: 'rep-zhang' }, false).by).toBe('rep-zhang');
  });

  it('`guards` must be an object (a string and null are refused)', () => {
    for (const guards of ['creditApproved', null]) {
      expectInvalidOption(
        thrown(() => evaluateTransition(makeDeal(), pipeline, { type: 'advance' }, { guards: guards as never })),
        'guards',
        { code: 'guards_shape', en: 'must be an object of named functions', 'zh-CN': '必须是由命名函数组成的对象' },
        'must be an object of named functions',
        '必须是由命名函数组成的对象',
      );
    }
  });

  it('a registered guard that is not a function is refused when its task is checked', () => {
    const inProposal = makeDeal({ stageId: 'proposal', history: [{ type: 'created', at: CREATED, stageId: 'proposal' }] });
    expectInvalidOption(
      thrown(() => evaluateTransition(inProposal, pipeline, { type: 'advance' }, { guards: { creditApproved: 42 } as never })),
      'guards.creditApproved',
      { code: 'must_be_function', en: 'must be a function', 'zh-CN': '必须是函数' },
      'must be a function',
      '必须是函数',
    );
  });

  it('`idempotencyKey` must be a non-empty string of at most 190 characters', () => {
    for (const key of ['', 'k'.repeat(191), 5]) {
      expectInvalidOption(
        thrown(() => transition(makeDeal(), pipeline, { type: 'suspend' }, { at: hours(1), idempotencyKey: key as never })),
        'idempotencyKey',
        {
          code: 'idempotency_key_shape',
          params: { max: 190 },
          en: 'must be a non-empty string of at most 190 characters',
          'zh-CN': '必须是不超过 190 个字符的非空字符串',
        },
        'must be a non-empty string of at most 190 characters',
        '必须是不超过 190 个字符的非空字符串',
      );
    }
    expect(readOptions({ idempotencyKey: 'k'.repeat(190) }, false).idempotencyKey).toBe('k'.repeat(190));
  });

  it('`customer` must be a parsed customer: an object with a string id and a contacts array', () => {
    const withIdAndContacts = Object.assign(() => true, { id: 'acme', contacts: [] });
    for (const bad of ['acme', withIdAndContacts, { id: 42, contacts: [] }, { id: 'acme' }, { id: 'acme', contacts: 'ct-wang' }]) {
      expectInvalidOption(
        thrown(() => evaluateTransition(makeDeal(), pipeline, { type: 'suspend' }, { customer: bad as never })),
        'customer',
        { code: 'must_be_customer', en: 'must be a parsed customer (parseCustomer)', 'zh-CN': '必须是已解析的客户' },
        'must be a parsed customer (parseCustomer)',
        '必须是已解析的客户',
      );
    }
    // null is not an object either: refused the same way, not a TypeError.
    expect(thrown(() => evaluateTransition(makeDeal(), pipeline, { type: 'suspend' }, { customer: null as never })).params).toEqual({
      option: 'customer',
      reason: { code: 'must_be_customer', en: 'must be a parsed customer (parseCustomer)', 'zh-CN': '必须是已解析的客户' },
    });
    expect(readOptions({ customer }, false).customer).toBe(customer);
  });

  it('reads every valid option as given', () => {
    const guards = { creditApproved: () => true };
    expect(readOptions({ at: CREATED, by: 'u', locale: 'zh-CN', guards, expectedVersion: 0, idempotencyKey: 'k', customer }, true)).toEqual({
      locale: 'zh-CN',
      at: new Date(CREATED),
      by: 'u',
      guards,
      expectedVersion: 0,
      idempotencyKey: 'k',
      customer,
    });
  });
});

describe('shown: a short text for any value', () => {
  it('primitives read as themselves', () => {
    expect(shown('advance')).toBe('advance');
    expect(shown(42)).toBe('42');
    expect(shown(-0.5)).toBe('-0.5');
    expect(shown(true)).toBe('true');
    expect(shown(false)).toBe('false');
    expect(shown(10n)).toBe('10');
    expect(shown(null)).toBe('null');
    expect(shown(undefined)).toBe('undefined');
  });

  it('arrays, objects, functions and symbols are named by their kind, never printed', () => {
    expect(shown([1, 2])).toBe('an array');
    expect(shown([])).toBe('an array');
    expect(shown({ type: 'advance' })).toBe('a value of type object');
    expect(shown(Object.create(null))).toBe('a value of type object');
    expect(shown(() => 1)).toBe('a value of type function');
    expect(shown(Symbol('advance'))).toBe('a value of type symbol');
  });

  it('is cut after 60 characters, with an ellipsis', () => {
    expect(shown('x'.repeat(60))).toBe('x'.repeat(60));
    expect(shown('x'.repeat(61))).toBe(`${'x'.repeat(60)}…`);
    expect(shown('y'.repeat(200))).toBe(`${'y'.repeat(60)}…`);
  });

  it('is what an unknown command type shows in its issue', () => {
    const [found] = evaluateTransition(makeDeal(), pipeline, { type: ['advance'] } as never);
    expect(found?.params).toMatchObject({ type: 'an array' });
    expect(found?.message).toBe('Invalid command: unknown command type "an array"; expected advance, move, win, lose, suspend, resume or reopen.');
  });
});

describe('ledger time', () => {
  const at = (iso: string) => ({ type: 'note', at: new Date(iso) });

  it('lastEventTime is the latest event, wherever it stands in the ledger; undefined for none', () => {
    const ledger = (...isos: string[]) => ({ history: isos.map(at) }) as unknown as Opportunity;
    expect(lastEventTime(ledger())).toBeUndefined();
    expect(lastEventTime(ledger('2026-03-01T00:00:00Z'))).toBe(Date.parse('2026-03-01T00:00:00Z'));
    expect(lastEventTime(ledger('2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z', '2026-03-02T00:00:00Z'))).toBe(Date.parse('2026-03-03T00:00:00Z'));
  });

  it('checkTime: nothing for an empty ledger or without `at`; time_went_backwards before the latest event', () => {
    const issues: FunnelIssue[] = [];
    checkTime({ history: [] } as unknown as Opportunity, readOptions({ at: CREATED }, true), issues);
    checkTime(makeDeal(), readOptions({}, false), issues);
    checkTime(makeDeal(), readOptions({ at: CREATED }, true), issues);
    expect(issues).toEqual([]);
    checkTime(makeDeal(), readOptions({ at: hours(-1), locale: 'zh-CN' }, true), issues);
    expect(issues).toEqual([
      makeIssue('time_went_backwards', { at: '2026-03-01T00:00:00.000Z', last: '2026-03-01T01:00:00.000Z' }, { locale: 'zh-CN', path: ['at'] }),
    ]);
  });
});

describe('eventBase', () => {
  it('carries `by` only when given (no `by: undefined` key), and a fresh Date', () => {
    const ctx = readOptions({ at: hours(1) }, true);
    const base = eventBase(ctx);
    expect(base).toStrictEqual({ at: hours(1) });
    expect(base.at).not.toBe(ctx.at);
    expect(eventBase(readOptions({ at: hours(1), by: 'rep-zhang' }, true))).toStrictEqual({ at: hours(1), by: 'rep-zhang' });
  });

  it('so an event recorded without `by` has no such key', () => {
    const r = transition(makeDeal(), pipeline, { type: 'suspend' }, { at: hours(1) });
    expect(r.ok && r.events).toStrictEqual([{ type: 'suspended', seq: 2, at: hours(1) }]);
  });
});

describe('nextSteps reads the same options', () => {
  it('refuses a malformed option the same way', () => {
    expect(thrown(() => nextSteps(makeDeal(), pipeline, { guards: 'x' as never })).params).toMatchObject({ option: 'guards' });
  });
});
