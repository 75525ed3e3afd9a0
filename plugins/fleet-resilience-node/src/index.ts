export * from './arc';
export * from './sources/types';
export * from './extensions';
