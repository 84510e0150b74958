// `npm test` runs the console's browser tests in Debian's Chromium (never a downloaded browser).
// On a fresh Debian machine where we are root, install it from Debian's packages; elsewhere say
// how (the browser tests then skip locally, and fail under CI=true).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path) || !existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc')) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing Debian\'s chromium package for the browser tests…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    // A CJK font too: the console is Chinese first, and its screenshots must show the characters.
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-wqy-microhei'], { stdio: 'inherit', env });
  } else {
    console.warn(`Chromium not found at ${path}: install Debian's package (sudo apt-get install chromium) to run the browser tests.`);
  }
}
