#!/bin/bash
# Runs one of Kafka's command-line tools with its jars, as the distribution's script of the same
# name does; like the distribution's tools, it logs warnings only, to stderr.
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} ${KAFKA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp '/opt/kafka/libs/*' "$@"
