export { mountDevtools, type Devtools } from './devtools/mount-devtools.js'
export { DEVTOOLS_DEFAULTS, type DevtoolsOptions } from './devtools/devtools-options.js'
