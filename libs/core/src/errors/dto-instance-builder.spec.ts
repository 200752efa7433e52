import 'reflect-metadata';
import { Expose, plainToInstance, Transform, Type } from 'class-transformer';
import { createValidationPipe } from './validation.pipe.js';
import { DtoInstanceBuilder } from './dto-instance-builder.js';

class Address {
  street!: string;
  lines?: string[];
}

class Person {
  name!: string;
  greeting = 'hello'; // an initialiser: both keep it unless the body sets it

  @Type(() => Address)
  address?: Address;

  @Type(() => Address)
  previous?: Address[];

  extra?: unknown;

  get label(): string {
    return `person ${this.name}`;
  }

  describe(): string {
    return this.name;
  }
}

class Employee extends Person {
  @Type(() => Person)
  manager?: Person;
}

class WithTransform {
  @Transform(({ value }: { value: string }) => value.toUpperCase())
  code!: string;
}

class WithExpose {
  @Expose({ name: 'full_name' })
  fullName!: string;
}

class WithDate {
  @Type(() => Date)
  at!: Date;
}

class WithDiscriminator {
  @Type(() => Address, { discriminator: { property: 'kind', subTypes: [{ value: Address, name: 'address' }] } })
  place!: Address;
}

class WithMap {
  @Type(() => Address)
  places!: Map<string, Address>;
}

const person = (): Record<string, unknown> => ({
  name: 'Ada',
  address: { street: 'Hang Bai', lines: ['1', '2'] },
  previous: [{ street: 'Old' }, { street: 'Older', lines: [] }],
  extra: { nested: { deep: [1, 'two', null, { three: true }] } },
});

/** Bodies that the builder must turn into exactly what class-transformer builds. */
const same: Array<[string, new () => object, () => unknown]> = [
  ['a person', Person, person],
  ['a person without nested values', Person, () => ({ name: 'Ada' })],
  ['null and primitives where a class is typed', Person, () => ({ ...person(), address: null, previous: [1, null] })],
  ['a primitive where an array of a class is typed', Person, () => ({ ...person(), previous: 'none' })],
  ['arrays of arrays under a typed property', Person, () => ({ ...person(), previous: [[{ street: 'x' }]] })],
  ['a key naming a getter (skipped)', Person, () => ({ ...person(), label: 'forged' })],
  ['a key naming a method (skipped)', Person, () => ({ ...person(), describe: 'forged' })],
  ['keys naming Object.prototype members', Person, () => ({ ...person(), toString: 1, extra: { valueOf: 2, a: 3 } })],
  ['a body setting an initialised field', Person, () => ({ ...person(), greeting: 'xin chào' })],
  ['an unknown key', Person, () => ({ ...person(), isAdmin: true })],
  ['an inherited @Type and its own', Employee, () => ({ ...person(), manager: person() })],
  ['JSON text parsed', Employee, () => JSON.parse(JSON.stringify({ ...person(), manager: { name: 'Bo' } }))],
];

/** Bodies or classes the builder must leave to class-transformer. */
const declined: Array<[string, unknown, () => unknown]> = [
  ['a @Transform', WithTransform, () => ({ code: 'a' })],
  ['an @Expose', WithExpose, () => ({ full_name: 'A' })],
  ['a @Type of Date (a conversion)', WithDate, () => ({ at: '2025-10-25T00:00:00Z' })],
  ['a property declared as a Map', WithMap, () => ({ places: { home: { street: 'x' } } })],
  ['a discriminator', WithDiscriminator, () => ({ place: { kind: 'address', street: 'x' } })],
  ['a __proto__ key', Person, () => JSON.parse('{"name":"A","__proto__":{"isAdmin":true}}')],
  ['a constructor key', Person, () => ({ name: 'A', extra: { constructor: { prototype: {} } } })],
  ['a prototype key', Person, () => ({ name: 'A', prototype: 1 })],
  ['a sparse array', Person, () => ({ name: 'A', previous: [, { street: 'x' }] })], // eslint-disable-line no-sparse-arrays
  ['a Date value', Person, () => ({ name: 'A', extra: new Date(0) })],
  ['a Buffer value', Person, () => ({ name: 'A', extra: Buffer.from('x') })],
  ['an object without prototype', Person, () => Object.assign(Object.create(null), { name: 'A' })],
  ['an array body', Person, () => [person()]],
  ['a primitive body', Person, () => 'Ada'],
  ['a built-in target', Object, () => ({ a: 1 })],
  [
    'a value nested past its depth',
    Person,
    () => ({ name: 'A', extra: JSON.parse(`${'['.repeat(80)}${']'.repeat(80)}`) }),
  ],
];

/** Deep equality that also compares prototypes and the order of keys. */
function expectSameInstance(actual: unknown, expected: unknown, path = '$'): void {
  if (expected === null || typeof expected !== 'object') {
    expect([path, actual]).toEqual([path, expected]);
    return;
  }
  expect([path, Object.getPrototypeOf(actual)]).toEqual([path, Object.getPrototypeOf(expected)]);
  expect([path, Object.keys(actual as object)]).toEqual([path, Object.keys(expected)]);
  for (const key of Object.keys(expected))
    expectSameInstance(
      (actual as Record<string, unknown>)[key],
      (expected as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
}

describe('DtoInstanceBuilder', () => {
  it.each(same)('should build what plainToInstance builds for %s', (_name, target, body) => {
    const built = new DtoInstanceBuilder().instanceOf(target, body());
    expect(built).toBeDefined();
    expectSameInstance(built, plainToInstance(target, body()));
  });

  it.each(declined)('should leave %s to class-transformer', (_name, target, body) => {
    expect(new DtoInstanceBuilder().instanceOf(target, body())).toBeUndefined();
  });

  it('should not change the body it reads', () => {
    const body = person();
    new DtoInstanceBuilder().instanceOf(Employee, body);
    expect(body).toEqual(person());
  });

  it('should answer through the pipe with the instance class-transformer would build', async () => {
    const pipe = createValidationPipe();
    // Person has no validation rules: the quick check declines, so Nest's pipe answers (forbidUnknownValues).
    await expect(pipe.transform({ name: 'Ada' }, { type: 'body', metatype: Person })).rejects.toMatchObject({
      status: 400,
    });
    expect(pipe.stats).toEqual({ quick: 0, full: 1 });
  });
});
