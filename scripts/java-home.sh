# Sourced by ./parley and .ci/run: sets JAVA_HOME to a JDK 21 or newer, or fails with a clear reason.
# Order: $JAVA_HOME if it is 21+, else the newest 21+ JDK under /usr/lib/jvm, else `java` on PATH if 21+.

parley_java_major() {
  # Prints the major version of the java binary $1 (e.g. 25), or nothing. The JDK's release file answers
  # without starting a JVM (~100 ms saved on every ./parley command); otherwise ask the JVM.
  local release
  release="$(dirname "$(dirname "$(readlink -f "$1")")")/release"
  if [ -f "$release" ] && grep -q '^JAVA_VERSION="[0-9]' "$release"; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1
    return
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

parley_find_java_home() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(parley_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$JAVA_HOME"; return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(parley_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  if command -v java >/dev/null 2>&1; then
    major=$(parley_java_major "$(command -v java)")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      dirname "$(dirname "$(readlink -f "$(command -v java)")")"; return 0
    fi
  fi
  return 1
}

if ! PARLEY_JAVA_HOME=$(parley_find_java_home); then
  echo "parley: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm/*, and java on PATH); install one and/or set JAVA_HOME" >&2
  # Sourced from an interactive shell: return, do not close the shell.
  return 2 2>/dev/null || exit 2
fi
export JAVA_HOME="$PARLEY_JAVA_HOME"
