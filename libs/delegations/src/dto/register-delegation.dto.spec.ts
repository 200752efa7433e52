import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createValidationPipe, DtoInstanceBuilder, ValidFormCheck } from '@accord/core';
import { RegisterDelegationDto } from './register-delegation.dto.js';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

const form = (): Record<string, unknown> => ({
  kind: 'ngo',
  organisationName: 'Civil Society Network',
  countryCode: 'VNM',
  focalPoint: { name: 'Focal Point', email: 'focal@ngo.example', language: 'en' },
  members: [
    { fullName: 'Head of Delegation', role: 'head', email: 'head@ngo.example' },
    { fullName: 'Adviser', role: 'adviser' },
  ],
});

const changes: Array<[string, (f: Record<string, unknown>) => void]> = [
  ['the form as it is', () => undefined],
  ['a State by participant code', (f) => ((f.kind = 'state'), (f.participantCode = 'VNM'), delete f.organisationName)],
  ['a State without participant code', (f) => ((f.kind = 'state'), delete f.organisationName)],
  ['an organisation without a name', (f) => delete f.organisationName],
  ['an unknown country', (f) => (f.countryCode = 'XXX')],
  ['a bad focal-point email', (f) => ((f.focalPoint as Record<string, unknown>).email = 'focal')],
  ['no members', (f) => (f.members = [])],
  ['a member without a role', (f) => delete (f.members as Array<Record<string, unknown>>)[1]!.role],
  ['an unknown property', (f) => (f.isAdmin = true)],
];

describe('RegisterDelegationDto and the quick validity check', () => {
  beforeAll(() => createValidationPipe());

  // The public form is the hottest validation in the API: its rules must all be ones the quick check reads, and
  // it must agree with class-validator on each of them.
  it.each(changes)('should agree with class-validator when given %s', async (_name, change) => {
    const body = form();
    change(body);
    const instance = plainToInstance(RegisterDelegationDto, body);
    const errors = await validate(instance, OPTIONS);
    expect(new ValidFormCheck().isValid(instance)).toBe(errors.length === 0);
    // The pipe builds the instance without class-transformer: the same one (toStrictEqual compares classes too).
    expect(new DtoInstanceBuilder().instanceOf(RegisterDelegationDto, body)).toStrictEqual(instance);
  });
});
