#!/usr/bin/env bash
# Install the distribution libraries WeasyPrint needs (Pango, HarfBuzz, fonts) when missing.
# Browser tests additionally want Chromium; CI installs it (see .ci/run), `make test` skips them without it.
set -u
missing=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || missing+=(libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so' || missing+=(libharfbuzz-subset0)
ldconfig -p 2>/dev/null | grep -q 'libcairo.so.2' || missing+=(libcairo2)
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system libraries for PDF output: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "Please install: ${missing[*]} (apt-get install ...)" >&2; exit 0; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null || \
  echo "Could not install ${missing[*]}; PDF downloads will not work until they are installed." >&2
exit 0
