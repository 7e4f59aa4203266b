package dev.recon.contracts.line;

/**
 * The first 128 bits of the SHA-256 of a line's kind and normalised values (SPEC §4): the part of a
 * line's identity that does not depend on how often the line occurs in its file.
 *
 * @param high the first 64 bits, big-endian
 * @param low the next 64 bits, big-endian
 */
public record ContentHash(long high, long low) {}
