package dev.recon.ingest.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code Authorization: Bearer <token>}, checked by the same rule as HTTP basic. */
final class BearerTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final TokenAuthentication authentication;
  private final String username;
  private final AuthenticationEntryPoint refusal;

  BearerTokenFilter(
      TokenAuthentication authentication, String username, AuthenticationEntryPoint refusal) {
    this.authentication = authentication;
    this.username = username;
    this.refusal = refusal;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      chain.doFilter(request, response);
      return;
    }
    String token = header.substring(BEARER.length()).strip();
    try {
      SecurityContextHolder.getContext()
          .setAuthentication(
              authentication.authenticate(
                  UsernamePasswordAuthenticationToken.unauthenticated(username, token)));
    } catch (AuthenticationException e) {
      SecurityContextHolder.clearContext();
      refusal.commence(request, response, e);
      return;
    }
    chain.doFilter(request, response);
  }
}
