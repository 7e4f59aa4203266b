package dev.recon.ingest.security;

import static org.springframework.security.config.Customizer.withDefaults;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Every call needs the API token (bearer or HTTP basic), except health, static files and, with
 * scope {@code admin}, everything outside {@code /api/admin}. Credentials travel in a header on
 * every request, never in a session cookie, so there is no session and no CSRF token.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
class ApiSecurity {

  @Bean
  SecurityFilterChain tokenRequired(HttpSecurity http, SecurityProperties properties)
      throws Exception {
    TokenAuthentication tokens = new TokenAuthentication(properties);
    AuthenticationEntryPoint refusal = ApiSecurity::refuse;
    http.csrf(csrf -> csrf.disable())
        .cors(withDefaults())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authenticationManager(new ProviderManager(tokens))
        .authorizeHttpRequests(
            calls -> {
              calls
                  // The request that led to these dispatches (a streamed export, an error page)
                  // was authorised already; there is no session to carry its authentication.
                  .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                  .permitAll()
                  .requestMatchers(
                      "/actuator/health/**",
                      "/css/**",
                      "/js/**",
                      "/webjars/**",
                      "/favicon.svg",
                      "/error")
                  .permitAll()
                  .requestMatchers("/api/admin/**")
                  .authenticated()
                  // Retracting an upload rebuilds every result, like a replay.
                  .requestMatchers(HttpMethod.DELETE, "/api/uploads/*")
                  .authenticated();
              if (properties.scope() == SecurityProperties.Scope.ADMIN) {
                calls.anyRequest().permitAll();
              } else {
                calls.anyRequest().authenticated();
              }
            })
        .httpBasic(basic -> basic.authenticationEntryPoint(refusal))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(refusal))
        .addFilterBefore(
            new BearerTokenFilter(tokens, properties.username(), refusal),
            BasicAuthenticationFilter.class);
    return http.build();
  }

  /** 401 with a JSON reason; browsers then ask for the user name and token. */
  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Basic realm=\"Settlement Reconciler\"");
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            "{\"error\":\"authentication required: send Authorization: Bearer <RECON_API_TOKEN>,"
                + " or HTTP basic with the API token as password\"}");
  }
}
