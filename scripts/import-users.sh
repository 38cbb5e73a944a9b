#!/bin/sh
# Imports N users (default 100000) into a running Coffer and prints how long it took.
# Each user gets a number from START (default: a fresh range from the clock) and a random UUID,
# with a balance of 100. Run it twice with the same START: the second run opens nothing.
#
#   scripts/import-users.sh [N] [BASE_URL] [START]
#   TOKEN=... scripts/import-users.sh 100000 http://localhost:8080   (TOKEN: the operator role)
set -eu
n=${1:-100000}
base=${2:-http://localhost:8080}
start=${3:-$(( $(date +%s) * 1000000 ))}   # well above the numbers POST /users hands out
file=${TMPDIR:-/tmp}/coffer-import-$start-$n.json
if [ ! -f "$file" ]; then
    awk -v n="$n" -v start="$start" 'BEGIN {
        srand(start % 2147483647);
        printf "[";
        for (i = 0; i < n; i++) {
            u = sprintf("%04x%04x-%04x-4%03x-%04x-%04x%08x", rand() * 65535, rand() * 65535,
                        rand() * 65535, rand() * 4095, 32768 + rand() * 16383, rand() * 65535,
                        rand() * 2147483647);
            printf "%s{\"id\": %.0f, \"externalId\": \"%s\", \"balance\": 100}", (i ? "," : ""), start + i, u;
        }
        printf "]";
    }' > "$file"
fi
echo "$n users, $(wc -c < "$file") bytes, numbers from $start"
curl -sS -X POST "$base/users/import" -H "Authorization: Bearer ${TOKEN:?export TOKEN, a token with the operator role (README, Security)}" -H 'Content-Type: application/json' --data-binary "@$file" \
     -w '\nHTTP %{http_code} in %{time_total} s\n'
