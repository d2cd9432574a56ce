export * from './policy';
export * from './select-surviving-value';
export * from './compute-golden-record';
export * from './plan-golden-change';
