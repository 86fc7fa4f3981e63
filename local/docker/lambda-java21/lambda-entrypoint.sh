#!/bin/bash
# The image's own entrypoint (as in the real image): `docker run IMAGE package.Class::method`
# starts the runtime with that handler. Under `sam local` the runtime interface emulator is the
# entrypoint instead and runs /var/runtime/bootstrap itself.
if [ $# -gt 0 ]; then export _HANDLER=$1; fi
if [ -z "${AWS_LAMBDA_RUNTIME_API:-}" ] && [ -x /var/rapid/aws-lambda-rie ]; then
  exec /var/rapid/aws-lambda-rie /var/runtime/bootstrap
fi
exec /var/runtime/bootstrap
