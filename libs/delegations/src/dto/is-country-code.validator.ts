import countries from 'i18n-iso-countries';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** An ISO 3166-1 alpha-3 code that i18n-iso-countries knows (any case). */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCountryCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be an ISO 3166-1 alpha-3 country code`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^[A-Za-z]{3}$/.test(value) && countries.isValid(value.toUpperCase()),
      },
    });
}
