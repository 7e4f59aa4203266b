package dev.recon.stack;

/** Where the services keep their tables: a JDBC URL and the credentials for it. */
public record Database(String url, String user, String password) {}
