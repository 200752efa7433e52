import { ValidateIf } from 'class-validator';

/** The field may be left out but not set to null (unlike @IsOptional, which lets null through). */
export const IsOmittable = () => ValidateIf((_object, value) => value !== undefined);

/** The field may be left out, or set to null to clear it. */
export const IsNullable = () => ValidateIf((_object, value) => value !== undefined && value !== null);

/** Some visible character: titles and names cannot be only spaces. */
export const NOT_BLANK = /\S/;
