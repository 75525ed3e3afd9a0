export * from './arc';
export * from './sources/types';
