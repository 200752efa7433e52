import { getMetadataStorage, ValidationTypes, type ValidationArguments, type ValidatorOptions } from 'class-validator';
import { metadataGeneration } from './validation-metadata-cache.js';

type Storage = ReturnType<typeof getMetadataStorage>;
/** A class, as class-validator keys its rules (an object's `constructor`). */
type Target = Parameters<Storage['getTargetValidationMetadatas']>[0];
type Rule = ReturnType<Storage['getTargetValidationMetadatas']>[number];

/** What the check concluded: `true` only when class-validator would find nothing wrong. */
type Verdict = boolean | undefined;

/** A rule with its constraint's validators, looked up once (a constraint registered later renews every plan). */
interface ConstraintRule {
  rule: Rule;
  validators: Array<{ validate(value: unknown, args: ValidationArguments): unknown }>;
}

interface PropertyRules {
  name: string;
  /** `@ValidateIf`, `@IsOptional`: when one says no, the property's other rules are skipped. */
  conditions: Array<(object: object, value: unknown) => boolean>;
  /** `@IsDefined` first, then every other constraint, as class-validator runs them. */
  constraints: ConstraintRule[];
  /** `@ValidateNested`. */
  nested: Rule[];
}

interface ClassRules {
  allowed: ReadonlySet<string>;
  properties: PropertyRules[];
}

const isPromise = (value: unknown): boolean =>
  value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';

/**
 * A quick yes for a valid form, from class-validator's own rules. class-validator answers every validation with a
 * tree of error objects (one per property, valid or not), filtered and regrouped per property and object; on the
 * public registration form that was a tenth of the API's CPU per request. Most forms are valid, and for them the
 * only answer needed is "nothing wrong": this walks the same rules (the same metadata, the same constraint
 * instances, the same conditions, whitelist and nesting) and says `true` only when every rule passed. On anything
 * else — a rule failed, a constraint is asynchronous, a kind of rule or option it does not know — it says no or
 * "don't know", and the caller asks class-validator itself, which then finds the errors and words them as always.
 * So a `true` here can only skip work, never an error: each check it makes is one class-validator makes too.
 */
export class ValidFormCheck {
  private readonly storage = getMetadataStorage();
  /** Per class and schema name (class-validator looks nested rules up under the parent's class name). */
  private rules = new Map<Target, Map<string | undefined, ClassRules | null>>();
  private generation = metadataGeneration();

  /** Whether the check applies to validations with these options (rule selection by groups changes the rules). */
  static appliesTo(options: ValidatorOptions | undefined): boolean {
    return !options?.groups?.length && !options?.always && !options?.strictGroups;
  }

  isValid(object: unknown): boolean {
    if (metadataGeneration() !== this.generation) {
      this.rules = new Map(); // a class loaded late added rules
      this.generation = metadataGeneration();
    }
    return this.checkObject(object, undefined) === true;
  }

  private checkObject(object: unknown, schema: string | undefined): Verdict {
    if (object === null || typeof object !== 'object') return undefined;
    const rules = this.rulesFor(object.constructor, schema);
    if (!rules) return undefined;
    for (const key of Object.keys(object)) if (!rules.allowed.has(key)) return false; // whitelist
    for (const property of rules.properties) {
      const value = (object as Record<string, unknown>)[property.name];
      let applies = true;
      for (const condition of property.conditions) if (!condition(object, value)) applies = false;
      if (!applies) continue;
      const constraints = this.checkConstraints(object, value, property.constraints);
      if (constraints !== true) return constraints;
      if (property.nested.length) {
        const nested = this.checkNested(value, property.nested);
        if (nested !== true) return nested;
      }
    }
    return true;
  }

