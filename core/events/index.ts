export * from './contracts';
export * from './cloud-event';
export * from './next-retry-delay';
