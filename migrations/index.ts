import { Register1764000000000 } from './1764000000000-Register';

/** Every migration, oldest first. Listed, not globbed, so that tests and the build run the same set. */
export const migrations = [Register1764000000000];