  private checkConstraints(object: object, value: unknown, rules: readonly ConstraintRule[]): Verdict {
    for (const { rule, validators } of rules) {
      if (rule.validateIf && !rule.validateIf(object, value)) continue;
      const each = rule.each && Array.isArray(value);
      if (rule.each && (value instanceof Set || value instanceof Map)) return undefined;
      for (const validator of validators) {
        const args: ValidationArguments = {
          targetName: object.constructor ? object.constructor.name : (undefined as unknown as string),
          property: rule.propertyName,
          object,
          value,
          constraints: rule.constraints,
        };
        if (!each) {
          const valid = validator.validate(value, args);
          if (!valid || isPromise(valid)) return valid ? undefined : false;
          continue;
        }
        for (const item of value as unknown[]) {
          const valid = validator.validate(item, args);
          if (!valid || isPromise(valid)) return valid ? undefined : false;
        }
      }
    }
    return true;
  }

  private checkNested(value: unknown, rules: readonly Rule[]): Verdict {
    if (value === undefined) return true;
    for (const rule of rules) {
      let verdict: Verdict;
      if (Array.isArray(value)) {
        verdict = true;
        // forEach's order and its skipping of holes, as class-validator walks an array.
        for (let i = 0; i < value.length && verdict === true; i++)
          if (i in value) verdict = this.checkNested(value[i], [rule]);
      } else if (value instanceof Set || value instanceof Map) {
        verdict = undefined;
      } else if (value instanceof Object) {
        verdict = this.checkObject(value, typeof rule.target === 'string' ? rule.target : rule.target.name);
      } else {
        verdict = false;
      }
      if (verdict !== true) return verdict;
    }
    return true;
  }

  /** The rules class-validator would apply to an instance of `target` (null: none, or a kind this does not know). */
  private rulesFor(target: Target | undefined, schema: string | undefined): ClassRules | null {
    if (typeof target !== 'function') return null;
    let bySchema = this.rules.get(target);
    if (!bySchema) this.rules.set(target, (bySchema = new Map()));
    let rules = bySchema.get(schema);
    if (rules === undefined) bySchema.set(schema, (rules = this.compile(target, schema)));
    return rules;
  }

  private compile(target: Target, schema: string | undefined): ClassRules | null {
    // The arguments class-validator passes without groups: `always` and `strictGroups` false.
    const metadata = this.storage.getTargetValidationMetadatas(target, schema as string, false, false, undefined);
    if (!metadata.length) return null; // forbidUnknownValues, or nothing to check: class-validator decides
    const grouped = this.storage.groupByPropertyName(metadata);
    const properties: PropertyRules[] = [];
    for (const [name, rules] of Object.entries(grouped)) {
      const property: PropertyRules = { name, conditions: [], constraints: [], nested: [] };
      const defined: ConstraintRule[] = [];
      for (const rule of rules) {
        if (rule.type === ValidationTypes.WHITELIST) continue;
        if (rule.type === ValidationTypes.CONDITIONAL_VALIDATION) {
          property.conditions.push(rule.constraints[0] as PropertyRules['conditions'][number]);
        } else if (rule.type === ValidationTypes.NESTED_VALIDATION) {
          property.nested.push(rule);
        } else if (rule.type === ValidationTypes.IS_DEFINED || rule.type === ValidationTypes.CUSTOM_VALIDATION) {
          const constraint = this.constraintRule(rule);
          if (!constraint) return null; // an asynchronous constraint
          (rule.type === ValidationTypes.IS_DEFINED ? defined : property.constraints).push(constraint);
        } else {
          return null; // promise validation, or a kind added after this was written
        }
      }
      property.constraints.unshift(...defined);
      properties.push(property);
    }
    const allowed = new Set(Object.entries(grouped).flatMap(([name, rules]) => (rules.length ? [name] : [])));
    return { allowed, properties };
  }

  private constraintRule(rule: Rule): ConstraintRule | undefined {
    const constraints = this.storage.getTargetValidatorConstraints(rule.constraintCls);
    if (constraints.some((constraint) => constraint.async)) return undefined;
    return { rule, validators: constraints.map((constraint) => constraint.instance) };
  }
}
