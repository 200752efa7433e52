/**
 * A depositary notification reference as the UN Treaty Section writes it: `C.N.<number>.<year>.TREATIES-<chapter in
 * Roman numerals>.<number in the chapter>`, e.g. `C.N.196.2025.TREATIES-XVIII.16` (chapter XVIII, treaty 16 is the
 * Convention against Cybercrime). Some treaties carry a letter suffix (`…XXVII.7.d`).
 */
export const DEPOSITARY_NOTIFICATION =
  /^C\.N\.[1-9]\d{0,4}\.(19[4-9]\d|2\d{3})\.TREATIES-[IVXLC]+\.[1-9]\d{0,2}(\.[a-z])?$/;

/** The same pattern in PostgreSQL's POSIX syntax, for the CHECK constraint. */
export const DEPOSITARY_NOTIFICATION_SQL =
  '^C\\.N\\.[1-9][0-9]{0,4}\\.(19[4-9][0-9]|2[0-9]{3})\\.TREATIES-[IVXLC]+\\.[1-9][0-9]{0,2}(\\.[a-z])?$';

const ROMAN = /^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

/** True when the reference has the Treaty Section's shape and a well-formed Roman chapter number. */
export function isDepositaryNotification(reference: string): boolean {
  if (!DEPOSITARY_NOTIFICATION.test(reference)) return false;
  const chapter = /TREATIES-([IVXLC]+)\./.exec(reference)![1]!;
  return ROMAN.test(chapter);
}
