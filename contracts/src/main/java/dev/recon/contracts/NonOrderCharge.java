package dev.recon.contracts;

/** A payment line without an order id (SPEC §5), grouped by description in the summary. */
public record NonOrderCharge(Line line) implements ResultEvent {}
