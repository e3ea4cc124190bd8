// Loaded before every test file (vitest setupFiles): its temporary directories go when the file ends.
import { afterAll } from 'vitest';
import { removeTempDirs } from './run.js';

afterAll(() => {
  removeTempDirs();
});
