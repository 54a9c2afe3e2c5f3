'use strict';
// Upstream's `color`: ansis' colours behind a switch.
// ansis decides whether the terminal takes colours (TTY, NO_COLOR, FORCE_COLOR, CI) and
// how a hex colour is downsampled; it is loaded on first use only, so importing Dumbo
// does not load it.
let ansis;
const paint = () => (ansis ??= require('ansis'));

let enableColors = true;

const color = {
  /** `color.level = 0` turns colours off, `1` on (other values: off), as upstream. */
  set level(value) {
    enableColors = value === 1;
  },
  hex: (value) => (text) => (enableColors ? paint().hex(value)(text) : text),
  red: (value) => (enableColors ? paint().red(value) : value),
  green: (value) => (enableColors ? paint().green(value) : value),
  blue: (value) => (enableColors ? paint().blue(value) : value),
  cyan: (value) => (enableColors ? paint().cyan(value) : value),
  yellow: (value) => (enableColors ? paint().yellow(value) : value),
};

module.exports = { color };
