import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';

/** A class, as class-transformer keys its metadata. */
type Class = abstract new (...args: never[]) => object;

interface TypeMetadata {
  typeFunction?: (options: { newObject: object; object: object; property: string }) => unknown;
  reflectedType?: unknown;
  options?: { discriminator?: unknown };
}

/**
 * The parts of class-transformer's metadata storage read here. Its typings mark the maps private; they are the
 * storage's only record of which classes carry `@Expose`, `@Exclude` or `@Transform`.
 */
interface TransformerStorage {
  _typeMetadatas: Map<Class, Map<string, TypeMetadata>>;
  _transformMetadatas: Map<Class, unknown>;
  _exposeMetadatas: Map<Class, unknown>;
  _excludeMetadatas: Map<Class, unknown>;
  findTypeMetadata(target: Class, propertyName: string): TypeMetadata | undefined;
  getAncestors(target: Class): Class[];
}

const storage = defaultMetadataStorage as unknown as TransformerStorage;

/** What `plainToInstance` does with a value of a property: build a class, or copy (no `@Type`). */
interface Plan {
  target: Class;
  /** Per property with `@Type`: its metadata (the type function is called each time, as class-transformer does). */
  types: ReadonlyMap<string, TypeMetadata>;
}

/** Thrown inside a build for a value this does not copy the way class-transformer would: the caller falls back. */
const UNSUPPORTED = Symbol('unsupported');

/**
 * Past this depth the copy is left to class-transformer, whose own recursion decides: the builder's smaller frames
 * would otherwise accept a body nested deeper than class-transformer can copy (the API refuses bodies deeper than
 * MAX_JSON_DEPTH before they get here).
 */
const MAX_DEPTH = 64;

/** Classes class-transformer converts to rather than builds: their conversions are not repeated here. */
const CONVERTED: readonly unknown[] = [String, Number, Boolean, Date, Buffer, Map, Set, Object, Array];

/**
 * `plainToInstance(target, body)` (default options) for a JSON body, without class-transformer's executor. The
 * validation pipe turns every body into its DTO's instance; on the public registration form class-transformer and
 * Nest's walks around it (proto keys, array gaps, binary values — none of which a parsed JSON body can have) were a
 * twentieth of the API's CPU per request. This builds the same instance in one walk, for the classes and values
 * whose conversion is plain: classes that only use `@Type` (no `@Expose`, `@Exclude`, `@Transform`, discriminators),
 * values made of plain objects, arrays without gaps and primitives, without the keys the pipe strips (`__proto__`,
 * `constructor`, `prototype`). For anything else it returns undefined and the caller asks class-transformer.
 * Tests hold it to class-transformer's own result (prototypes included) over every kind of value.
 */
export class DtoInstanceBuilder {
  private readonly plans = new Map<Class, Plan | null>();

  /** The instance `plainToInstance` would build, or undefined when it must be asked itself. */
  instanceOf(target: unknown, value: unknown): object | undefined {
    if (typeof target !== 'function' || CONVERTED.includes(target) || !isPlainObject(value)) return undefined;
    const plan = this.planFor(target as Class);
    if (!plan) return undefined;
    try {
      return this.build(value, plan, 1);
    } catch (error) {
      if (error === UNSUPPORTED) return undefined;
      throw error;
    }
  }

  private build(value: Record<string, unknown>, plan: Plan, depth: number): object {
    if (depth > MAX_DEPTH) throw UNSUPPORTED;
    const instance = Reflect.construct(plan.target, []) as Record<string, unknown>;
    const prototype = plan.target.prototype as object;
    for (const key of Object.keys(value)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw UNSUPPORTED;
      // class-transformer leaves alone what the class defines as a getter or a method.
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
      if ((descriptor && !descriptor.set) || instance[key] instanceof Function) continue;
      const type = plan.types.get(key);
      const sub = value[key];
      if (!type) {
        instance[key] = copy(sub, depth + 1);
        continue;
      }
      // A discriminator picks the class from the value; a property declared as a Map becomes one.
      if (type.options?.discriminator || type.reflectedType === Map) throw UNSUPPORTED;
      if (Array.isArray(sub) && type.reflectedType !== undefined && type.reflectedType !== Array) throw UNSUPPORTED;
      const target = type.typeFunction
        ? type.typeFunction({ newObject: instance, object: value, property: key })
        : type.reflectedType;
      instance[key] = this.typed(sub, target, depth + 1);
    }
    return instance;
  }

  /** A value of a property with `@Type`: arrays item by item, objects built as the type, primitives as they are. */
  private typed(value: unknown, target: unknown, depth: number): unknown {
    if (target === undefined) return copy(value, depth);
    if (typeof target !== 'function' || CONVERTED.includes(target)) throw UNSUPPORTED;
    if (Array.isArray(value)) {
      checkArray(value, depth);
      return value.map((item) => this.typed(item, target, depth + 1));
    }
    if (value === null || typeof value !== 'object') return value;
    if (!isPlainObject(value)) throw UNSUPPORTED;
    const plan = this.planFor(target as Class);
    if (!plan) throw UNSUPPORTED;
    return this.build(value, plan, depth);
  }

  private planFor(target: Class): Plan | null {
    let plan = this.plans.get(target);
    if (plan === undefined) this.plans.set(target, (plan = compile(target)));
    return plan;
  }
}

function compile(target: Class): Plan | null {
  const lineage = [target, ...storage.getAncestors(target)];
  if (
    lineage.some(
      (c) => storage._exposeMetadatas.has(c) || storage._excludeMetadatas.has(c) || storage._transformMetadatas.has(c),
    )
  )
    return null;
  const types = new Map<string, TypeMetadata>();
  for (const c of lineage)
    for (const property of storage._typeMetadatas.get(c)?.keys() ?? [])
      if (property !== undefined && !types.has(property))
        types.set(property, storage.findTypeMetadata(target, property)!);
  return { target, types };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

function checkArray(value: unknown[], depth: number): void {
  if (depth > MAX_DEPTH || Object.getPrototypeOf(value) !== Array.prototype) throw UNSUPPORTED;
  for (let i = 0; i < value.length; i++) if (!(i in value)) throw UNSUPPORTED; // a gap: the pipe closes it first
}

/** A value without a type: primitives as they are, arrays and plain objects copied (as class-transformer does). */
function copy(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    checkArray(value, depth);
    return value.map((item) => copy(item, depth + 1));
  }
  if (depth > MAX_DEPTH || !isPlainObject(value)) throw UNSUPPORTED;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw UNSUPPORTED;
    // A key naming one of Object.prototype's members is skipped by class-transformer, as a class's methods are.
    const descriptor = Object.getOwnPropertyDescriptor(Object.prototype, key);
    if ((descriptor && !descriptor.set) || out[key] instanceof Function) continue;
    out[key] = copy(value[key], depth + 1);
  }
  return out;
}
