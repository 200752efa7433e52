import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  validate,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { createValidationPipe } from './validation.pipe.js';
import { ValidFormCheck } from './valid-form-check.js';

@ValidatorConstraint({ name: 'evenLength' })
class EvenLength implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return typeof value === 'string' && value.length % 2 === 0;
  }
}

@ValidatorConstraint({ name: 'slowlyTrue', async: true })
class SlowlyTrue implements ValidatorConstraintInterface {
  validate() {
    return Promise.resolve(true);
  }
}

class Member {
  @IsString()
  @MinLength(1)
  name!: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @IsIn(['head', 'member'])
  role!: string;
}

class Contact {
  @IsDefined()
  @IsString()
  phone!: string;

  @IsOptional()
  @Validate(EvenLength)
  code?: string;
}

class Form {
  @IsIn(['state', 'ngo'])
  kind!: string;

  @ValidateIf((form: Form) => form.kind === 'ngo' || form.organisation !== undefined)
  @IsString()
  @MaxLength(20)
  organisation?: string;

  @ValidateNested()
  @Type(() => Contact)
  contact!: Contact;

  @ValidateNested({ each: true })
  @ArrayMaxSize(3)
  @Type(() => Member)
  members!: Member[];

  @IsOptional()
  @IsString({ each: true })
  tags?: string[];

  @IsOptional()
  @IsInt()
  @Min(1)
  seats?: number;
}

class Unruled {
  anything?: string;
}

class WithAsyncRule {
  @Validate(SlowlyTrue)
  name!: string;
}

const OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

const valid = (): Record<string, unknown> => ({
  kind: 'ngo',
  organisation: 'Network',
  contact: { phone: '+84 1', code: 'ab' },
  members: [
    { name: 'A', email: 'a@b.example', role: 'head' },
    { name: 'B', role: 'member' },
  ],
  tags: ['x', 'y'],
  seats: 2,
});

/** Every way a form can break (and a few that are still valid), one change at a time. */
const variants: Array<[string, (form: Record<string, unknown>) => void]> = [
  ['as it is', () => undefined],
  ['a state without organisation', (f) => ((f.kind = 'state'), delete f.organisation)],
  ['a state with a too long organisation', (f) => ((f.kind = 'state'), (f.organisation = 'x'.repeat(21)))],
  ['an ngo without organisation', (f) => delete f.organisation],
  ['an unknown kind', (f) => (f.kind = 'club')],
  ['an unknown property', (f) => (f.extra = 1)],
  ['an unknown nested property', (f) => ((f.contact as Record<string, unknown>).fax = '1')],
  ['an unknown property of a member', (f) => ((f.members as Array<Record<string, unknown>>)[1]!.age = 3)],
  ['no contact', (f) => delete f.contact],
  ['a string for the contact', (f) => (f.contact = 'call me')],
  ['a contact without its defined phone', (f) => delete (f.contact as Record<string, unknown>).phone],
  ['an odd code (custom constraint)', (f) => ((f.contact as Record<string, unknown>).code = 'abc')],
  ['no members', (f) => delete f.members],
  ['members as an object', (f) => (f.members = { name: 'A', role: 'head' })],
  ['too many members', (f) => (f.members = [1, 2, 3, 4].map((n) => ({ name: `M${n}`, role: 'member' })))],
  ['a member with a bad email', (f) => ((f.members as Array<Record<string, unknown>>)[0]!.email = 'nope')],
  ['a member that is a number', (f) => ((f.members as unknown[])[1] = 7)],
  ['a member left undefined', (f) => ((f.members as unknown[])[1] = undefined)],
  ['a sparse members array', (f) => (f.members = [, { name: 'B', role: 'member' }])], // eslint-disable-line no-sparse-arrays
  ['an empty members array', (f) => (f.members = [])],
  ['a tag that is not a string', (f) => (f.tags = ['x', 3])],
  ['tags as a string', (f) => (f.tags = 'x')],
  ['seats zero', (f) => (f.seats = 0)],
  ['seats null (optional)', (f) => (f.seats = null)],
  ['seats as a string', (f) => (f.seats = '2')],
];

describe('ValidFormCheck', () => {
  beforeAll(() => createValidationPipe()); // installs the metadata cache, as the API does

  it.each(variants)('should agree with class-validator when given %s', async (_name, change) => {
    const form = valid();
    change(form);
    const instance = plainToInstance(Form, form);
    const errors = await validate(instance, OPTIONS);
    const quick = new ValidFormCheck().isValid(instance);
    // A quick yes must never hide an error; a valid form must get one (or the check saves nothing).
    expect(quick).toBe(errors.length === 0);
  });

  it('should defer to class-validator when a constraint is asynchronous or a class has no rules', () => {
    const check = new ValidFormCheck();
    expect(check.isValid(plainToInstance(WithAsyncRule, { name: 'x' }))).toBe(false);
    expect(check.isValid(plainToInstance(Unruled, { anything: 'x' }))).toBe(false);
    expect(check.isValid(null)).toBe(false);
    expect(check.isValid({ kind: 'ngo' })).toBe(false); // a plain object: no rules
  });

  it('should only apply to validations that select rules by no group', () => {
    expect(ValidFormCheck.appliesTo(OPTIONS)).toBe(true);
    expect(ValidFormCheck.appliesTo(undefined)).toBe(true);
    expect(ValidFormCheck.appliesTo({ ...OPTIONS, groups: ['admin'] })).toBe(false);
    expect(ValidFormCheck.appliesTo({ ...OPTIONS, always: true })).toBe(false);
    expect(ValidFormCheck.appliesTo({ ...OPTIONS, strictGroups: true })).toBe(false);
  });

  it('should answer a valid body quickly and an invalid one with class-validator errors, through the pipe', async () => {
    const pipe = createValidationPipe();
    const metadata = { type: 'body' as const, metatype: Form, data: undefined };
    const accepted: unknown = await pipe.transform(valid(), metadata);
    expect(accepted).toBeInstanceOf(Form);
    expect(pipe.stats).toEqual({ quick: 1, full: 0 });
    await expect(pipe.transform({ ...valid(), seats: 0 }, metadata)).rejects.toMatchObject({
      status: 400,
      extensions: { errors: [expect.objectContaining({ field: 'seats' })] },
    });
    expect(pipe.stats).toEqual({ quick: 1, full: 1 });
  });
});
