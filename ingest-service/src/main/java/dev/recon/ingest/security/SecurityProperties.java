package dev.recon.ingest.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the gateway.
 *
 * @param scope which calls need the token: {@code all} (every page and API call but health and
 *     static files; the default) or {@code admin} (replays and other {@code /api/admin} calls only,
 *     for a local stack on a developer's machine)
 * @param apiToken the secret, sent as {@code Authorization: Bearer <token>} or as the password of
 *     HTTP basic; there is no default, so a gateway never runs with a known secret
 * @param username the user name of HTTP basic (browsers ask for it)
 */
@ConfigurationProperties("recon.security")
public record SecurityProperties(
    @DefaultValue("all") Scope scope, String apiToken, @DefaultValue("recon") String username) {

  /** Which calls need the token. */
  public enum Scope {
    ALL,
    ADMIN
  }

  public SecurityProperties {
    if (apiToken == null || apiToken.isBlank()) {
      throw new IllegalArgumentException(
          "RECON_API_TOKEN is not set: the gateway needs a secret to authenticate uploads and"
              + " admin calls (any long random string, e.g. from `openssl rand -hex 32`)");
    }
  }
}
