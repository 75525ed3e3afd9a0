// Config files layered over app-config.yaml (`--config app-config.yaml
// --config <file>`): later files win key by key, arrays are replaced whole.

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges config objects the way Backstage layers config files. */
export function mergeConfig(...layers) {
  const out = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      out[key] =
        isPlainObject(value) && isPlainObject(out[key])
          ? mergeConfig(out[key], value)
          : value;
    }
  }
  return out;
}

/** JSON is YAML: Backstage reads it as a config file without a YAML writer. */
export function configFileText(config) {
  return `${JSON.stringify(config, null, 2)}\n`;
}
