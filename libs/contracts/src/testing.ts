/** Helpers for specs (`@mizan/contracts/testing`); not part of the contracts the apps import. */
export { icuShape, type IcuShape } from './testing/icu-shape';
