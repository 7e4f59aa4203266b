package dev.recon.ingest.replay;

/** The steps of a replay, in order, and how it ended. */
public enum ReplayStatus {
  /** The Streams services and the sink are asked to stop and leave their consumer groups. */
  PAUSING,
  /** Offsets, internal topics and the read model are being reset; nothing is processing. */
  RESETTING,
  /** Processing resumed from the raw topics; past uploads become RECONCILED again one by one. */
  REPROCESSING,
  DONE,
  FAILED
}
