// What the rest of the code usually takes from shared/, in one import.
export * from './domain';
export * from './errors';
export * from './fields';
export * from './text';
export * from './rules/cpf';
export * from './rules/cep';
export * from './rules/names';
export * from './rules/email';
export * from './rules/dates';
export * from './rules/vocabulary';
export * from './rules/dip';
export * from './rules/mother';
export * from './rules/fieldValue';
export * from './rules/correction';
export * from './regions';
