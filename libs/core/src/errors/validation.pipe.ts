import { ValidationError, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { FieldError, validationFailed } from './app-error.js';
import { DtoInstanceBuilder } from './dto-instance-builder.js';
import { cacheValidationMetadata } from './validation-metadata-cache.js';
import { ValidFormCheck } from './valid-form-check.js';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Nest's pipe, asking class-validator for the errors only when the form has any (ValidFormCheck), and building a
 * JSON body's DTO without class-transformer when the DTO's conversion is plain (DtoInstanceBuilder): same answers,
 * a fraction of the work for a valid form.
 */
export class AccordValidationPipe extends ValidationPipe {
  private readonly validForms = new ValidFormCheck();
  private readonly instances = new DtoInstanceBuilder();
  /** Validations answered by the quick check and by class-validator, for tests and diagnostics. */
  readonly stats = { quick: 0, full: 0 };

  /**
   * A valid body whose DTO both quick paths know is answered here; anything else goes through Nest's pipe as it
   * is (which then asks the quick check again, and class-validator for the errors).
   */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (this.quickTransform && this.toValidate(metadata)) {
      const entity = this.instances.instanceOf(metadata.metatype, value);
      if (entity && this.validForms.isValid(entity)) {
        this.stats.quick += 1;
        return entity;
      }
    }
    return super.transform(value, metadata);
  }

  /** Only for the options the quick paths repeat: an instance returned, class-transformer's defaults, no groups. */
  private get quickTransform(): boolean {
    return (
      this.isTransformEnabled &&
      !this.expectedType &&
      !this.transformOptions &&
      ValidFormCheck.appliesTo(this.validatorOptions)
    );
  }

  protected override validate(object: object, options?: ValidatorOptions) {
    if (ValidFormCheck.appliesTo(options) && this.validForms.isValid(object)) {
      this.stats.quick += 1;
      return [];
    }
    this.stats.full += 1;
    return super.validate(object, options);
  }
}

/**
 * Validates and transforms every DTO. Unknown properties are rejected (not silently dropped) so a client that
 * misspells a field, or tries to set one it may not (mass assignment), hears about it.
 */
export function createValidationPipe(): AccordValidationPipe {
  cacheValidationMetadata();
  return new AccordValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
