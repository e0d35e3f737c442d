// Prints every first, middle and last name of every locale of @faker-js/faker (MIT), one per
// line as `name<TAB>locale`, for tools/names/build.py. Usage: node faker_js_names.mjs /path/to/unpacked/package
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const root = process.argv[2];
const all = await import(pathToFileURL(path.join(root, 'dist/index.js')).href);
const lines = new Set();
for (const [key, locale] of Object.entries(all)) {
  if (!/^[a-z]{2,3}(_[A-Za-z]+)*$/.test(key) || !locale || !locale.person) continue;
  const walk = (value) => {
    if (typeof value === 'string') lines.add(`${value}\t${key}`);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const field of ['first_name', 'middle_name', 'last_name']) walk(locale.person[field]);
}
console.log([...lines].sort().join('\n'));
