export * from './auth';
export * from './common';
export * from './customers';
export * from './enums';
export * from './org';
export * from './validators';
