/* The records of `model.ts`, under the module path `src/seed` imports them from. */
export type * from './model';
