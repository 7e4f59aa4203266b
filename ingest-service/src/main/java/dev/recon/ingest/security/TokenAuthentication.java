package dev.recon.ingest.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Accepts the configured user name with the API token as its password. The comparison takes the
 * same time however much of the token is right, so its length of matching prefix cannot be timed.
 */
final class TokenAuthentication implements AuthenticationProvider {

  private final String username;
  private final byte[] token;

  TokenAuthentication(SecurityProperties properties) {
    this.username = properties.username();
    this.token = properties.apiToken().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Authentication authenticate(Authentication attempt) {
    Object secret = attempt.getCredentials();
    boolean tokenMatches =
        secret != null
            && MessageDigest.isEqual(token, secret.toString().getBytes(StandardCharsets.UTF_8));
    if (!tokenMatches || !username.equals(attempt.getName())) {
      throw new BadCredentialsException("wrong user name or API token");
    }
    return UsernamePasswordAuthenticationToken.authenticated(
        username, null, List.of(new SimpleGrantedAuthority("ROLE_OPERATOR")));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
