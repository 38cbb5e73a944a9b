#!/bin/sh
# Mints a token of the local identity provider that ./mvnw -Prun made in .coffer/identity:
#   scripts/mint-token.sh SUBJECT GROUPS [SECONDS]
#   export TOKEN=$(scripts/mint-token.sh bonus-service coffer.read,coffer.write)
# GROUPS is a comma-separated list of roles: coffer.read, coffer.write, coffer.operator.
# RS256, issuer https://identity.coffer.local, audience coffer, valid SECONDS (default 86400).
# Needs openssl. COFFER_IDENTITY names another key directory, COFFER_ISSUER another issuer.
set -eu
if [ $# -lt 2 ]; then
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
subject=$1
groups=$2
seconds=${3:-86400}
dir=${COFFER_IDENTITY:-.coffer/identity}
issuer=${COFFER_ISSUER:-https://identity.coffer.local}
case "$subject$groups" in
    *[!A-Za-z0-9._@,-]*) echo "SUBJECT and GROUPS: letters, digits and . _ @ - only" >&2; exit 2 ;;
esac
[ -r "$dir/private.pem" ] || { echo "No key in $dir: start ./mvnw -Prun once" >&2; exit 1; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
json_groups=$(printf '%s' "$groups" | sed 's/[^,][^,]*/"&"/g')
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"%s","aud":"coffer","sub":"%s","upn":"%s","groups":[%s],"iat":%s,"exp":%s}' \
    "$issuer" "$subject" "$subject" "$json_groups" "$now" "$((now + seconds))" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$dir/private.pem" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
